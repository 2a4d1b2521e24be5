import { html, type CSSResultGroup, type PropertyValues, type TemplateResult } from 'lit';
import type { PortTaskClient, WidgetConfig } from '@porttask/sdk';
import { sharedClient } from './client-cache.ts';
import { MissingSettingError } from './describe-error.ts';
import { LocalizeController } from './localize.ts';
import { coreCatalogs } from './locales/index.ts';
import { readPageSettings } from './page-settings.ts';
import { renderEmpty, renderError, renderLoading, stateStyles } from './state-templates.ts';
import { theme } from './theme.ts';
import { WidgetConfigController } from './widget-config-controller.ts';
import { PortTaskBase } from './porttask-base.ts';

/**
 * The base of every PortTask element: where to connect, the tenant's configuration, the
 * language, the theme, and the loading / error states. An element extends it and implements
 * `renderContent(config)`; everything before the configuration has arrived is handled here.
 *
 * Settings an element's attributes leave out come from the `porttask.js` loader on the page,
 * so with the loader a bare `<porttask-…>` tag is enough. Nothing here throws into the host
 * page: a failing API becomes the error state (with Retry) and a `porttask-error` event.
 *
 * @summary Base class of PortTask elements: connection, configuration, language and states.
 *
 * @event porttask-ready - The tenant's widget configuration arrived. `detail.config`.
 * @event porttask-error - The configuration could not be loaded. `detail`: `status` (0 when no
 *   answer arrived), `code`, `message`, `requestId`.
 *
 * @csspart base - The wrapper around everything the element renders.
 * @csspart loading - The loading state.
 * @csspart empty - The empty state.
 * @csspart error - The error state.
 * @csspart retry-button - The Retry button of the error state.
 *
 * @cssproperty --porttask-font-family - Font of all text.
 * @cssproperty --porttask-font-size - Base font size (default 1rem).
 * @cssproperty --porttask-line-height - Base line height (default 1.5).
 * @cssproperty --porttask-color-background - Background of the element.
 * @cssproperty --porttask-color-surface - Background of raised areas (cards, empty state).
 * @cssproperty --porttask-color-text - Body text.
 * @cssproperty --porttask-color-text-muted - Secondary text; keep ≥ 4.5:1 against the background.
 * @cssproperty --porttask-color-border - Borders of controls; keep ≥ 3:1 against the background.
 * @cssproperty --porttask-color-primary - Buttons and links.
 * @cssproperty --porttask-color-on-primary - Text on primary buttons.
 * @cssproperty --porttask-color-danger - Error text and borders.
 * @cssproperty --porttask-color-danger-surface - Background of the error state.
 * @cssproperty --porttask-color-focus-ring - Focus outline color.
 * @cssproperty --porttask-focus-ring-width - Focus outline width (default 3px).
 * @cssproperty --porttask-focus-ring-offset - Gap between a control and its focus outline.
 * @cssproperty --porttask-radius - Corner radius of panels.
 * @cssproperty --porttask-radius-small - Corner radius of controls.
 * @cssproperty --porttask-spacing-extra-small - Smallest gap (default 0.25rem).
 * @cssproperty --porttask-spacing-small - Small gap (default 0.5rem).
 * @cssproperty --porttask-spacing-medium - Medium gap (default 1rem).
 * @cssproperty --porttask-spacing-large - Large gap (default 1.5rem).
 * @cssproperty --porttask-transition-duration - Length of transitions; 0ms under reduced motion.
 */
export class PortTaskElement extends PortTaskBase {
  static override styles: CSSResultGroup = [theme, stateStyles];

  /** The tenant's configuration, fetched once per page and shared with every other element. */
  protected readonly configuration = new WidgetConfigController(this, () => this.connectionSettings);

  protected readonly localize = new LocalizeController(this, {
    catalogs: coreCatalogs,
    requestedLocale: () => this.locale ?? readPageSettings()?.locale,
    tenantLocales: () => this.configuration.value?.locales,
  });

  #restoreFocusAfterRetry = false;

  /** The page-wide SDK client for this element's API and key, for requests of its own. */
  protected get client(): PortTaskClient {
    const { apiUrl, publishableKey } = this.connectionSettings;
    if (!publishableKey) throw new MissingSettingError('publishable-key');
    if (!apiUrl) throw new MissingSettingError('api-url');
    return sharedClient(apiUrl, publishableKey);
  }

  /**
   * The element's own content, once the configuration has arrived. Elements override this;
   * the base renders nothing.
   */
  protected renderContent(_config: WidgetConfig): unknown {
    return null;
  }

  /** The empty state, for elements whose data came back with nothing to show. */
  protected renderEmpty(message: string = this.localize.term('empty')): TemplateResult {
    return renderEmpty(message);
  }

  protected override render(): TemplateResult {
    const { configuration, localize } = this;
    const error = configuration.error;
    const config = configuration.value;
    let content: unknown;
    if (error) content = renderError(localize, error, () => this.#retry());
    else if (configuration.pending || !config) content = renderLoading(localize);
    else content = this.renderContent(config);
    return html`<div
      part="base"
      class="base"
      lang=${localize.locale}
      dir=${localize.dir}
      aria-busy=${configuration.pending ? 'true' : 'false'}
      tabindex="-1"
    >
      ${content}
    </div>`;
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    if (this.#restoreFocusAfterRetry && !this.configuration.pending) {
      // Retry replaced the focused button; put focus back where a keyboard user can go on:
      // the new Retry button if it failed again, else the start of the content.
      this.#restoreFocusAfterRetry = false;
      const retryButton = this.renderRoot.querySelector<HTMLElement>('[part="retry-button"]');
      (retryButton ?? this.renderRoot.querySelector<HTMLElement>('[part="base"]'))?.focus();
    }
  }

  #retry(): void {
    this.#restoreFocusAfterRetry = this.matches(':focus-within');
    void this.configuration.retry();
  }
}
