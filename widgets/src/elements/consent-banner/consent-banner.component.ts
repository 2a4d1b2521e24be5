import { html, nothing, type CSSResultGroup, type PropertyDeclarations } from 'lit';
import type { ConsentPurpose, ConsentRecord, ConsentSource, NewConsentRecord, WidgetConfig } from '@porttask/sdk';
import { consentBannerStyles } from './consent-banner.styles.ts';
import { fetchConsentConfig } from '../../consent/config-fetch.ts';
import { consentModeDefault, consentModeUpdate } from '../../consent/google-consent-mode.ts';
import type { DialogView } from './consent-dialog.ts';
import type { FocusWatch } from './consent-decision.ts';
import { deepActiveElement } from './deep-active-element.ts';
import * as model from '../../consent/model.ts';
import { queueDecision, readDecision, readPending, tenantIdOfKey, writeDecision, type StoredDecision } from '../../consent/storage.ts';
import { dispatchPortTaskEvent } from '../../core/events.ts';
import { loaderPrefetch } from '../../core/page-settings.ts';
import { PortTaskBase } from '../../core/porttask-base.ts';
import { themeTokens } from '../../core/theme-tokens.ts';
import type { ConsentChangeDetail, ConsentState } from '../../consent/state.ts';
import type { ConsentSync } from '../../consent/sync.ts';
import { ConsentLocalize } from '../../consent/localize.ts';

type DecisionCode = typeof import('./consent-decision.ts');

/**
 * The consent banner. A first layer with Accept all / Reject all / Customise of equal weight,
 * and a preferences dialog with a switch per purpose. Each decision is kept on the device
 * first, applied to the page (Consent Mode, held-back scripts, cookies), then sent to the API
 * until it has it.
 *
 * It extends the thin PortTaskBase (attributes, connection settings, following the page's
 * language), not PortTaskElement: that one brings the SDK, @lit/task and the shared state
 * templates, and the banner's first load (loader + Lit + banner + English) must stay within
 * 13 KB gzip. It adopts the loader's prefetched configuration (or fetches its own with plain
 * fetch) and posts decisions with fetch (consent/sync.ts). Deciding, the page effects and focus
 * around the banner are a chunk of their own (consent-decision.ts), fetched after the first
 * frame (at once for a returning visitor). When the API is down it renders nothing and leaves
 * the page alone.
 *
 * @tagname porttask-consent-banner
 * @summary Consent banner and preferences dialog with proof of consent.
 *
 * @event porttask-consent-change - The consent state: at start, on every decision, and when the server recorded it. `detail`: `consent`, `reason`.
 *
 * @slot logo - The partner's logo (an `<img slot="logo" alt="…">`), above the banner's title.
 *
 * @csspart banner - The first layer.
 * @csspart title - Its heading.
 * @csspart description - Its text.
 * @csspart policy-link - The link to the privacy policy.
 * @csspart gpc-notice - Says that Global Privacy Control was honoured.
 * @csspart actions - The row of buttons.
 * @csspart button - Every choice button (accept, reject, customise, save).
 * @csspart accept-button - Accept all.
 * @csspart reject-button - Reject all.
 * @csspart customise-button - Opens the preferences.
 * @csspart save-button - Saves the preferences.
 * @csspart dialog - The preferences dialog.
 * @csspart close-button - Closes it without deciding.
 * @csspart purpose - One purpose in the dialog.
 * @csspart switch - A purpose's on/off switch.
 * @csspart developer-notice - Shown instead of the banner on localhost / test keys while no privacy policy is published.
 *
 * @cssproperty --porttask-color-primary - Background of the choice buttons.
 * @cssproperty --porttask-color-on-primary - Text on the choice buttons.
 * @cssproperty --porttask-color-background - Background of the banner and dialog.
 */
export class ConsentBanner extends PortTaskBase {
  static override properties: PropertyDeclarations = {
    config: { state: true, attribute: false },
    bannerOpen: { state: true, attribute: false },
    draft: { state: true, attribute: false },
    developerNotice: { state: true, attribute: false },
  };

  static override styles: CSSResultGroup = [themeTokens, consentBannerStyles];

  /** @internal The tenant's configuration, once it arrived. */
  protected declare config: WidgetConfig | undefined;
  /** @internal */
  protected declare bannerOpen: boolean;
  /** @internal The dialog's switches while it is open. */
  protected declare draft: Record<string, boolean> | undefined;
  /** @internal Shown instead of the banner to developers while the tenant has no published policy. */
  protected declare developerNotice: unknown;

  readonly #localize = new ConsentLocalize(this, () => this.locale, () => this.config);

  #tenantId = '';
  #decision: StoredDecision | undefined;
  /** The sender (a chunk loaded once there is something to send); undefined without API settings. */
  #sync: Promise<ConsentSync | undefined> | undefined;
  #connection: { apiUrl: string; key: string } | undefined;
  #loadRetryMs = 500;
  #returnFocus: HTMLElement | null = null;
  /** Focus around the banner (from the decision chunk, once it is there). */
  #focusWatch: FocusWatch | undefined;
  #dialogModule: Promise<typeof import('./consent-dialog.ts')> | undefined;
  /** What deciding and applying takes (consent-decision.ts): fetched after the first frame, or at once when a decision applies. */
  #decisionCode: Promise<DecisionCode> | undefined;
  #loadedDialog: typeof import('./consent-dialog.ts') | undefined;
  readonly #gpc = model.browserSendsGpc();

  constructor() {
    super();
    this.bannerOpen = false;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.#decisionCode?.then((code) => this.#watchFocus(code), () => {});
    consentModeDefault();
    addEventListener('pagehide', this.#pageHide);
    addEventListener('online', this.#online);
    this.loaded = this.#start();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#focusWatch?.stop();
    this.#focusWatch = undefined;
    removeEventListener('pagehide', this.#pageHide);
    removeEventListener('online', this.#online);
    void this.#sync?.then((sync) => sync?.stop());
    this.#sync = undefined;
  }

  /** Settles when the banner has started: with its configuration, or without it (API down). */
  loaded: Promise<void> = Promise.resolve();

  /** True once the tenant's configuration has arrived and the banner can show its preferences. */
  get ready(): boolean {
    return !!this.config;
  }

  /** The visitor's current consent. */
  getConsent(): ConsentState {
    const decision = this.#current();
    const consent = this.config?.consent;
    return {
      decided: !!decision,
      choices: decision?.choices ?? (consent ? model.choicesWithoutDecision(consent, this.#gpc) : {}),
      policyVersion: decision?.policyVersion ?? this.config?.policy?.version ?? null,
      decidedAt: decision?.decidedAt ?? null,
      expiresAt: decision?.expiresAt ?? null,
      source: decision?.source ?? null,
      gpc: this.#gpc,
      subjectId: decision?.subjectId ?? null,
      receiptId: decision?.receiptId ?? null,
    };
  }

  /** Opens the preferences dialog (focus moves into it, and back when it closes). */
  async showPreferences(): Promise<void> {
    const consent = this.config?.consent;
    if (!consent) return;
    this.#returnFocus = deepActiveElement();
    if (!(await this.#loadDialog())) return;
    // The choices in force: a decision's, else the model's (opt-in: nothing optional is ticked
    // until the visitor ticks it; opt-out: what runs until refused).
    const inForce = this.getConsent().choices;
    this.draft = Object.fromEntries(consent.purposes.map((purpose) => [purpose.key, purpose.required || !!inForce[purpose.key]]));
    await this.updateComplete;
    const dialog = this.#dialog();
    if (!dialog) return;
    if (!dialog.open) dialog.showModal();
    this.#loadedDialog?.focusableIn(dialog)[0]?.focus();
  }

  /** The dialog's code and styles (a chunk of their own); false when they cannot be loaded. */
  async #loadDialog(): Promise<boolean> {
    // A decision is near (the preferences are opening): have the sender ready too.
    this.#withSync(() => {});
    this.#dialogModule ??= import('./consent-dialog.ts').then((module) => {
      const root = this.renderRoot as ShadowRoot;
      root.adoptedStyleSheets = [...root.adoptedStyleSheets, module.dialogStyles.styleSheet!];
      this.#loadedDialog = module;
      return module;
    });
    try {
      await this.#dialogModule;
      return true;
    } catch (error) {
      this.#dialogModule = undefined; // offline: try again on the next click
      console.warn('PortTask: the consent preferences could not be loaded.', error);
      return false;
    }
  }

  /** The decision chunk; rejects when it cannot load (offline), and is fetched again on the next call. */
  #decisionChunk(): Promise<DecisionCode> {
    this.#decisionCode ??= import('./consent-decision.ts').then(
      (code) => {
        this.#watchFocus(code);
        return code;
      },
      (error: unknown) => {
        this.#decisionCode = undefined;
        throw error;
      },
    );
    return this.#decisionCode;
  }

  #watchFocus(code: DecisionCode): void {
    if (this.isConnected) this.#focusWatch ??= code.watchFocus(this, () => (this.bannerOpen ? this.renderRoot.querySelector('[part~="banner"]') : undefined));
  }

  async #start(): Promise<void> {
    const { apiUrl = '', publishableKey: key = '' } = this.connectionSettings;
    this.#tenantId = tenantIdOfKey(key);
    this.#decision = readDecision(this.#tenantId);
    this.#connection = apiUrl && key ? { apiUrl, key } : undefined;
    this.#online();
    let config: WidgetConfig;
    try {
      config = await (loaderPrefetch(apiUrl, key) ?? fetchConsentConfig(apiUrl, key));
    } catch (error) {
      // No configuration (API down, wrong key): say so once; a decision made earlier still applies.
      console.warn('PortTask: the consent banner cannot show without its configuration.', error);
      const decision = this.#current();
      // Which purposes GPC refuses is in the configuration; without it, at least no advertising signal is granted.
      if (decision) await this.#apply(decision.choices, this.#gpc ? decision.signals.filter((signal) => !signal.startsWith('ad_')) : decision.signals);
      this.#emit('loaded');
      return;
    }
    this.config = config;
    const consent = config.consent;
    const decision = this.#current();
    // (A returning visitor's banner stays closed: the decision chunk is fetched at once.)
    const underGpc = decision && (await this.#decisionChunk().catch(() => undefined))?.choicesUnderGpc(consent, decision.choices, this.#gpc);
    if (underGpc) {
      // The decision predates the browser's GPC signal and granted what it refuses: the signal
      // is the visitor's later word. Record it, and open the banner so its notice says so.
      this.bannerOpen = true;
      await this.#decide(underGpc, 'gpc', false);
    } else if (decision) {
      await this.#apply(decision.choices, decision.signals);
    } else {
      const choices = model.choicesWithoutDecision(consent, this.#gpc);
      // Opt-in: Consent Mode stays at its default until a choice. consent-mode.js may have
      // replayed a stored decision's signals before we knew it no longer holds (new policy,
      // expired): take them back.
      if (consent.model !== 'opt_out' && this.#decision) consentModeUpdate([]);
      this.bannerOpen = !!config.policy;
      // The effects of the choices in force (opt-out: what runs until refused; opt-in: cookies
      // left by a decision that no longer holds go) and the sender wait for the banner's first
      // frame: nothing but the banner competes for it. Then a decision goes out the moment it
      // is made.
      await this.updateComplete;
      // (A hidden tab paints no frame: then at most 100 ms later.)
      await new Promise((painted) => {
        requestAnimationFrame(() => setTimeout(painted));
        setTimeout(painted, 100);
      });
      if (this.bannerOpen) this.#withSync(() => {});
      if (consent.model === 'opt_out') await this.#apply(choices);
      else await this.#decisionChunk().then((code) => code.clearCookies(code.refusedCookiePatterns(consent, choices)), () => {});
      if (!config.policy) await this.#warnNoPolicy(key);
      // Once the banner is up and the browser idle, fetch the dialog so Customise opens at once.
      if (this.bannerOpen) (globalThis.requestIdleCallback ?? setTimeout)(() => void this.#loadDialog());
      // Opt-out jurisdictions: the GPC signal itself is the visitor's decision; record it.
      if (config.policy && consent.model === 'opt_out' && model.gpcRefusedPurposes(consent, this.#gpc).length > 0) {
        await this.#decide(choices, 'gpc', false);
      }
    }
    this.#emit('loaded');
  }

  /** Without a published policy visitors see no banner; the notice module tells the developer why. */
  async #warnNoPolicy(publishableKey: string): Promise<void> {
    const notice = await import('./consent-developer-notice.ts').catch(() => undefined);
    this.developerNotice = notice?.reportMissingPolicy(this.renderRoot as ShadowRoot, this.#tenantId, publishableKey, () => { this.developerNotice = undefined; });
  }

  /** The decision in force: unexpired and, once the configuration is known, under its policy. */
  #current(): StoredDecision | undefined {
    const policyVersion = this.config ? this.config.policy?.version : this.#decision?.policyVersion;
    return model.isCurrent(this.#decision, policyVersion) ? this.#decision : undefined;
  }

  /**
   * Applies choices: Consent Mode (known `signals` at once, else what the choices grant), then
   * the scripts they allow and the cookies they refuse (per the configuration, once it is
   * there) from the decision chunk. If that cannot load, Consent Mode alone (nothing granted
   * without known signals).
   */
  async #apply(choices: Record<string, boolean>, signals?: string[]): Promise<void> {
    if (signals) consentModeUpdate(signals);
    const code = await this.#decisionChunk().catch((error: unknown) => console.warn('PortTask: the consent decision could not be applied to the page.', error));
    const consent = this.config?.consent;
    if (!signals) consentModeUpdate(code && consent ? code.grantedSignals(consent, choices) : []);
    code?.applyToPage(choices, code && consent ? code.refusedCookiePatterns(consent, choices) : []);
  }

  /** `choose` gives the choices, or picks them with the decision chunk's rules (Accept all, Reject all). */
  async #decide(choose: Record<string, boolean> | ((code: DecisionCode) => Record<string, boolean>), source: ConsentSource, close = true): Promise<void> {
    const config = this.config;
    if (!config?.policy) return;
    let code: DecisionCode;
    try {
      code = await this.#decisionChunk();
    } catch (error) {
      // Nothing was decided: the banner stays, and the next click fetches the code again.
      console.warn('PortTask: the consent decision could not be made (its code did not load).', error);
      return;
    }
    // Closed once the code is there (normally fetched after the first frame: no wait at all).
    if (close) {
      this.bannerOpen = false;
      this.#closeDialog();
    }
    const choices = typeof choose === 'function' ? choose(code) : choose;
    // The buttons the visitor used are gone after this update; focus must not fall to <body>.
    if (close) void this.updateComplete.then(() => code.keepFocusOnPage(this.#focusWatch?.before() ?? null));
    const shown = code.shownText(this.#localize, config, this.#gpc);
    const { decision, bannerTextHash } = await code.decide({ ...config, policy: config.policy }, this.#tenantId, choices, source, this.#gpc, shown);
    this.#decision = decision;
    await this.#apply(choices, decision.signals);
    this.#emit('decision');
    if (bannerTextHash) this.#send(decision.key, {
      subjectId: decision.subjectId,
      choices,
      policyVersion: decision.policyVersion,
      bannerTextHash,
      locale: this.#localize.locale,
      source,
      gpc: this.#gpc,
      decidedAt: decision.decidedAt,
    });
  }

  #recorded(key: string, record: ConsentRecord): void {
    // The device's storage is the truth: another tab may have decided since, or storage was cleared.
    const decision = readDecision(this.#tenantId);
    if (decision?.key !== key) return;
    decision.receiptId = record.receiptId;
    writeDecision(this.#tenantId, decision);
    this.#decision = decision;
    this.#emit('recorded');
  }

  #emit(reason: ConsentChangeDetail['reason']): void {
    dispatchPortTaskEvent(this, 'porttask-consent-change', { consent: this.getConsent(), reason });
  }

  /** On the device first (so leaving the page loses nothing), then to the sender. */
  #send(key: string, body: NewConsentRecord): void {
    queueDecision(this.#tenantId, key, body);
    this.#withSync((sync) => sync.sendNow());
  }

  #withSync(use: (sync: ConsentSync) => unknown): void {
    const connection = this.#connection;
    if (!connection || !this.isConnected) return;
    this.#sync ??= import('../../consent/sync.ts').then(
      ({ ConsentSync }) => new ConsentSync(connection.apiUrl, connection.key, this.#tenantId, (sentKey, record) => this.#recorded(sentKey, record)),
      () => {
        // The chunk could not load (offline, or the API that serves it is down): the decision
        // waits in the queue; try again with backoff, as the sender itself would.
        this.#sync = undefined;
        this.#loadRetryMs = Math.min(this.#loadRetryMs * 2, 60_000);
        setTimeout(this.#online, this.#loadRetryMs);
        return undefined;
      },
    );
    const sync = this.#sync;
    void sync?.then((sender) => { if (sender && this.#sync === sync) use(sender); });
  }

  readonly #pageHide = () => void this.#sync?.then((sync) => sync?.sendBeforeUnload());
  /** Sends what is queued (left by an earlier page, or waiting for the network). */
  readonly #online = () => {
    if (readPending(this.#tenantId).length > 0) this.#withSync((sync) => sync.flush());
  };

  #dialog(): HTMLDialogElement | null {
    return this.renderRoot.querySelector('dialog');
  }

  #closeDialog(): void {
    this.#dialog()?.close();
    this.draft = undefined;
    const target = this.#returnFocus;
    this.#returnFocus = null;
    if (target?.isConnected) target.focus();
  }

  protected override willUpdate(): void {
    this.#localize.resolve();
  }

  protected override render() {
    const config = this.config;
    if (!config) return nothing;
    const consent = config.consent;
    const policy = config.policy;
    const notice = this.#localize.gpcNotice(this.#gpc);
    const noticeTemplate = notice ? html`<p part="gpc-notice" class="notice">${notice}</p>` : nothing;
    const acceptAll = () => this.#decide((code) => code.acceptAllChoices(consent, this.#gpc), this.draft ? 'preferences' : 'banner');
    const rejectAll = () => this.#decide((code) => code.rejectAllChoices(consent), this.draft ? 'preferences' : 'banner');
    const choiceButtons = html`
      <button part="button accept-button" class="button" @click=${acceptAll}>${this.#localize.text('acceptAll')}</button>
      <button part="button reject-button" class="button" @click=${rejectAll}>${this.#localize.text('rejectAll')}</button>`;
    return html`
      ${this.developerNotice ?? nothing}
      ${this.bannerOpen && policy ? html`<section part="banner" class="banner" aria-labelledby="title" lang=${this.#localize.locale} dir=${this.#localize.dir}>
        <slot name="logo"></slot>
        <h2 part="title" id="title">${this.#localize.text('title')}</h2>
        <p part="description">${this.#localize.text('description')}
          <a part="policy-link" href=${policy.url}>${this.#localize.text('policyLink', { version: policy.version, date: this.#localize.date(policy.lastUpdated) })}</a></p>
        ${noticeTemplate}
        <div part="actions" class="actions">
          ${choiceButtons}
          <button part="button customise-button" class="button" aria-haspopup="dialog" @click=${() => this.showPreferences()}>${this.#localize.text('customise')}</button>
        </div>
      </section>` : nothing}
      ${this.#renderDialog(consent.purposes, noticeTemplate, choiceButtons)}`;
  }

  /** The dialog, once its chunk is there (until then there is nothing to open). */
  #renderDialog(purposes: ConsentPurpose[], notice: unknown, choiceButtons: unknown) {
    const module = this.#loadedDialog;
    if (!module) return nothing;
    const view: DialogView = {
      purposes,
      draft: this.draft,
      locale: this.#localize.locale,
      dir: this.#localize.dir,
      root: this.renderRoot as ShadowRoot,
      text: (key) => this.#localize.text(key),
      purposeText: (purpose) => this.#localize.purposeText(purpose),
      servicesText: (services) => this.#localize.text('services', { services }),
      notice,
      choiceButtons,
      toggle: (key, granted) => { this.draft = { ...this.draft, [key]: granted }; },
      save: () => void this.#decide({ ...this.draft! }, 'preferences'),
      close: () => this.#closeDialog(),
    };
    return module.renderDialog(view);
  }
}
