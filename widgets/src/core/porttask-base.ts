import { LitElement, type PropertyDeclarations } from 'lit';
import { readPageSettings } from './page-settings.ts';
import { unwatchPageLanguage, watchPageLanguage } from './page-language.ts';

/** Where an element sends its requests; either may still be missing. */
export interface ConnectionSettings {
  apiUrl: string | undefined;
  publishableKey: string | undefined;
}

/**
 * The thin base of every PortTask element, the consent banner included: the three attributes
 * every element takes, where it connects (its attributes first, then the `porttask.js`
 * loader's settings), and a new render when the page's language changes. Kept this small on
 * purpose: the banner's first load (loader + Lit + banner + English) has a 13 KB gzip budget.
 * Elements that fetch data extend `PortTaskElement`, which adds the tenant's configuration,
 * the SDK, translations and the loading / error states on top of this.
 */
export class PortTaskBase extends LitElement {
  static override properties: PropertyDeclarations = {
    publishableKey: { attribute: 'publishable-key' },
    apiUrl: { attribute: 'api-url' },
    locale: {},
  };

  /** Publishable key (`pk_test_…` / `pk_live_…`). Defaults to the loader's `data-publishable-key`. */
  declare publishableKey: string | undefined;
  /** Origin of the PortTask API. Defaults to the origin the loader was served from. */
  declare apiUrl: string | undefined;
  /** Language to render in, e.g. `da`. Defaults to the loader's `data-locale`, the page's `lang`, then the browser's languages. */
  declare locale: string | undefined;

  /** Where this element connects: its own attributes first, then the loader's settings (no trailing slash). */
  get connectionSettings(): ConnectionSettings {
    const page = readPageSettings();
    return {
      apiUrl: (this.apiUrl || page?.apiUrl)?.replace(/\/+$/, '') || undefined,
      publishableKey: this.publishableKey || page?.publishableKey || undefined,
    };
  }

  override connectedCallback(): void {
    super.connectedCallback();
    watchPageLanguage(this);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    unwatchPageLanguage(this);
  }
}
