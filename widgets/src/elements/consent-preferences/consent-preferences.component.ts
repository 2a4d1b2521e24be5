import { html, LitElement, type CSSResultGroup } from 'lit';
import type { WidgetConfig } from '@porttask/sdk';
import { ConsentLocalize } from '../../consent/localize.ts';
import { readPageSettings } from '../../core/page-settings.ts';
import { PortTaskBase } from '../../core/porttask-base.ts';
import { themeTokens } from '../../core/theme-tokens.ts';
import { consentPreferencesStyles } from './consent-preferences.styles.ts';

/**
 * A persistent "Privacy choices" control (for a footer or an account page) that reopens the
 * consent preferences, so withdrawing consent is as easy as giving it. It opens the page's
 * `<porttask-consent-banner>`, adding one (with this element's key and API settings) when the
 * page has none. It shares the banner's chunk in the CDN build (the banner's texts and localizer
 * are its own), so the banner's code is there by the first click.
 *
 * @tagname porttask-consent-preferences
 * @summary Reopens the consent preferences.
 *
 * @slot - Replaces the button's text.
 * @csspart button - The button.
 */
export class ConsentPreferences extends PortTaskBase {
  static override styles: CSSResultGroup = [themeTokens, consentPreferencesStyles];
  /** `focus()` on the element focuses its button (the banner gives focus back this way). */
  static override shadowRootOptions: ShadowRootInit = { ...LitElement.shadowRootOptions, delegatesFocus: true };


  /** The tenant's configuration from the loader's prefetch, for its own texts and locales. */
  #config: WidgetConfig | undefined;
  readonly #localize = new ConsentLocalize(this, () => this.locale, () => this.#config);

  override connectedCallback(): void {
    super.connectedCallback();
    readPageSettings()?.config.then(
      (config) => {
        this.#config = config;
        this.requestUpdate();
      },
      () => {}, // without it the control speaks our own catalogs; the banner reports the failure
    );
  }

  /** Opens the preferences dialog of the page's banner. */
  async open(): Promise<void> {
    const { ConsentBanner } = await import('../consent-banner/porttask-consent-banner.ts');
    let banner = document.querySelector('porttask-consent-banner');
    if (!banner) {
      banner = document.createElement('porttask-consent-banner');
      if (this.publishableKey) banner.setAttribute('publishable-key', this.publishableKey);
      if (this.apiUrl) banner.setAttribute('api-url', this.apiUrl);
      document.body.append(banner);
    }
    if (!(banner instanceof ConsentBanner)) return; // another copy of the widgets defined the tag
    await banner.loaded; // without a configuration (API down) there is nothing to show: the banner said why
    await banner.showPreferences();
  }

  protected override willUpdate(): void {
    this.#localize.resolve();
  }

  protected override render() {
    return html`<button part="button" type="button" aria-haspopup="dialog" @click=${() => this.open()}>
      <slot>${this.#localize.text('openPreferences')}</slot>
    </button>`;
  }
}
