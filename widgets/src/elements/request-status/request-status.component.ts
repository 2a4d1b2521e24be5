import { html, nothing, type CSSResultGroup, type PropertyValues, type TemplateResult } from 'lit';
import { errorFromResponse, type RightsRequestStatus, type RightsRequestStatusView, type WidgetConfig } from '@porttask/sdk';
import { dispatchPortTaskEvent } from '../../core/events.ts';
import { LocalizeController } from '../../core/localize.ts';
import { readPageSettings } from '../../core/page-settings.ts';
import { PortTaskElement } from '../../core/porttask-element.ts';
import { renderLoading, stateStyles } from '../../core/state-templates.ts';
import { theme } from '../../core/theme.ts';
import { rightsCatalogs } from '../../rights/locales/index.ts';
import { takeRequestLinkFromAddress } from '../../rights/request-link.ts';
import { formatDay, formatMoment } from '../../rights/rights-dates.ts';
import { problemMessage, rightsProblemOf, type RightsProblem } from '../../rights/rights-problem.ts';
import { rightsStyles } from '../../rights/rights.styles.ts';
import { renderTimeline } from './request-status.timeline.ts';
import { requestStatusStyles } from './request-status.styles.ts';

/** The requester's view; `downloadUrl` arrives once an export is ready (APIs that build exports). */
type StatusView = RightsRequestStatusView & { downloadUrl?: string | null; downloadExpiresAt?: string | null };

const CANCELLABLE: ReadonlySet<RightsRequestStatus> = new Set(['identity_unverified', 'pending', 'approved', 'in_progress']);

export interface RequestCancelledDetail {
  id: string;
}

declare global {
  interface GlobalEventHandlersEventMap {
    'porttask-request-cancelled': CustomEvent<RequestCancelledDetail>;
  }
}

const INTERNAL_STATE = {
  view: { state: true },
  loading: { state: true },
  problem: { state: true },
  confirmingWithdraw: { state: true },
  busy: { state: true },
  announcement: { state: true },
  downloading: { state: true },
  downloadProblem: { state: true },
} as const;

/**
 * Where a requester follows their privacy request: status, the date the answer is due, the
 * steps so far, the download once an export is ready, and withdrawing the request while it is
 * open. Opened from the link in the requester's mail, which carries the request and its token
 * in the URL fragment (`#request=rr_…&token=rqt_…`); the token is then taken out of the
 * address bar and kept for this tab only.
 *
 * @summary Status of a privacy-rights request, with its timeline, download and withdrawal.
 *
 * @event porttask-ready - The tenant's widget configuration arrived.
 * @event porttask-error - The configuration could not be loaded.
 * @event porttask-request-cancelled - The requester withdrew the request. `detail`: `id`.
 *
 * @csspart status - The request's panel.
 * @csspart status-badge - The request's status.
 * @csspart due-date - The date the answer is due by.
 * @csspart timeline - The list of steps so far.
 * @csspart timeline-entry - One step.
 * @csspart download-button - Downloads the export bundle, once the API reports one.
 * @csspart withdraw-button - Withdraws the request (asks first).
 * @csspart confirm-withdraw-button - Confirms the withdrawal.
 * @csspart keep-button - Keeps the request.
 * @csspart problem - What went wrong.
 */
export class RequestStatus extends PortTaskElement {
  static override properties = {
    requestId: { attribute: 'request-id' },
    requesterToken: { attribute: false },
    ...INTERNAL_STATE,
  };

  static override styles: CSSResultGroup = [theme, stateStyles, rightsStyles, requestStatusStyles];

  /** The request to show; by default the one in the page's address (`#request=…&token=…`). */
  declare requestId: string | undefined;
  /** The requester token (property only: a token does not belong in markup); by default from the address. */
  declare requesterToken: string | undefined;

  /** @internal */ declare view: StatusView | undefined;
  /** @internal */ declare loading: boolean;
  /** @internal */ declare problem: RightsProblem | undefined;
  /** @internal */ declare confirmingWithdraw: boolean;
  /** @internal */ declare busy: boolean;
  /** @internal */ declare announcement: string;
  /** @internal */ declare downloading: boolean;
  /** @internal */ declare downloadProblem: string | undefined;

  protected readonly messages = new LocalizeController(this, {
    catalogs: rightsCatalogs,
    requestedLocale: () => this.locale ?? readPageSettings()?.locale,
    tenantLocales: () => this.configuration.value?.locales,
  });

  #loadedFor = '';
  #focusNext: string | undefined;

  constructor() {
    super();
    this.view = undefined;
    this.loading = false;
    this.problem = undefined;
    this.confirmingWithdraw = false;
    this.busy = false;
    this.announcement = '';
    this.downloading = false;
    this.downloadProblem = undefined;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    const link = takeRequestLinkFromAddress();
    this.requestId ??= link.id;
    this.requesterToken ??= link.token;
    // A link to this same page (the form's "Follow your request") changes only the fragment.
    addEventListener('hashchange', this.#onHashChange);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    removeEventListener('hashchange', this.#onHashChange);
  }

  readonly #onHashChange = (): void => {
    const link = takeRequestLinkFromAddress();
    if (link.id && link.token) {
      this.requestId = link.id;
      this.requesterToken = link.token;
    }
  };

  /** Loads the request again (e.g. after staff acted on it). */
  async refresh(): Promise<void> {
    const { requestId: id, requesterToken: token } = this;
    if (!id || !token) return;
    this.loading = true;
    this.problem = undefined;
    try {
      this.view = await this.client.rightsRequests.status(id, token);
    } catch (error) {
      this.problem = rightsProblemOf(error);
    } finally {
      this.loading = false;
    }
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    const { apiUrl, publishableKey } = this.connectionSettings;
    const target = [apiUrl, publishableKey, this.requestId, this.requesterToken].join(' ');
    if (apiUrl && publishableKey && this.requestId && this.requesterToken && target !== this.#loadedFor) {
      this.#loadedFor = target;
      this.view = undefined;
      void this.refresh();
    }
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    if (this.#focusNext) {
      const target = this.renderRoot.querySelector<HTMLElement>(this.#focusNext);
      if (target) {
        this.#focusNext = undefined;
        target.focus();
      }
    }
  }

  protected override renderContent(config: WidgetConfig): unknown {
    const m = this.messages;
    let content: unknown;
    if (!this.requestId || !this.requesterToken) content = this.#renderNotice(m.term('missingLink'));
    else if (!this.view && this.problem) content = this.#renderLoadProblem(this.problem);
    else if (!this.view) content = renderLoading(this.localize);
    else content = this.#renderStatus(this.view, config);
    return html`${content}<p class="visually-hidden" role="status" aria-live="polite" aria-atomic="true">${this.announcement}</p>`;
  }

  #renderNotice(text: string): TemplateResult {
    return html`<section part="status" class="panel" lang=${this.messages.locale} aria-labelledby="status-title">
      <h2 id="status-title">${this.messages.term('statusTitle')}</h2>
      <p>${text}</p>
    </section>`;
  }

  #renderLoadProblem(problem: RightsProblem): TemplateResult {
    if (problem.kind === 'not-found') return this.#renderNotice(this.messages.term('notFound'));
    return html`<section part="status" class="panel" lang=${this.messages.locale} aria-labelledby="status-title">
      <h2 id="status-title">${this.messages.term('statusTitle')}</h2>
      <p part="problem" class="problem" role="alert">${problemMessage(problem, this.messages, this.localize)}</p>
      <div class="actions"><button part="retry-button" type="button" @click=${() => void this.refresh()}>${this.localize.term('retry')}</button></div>
    </section>`;
  }

  #renderStatus(view: StatusView, config: WidgetConfig): TemplateResult {
    const m = this.messages;
    const dueOn = formatDay(view.dueOn, m.locale);
    const download = this.#downloadUrl(view);
    const open = CANCELLABLE.has(view.status);
    return html`<section part="status" class="panel" lang=${m.locale} aria-labelledby="status-title" aria-busy=${this.loading ? 'true' : 'false'}>
      <h2 id="status-title" tabindex="-1">${m.term('statusTitle')}</h2>
      <dl class="facts">
        <dt>${m.term('statusLabel')}</dt><dd><span part="status-badge" class="status-badge" data-status=${view.status}>${m.term(`status_${view.status}`)}</span></dd>
        <dt>${m.term('requestLabel')}</dt><dd>${m.term(`type_${view.type}`)}</dd>
        <dt>${m.term('reference')}</dt><dd class="reference">${view.id}</dd>
        <dt>${m.term('receivedLabel')}</dt><dd><time datetime=${view.receivedAt}>${formatMoment(view.receivedAt, m.locale)}</time></dd>
        ${open || view.status === 'completed' || view.status === 'denied'
          ? html`<dt>${m.term('dueBy')}</dt><dd part="due-date"><time datetime=${view.dueOn}>${dueOn}</time></dd>
              <dt>${m.term('deadlineLaw')}</dt><dd>${m.term(`law_${view.jurisdiction}`)}</dd>`
          : nothing}
      </dl>
      ${view.status === 'identity_unverified' ? html`<p class="muted">${m.term('unverifiedHint')}</p>` : nothing}
      ${download ? html`<div class="download">
        <button part="download-button" type="button" aria-disabled=${this.downloading ? 'true' : 'false'}
          @click=${() => void this.#download(view.id, download, config.tenant.name)}>${this.downloading ? m.term('downloading') : m.term('download')}</button>
        <span class="hint">${m.term('downloadHint')}${view.downloadExpiresAt ? html` ${m.term('downloadUntil', { date: formatMoment(view.downloadExpiresAt, m.locale) })}` : nothing}</span>
        ${this.downloadProblem ? html`<p part="problem" class="problem" role="alert">${this.downloadProblem}</p>` : nothing}
      </div>` : nothing}
      ${renderTimeline(view.timeline, m)}
      ${this.problem ? html`<p part="problem" class="problem" role="alert">${problemMessage(this.problem, m, this.localize)}</p>` : nothing}
      ${open ? this.#renderWithdraw(config.tenant.name) : nothing}
    </section>`;
  }

  #renderWithdraw(organisation: string): TemplateResult {
    const m = this.messages;
    if (!this.confirmingWithdraw) {
      return html`<div class="actions"><button part="withdraw-button" class="secondary" type="button" @click=${() => this.#askWithdraw()}>${m.term('withdraw')}</button></div>`;
    }
    return html`<div class="withdraw-question" role="group" aria-labelledby="withdraw-question">
      <p id="withdraw-question" tabindex="-1">${m.term('withdrawQuestion', { organisation })}</p>
      <div class="actions">
        <button part="confirm-withdraw-button" type="button" aria-disabled=${this.busy ? 'true' : 'false'} @click=${() => void this.#withdraw()}>${m.term('withdrawConfirm')}</button>
        <button part="keep-button" class="secondary" type="button" @click=${() => this.#keep()}>${m.term('withdrawKeep')}</button>
      </div>
    </div>`;
  }

  /** Only http(s) links, relative ones resolved against the API. */
  #downloadUrl(view: StatusView): string | undefined {
    if (typeof view.downloadUrl !== 'string' || !view.downloadUrl) return undefined;
    try {
      const url = new URL(view.downloadUrl, `${this.connectionSettings.apiUrl ?? location.origin}/`);
      return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : undefined;
    } catch {
      return undefined;
    }
  }

  /**
   * The bundle's link needs the publishable key in a header, so the browser cannot simply follow
   * it: fetch it, then hand the file to the browser as a download.
   */
  async #download(id: string, url: string, organisation: string): Promise<void> {
    const { publishableKey } = this.connectionSettings;
    if (this.downloading || !publishableKey) return;
    this.downloading = true;
    this.downloadProblem = undefined;
    try {
      const response = await fetch(url, { headers: { 'X-PortTask-Key': publishableKey, Accept: 'application/zip' }, credentials: 'omit' });
      if (!response.ok) throw errorFromResponse(response.status, await response.json().catch(() => null), response.headers.get('X-Request-Id'));
      const file = URL.createObjectURL(await response.blob());
      const anchor = Object.assign(document.createElement('a'), { href: file, download: `${id}.zip`, hidden: true });
      this.renderRoot.appendChild(anchor);
      anchor.click();
      anchor.remove();
      setTimeout(() => URL.revokeObjectURL(file), 60_000);
    } catch (error) {
      const status = (error as { status?: unknown }).status;
      // Expired (410), no longer built (404), not ours (403) or a damaged link (400, 422): only
      // the organisation can help. A rate limit or an outage is worth another try.
      this.downloadProblem = typeof status === 'number' && status >= 400 && status < 500 && status !== 429
        ? this.messages.term('downloadExpired', { organisation })
        : problemMessage(rightsProblemOf(error), this.messages, this.localize);
    } finally {
      this.downloading = false;
    }
  }

  #askWithdraw(): void {
    this.confirmingWithdraw = true;
    this.#focusNext = '#withdraw-question';
  }

  #keep(): void {
    this.confirmingWithdraw = false;
    this.#focusNext = '[part="withdraw-button"]';
  }

  async #withdraw(): Promise<void> {
    const { requestId: id, requesterToken: token } = this;
    if (this.busy || !id || !token) return;
    this.busy = true;
    this.problem = undefined;
    try {
      this.view = await this.client.rightsRequests.cancel(id, token);
      this.confirmingWithdraw = false;
      this.announcement = this.messages.term('withdrawn');
      this.#focusNext = '#status-title';
      dispatchPortTaskEvent(this, 'porttask-request-cancelled', { id });
    } catch (error) {
      this.problem = rightsProblemOf(error);
      this.confirmingWithdraw = false;
      if (this.problem.kind === 'closed') void this.refresh();
      this.#focusNext = '#status-title';
    } finally {
      this.busy = false;
    }
  }
}
