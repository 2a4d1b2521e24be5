import { html, nothing, type CSSResultGroup, type PropertyValues, type TemplateResult } from 'lit';
import { Task, TaskStatus } from '@lit/task';
import type { BestKnownTime, PortCall, PortCallEvent, PortCallListItem, PortCallStatus, WidgetConfig } from '@porttask/sdk';
import { describeError } from '../../core/describe-error.ts';
import { LocalizeController } from '../../core/localize.ts';
import { readPageSettings } from '../../core/page-settings.ts';
import { PortTaskElement } from '../../core/porttask-element.ts';
import { renderError, renderLoading, stateStyles } from '../../core/state-templates.ts';
import { theme } from '../../core/theme.ts';
import { scheduleCatalogs } from './locales/index.ts';
import { download, toCsv, toICalendar } from './schedule-export.ts';
import { ScheduleLiveController } from './schedule-live.ts';
import { ScheduleRows, type ScheduleFilter, type SortColumn, type SortOrder } from './schedule-rows.ts';
import { formatTime, zoneFor, type TimeZoneMode } from './schedule-time.ts';
import { renderDetail } from './vessel-schedule.detail.ts';
import { scheduleStyles } from './vessel-schedule.styles.ts';

const STATUSES: PortCallStatus[] = ['PLANNED', 'ARRIVED', 'BERTHED', 'DEPARTED', 'CANCELLED', 'OMITTED'];
const PAGE_SIZE = 500;
/** Rows rendered above and below the visible ones, so fast scrolling never shows a gap. */
const OVERSCAN = 4;
const FLASH_MS = 1_600;
/** Reactive state that is not an attribute (kept apart so docs list only the real attributes). */
const INTERNAL_STATE = {
  search: { state: true },
  statusChoice: { state: true },
  sortOrder: { state: true },
  zoneMode: { state: true },
  firstVisible: { state: true },
  viewportHeight: { state: true },
  activeIndex: { state: true },
  detail: { state: true },
} as const;

/**
 * A port's vessel schedule: arrivals, berthings and departures with how sure each time is
 * (actual, estimated, planned), delay against plan, filters, search and sort, live updates,
 * and CSV / iCalendar export of what is shown. Only the rows in view are in the DOM, so ten
 * thousand calls scroll smoothly. Times always carry their zone: the port's, UTC or yours.
 *
 * @summary Live vessel schedule (port calls) with filters, export and a timeline per call.
 *
 * @event porttask-ready - The tenant's widget configuration arrived.
 * @event porttask-error - The configuration could not be loaded.
 *
 * @csspart toolbar - Filters, time zone and export buttons.
 * @csspart search - The search field.
 * @csspart table - The scrolling table of port calls.
 * @csspart header-row - The column headers.
 * @csspart row - One port call.
 * @csspart badge - The classifier badge of a time (ACT, EST, PLN).
 * @csspart live-status - "Live" / "Reconnecting…".
 * @csspart detail - The dialog with one call's timeline.
 *
 * @cssproperty --porttask-schedule-height - Height of the scrolling table (default 32rem).
 * @cssproperty --porttask-schedule-flash - Background of a row that just changed.
 */
export class VesselSchedule extends PortTaskElement {
  static override properties = {
    port: {},
    terminal: {},
    status: {},
    from: {},
    to: {},
    tz: {},
    live: { type: Boolean },
    ...INTERNAL_STATE,
  };

  static override styles: CSSResultGroup = [theme, stateStyles, scheduleStyles];

  /** UN/LOCODE of the port to show, e.g. `NLRTM`. All the tenant's ports when left out. */
  declare port: string | undefined;
  /** SMDG code of one terminal. */
  declare terminal: string | undefined;
  /** Statuses shown at first, comma separated (the visitor can change it). */
  declare status: string | undefined;
  /** Calls still in port at or after this date/time (ISO 8601). */
  declare from: string | undefined;
  /** Calls arriving before this date/time (ISO 8601). */
  declare to: string | undefined;
  /** Zone times are shown in at first: `port` (default), `utc` or `local`. */
  declare tz: TimeZoneMode | undefined;
  /** Keep the schedule up to date as calls change. */
  declare live: boolean;

  /** @internal */
  declare search: string;
  /** @internal */
  declare statusChoice: string;
  /** @internal */
  declare sortOrder: SortOrder;
  /** @internal */
  declare zoneMode: TimeZoneMode;
  /** @internal */
  declare firstVisible: number;
  /** @internal */
  declare viewportHeight: number;
  /** @internal */
  declare activeIndex: number;
  /** @internal */
  declare detail: { call: PortCallListItem; full: PortCall | undefined; error?: string } | undefined;

  protected readonly messages = new LocalizeController(this, {
    catalogs: scheduleCatalogs,
    requestedLocale: () => this.locale ?? readPageSettings()?.locale,
    tenantLocales: () => this.configuration.value?.locales,
  });

  readonly #rows = new ScheduleRows({ statuses: [] }, { column: 'arrival', descending: false });
  readonly #flashUntil = new Map<string, number>();
  #rowHeight = 56;
  #resizeObserver: ResizeObserver | undefined;
  #observed: HTMLElement | undefined;
  /** Formatted times per call object (a new version is a new object), per zone and locale. */
  #formatted = new WeakMap<PortCallListItem, { key: string; cells: Map<string, { time: string; zone: string }> }>();
  #pendingFocus = false;

  readonly #liveQueue: PortCallListItem[] = [];
  readonly #liveController = new ScheduleLiveController(this, (event) => this.#queueLive(event), () => void this.#load.run());

  /** Every page of calls for the server-side filters; rows appear as each page arrives. */
  readonly #load = new Task(this, {
    args: () => [this.connectionSettings.apiUrl, this.connectionSettings.publishableKey, this.port, this.terminal, this.from, this.to] as const,
    task: async ([apiUrl, key, port, terminal, from, to], { signal }) => {
      if (!apiUrl || !key) return 0;
      this.#rows.reset(this.#filter(), this.sortOrder);
      this.activeIndex = 0;
      await this.#liveController.opened(); // events from now on reach us; the version check drops repeats
      let batch: PortCallListItem[] = [];
      for await (const call of this.client.portCalls.list({ port, terminal, from, to, limit: PAGE_SIZE }, { signal })) {
        batch.push(call);
        if (batch.length === PAGE_SIZE) {
          this.#rows.addPage(batch);
          batch = [];
          this.requestUpdate();
        }
      }
      this.#rows.addPage(batch);
      return this.#rows.size;
    },
  });

  constructor() {
    super();
    this.live = false;
    this.search = '';
    this.statusChoice = '';
    this.sortOrder = { column: 'arrival', descending: false };
    this.zoneMode = 'port';
    this.firstVisible = 0;
    this.viewportHeight = 512;
    this.activeIndex = 0;
    this.detail = undefined;
  }

  /** The calls shown, in order (after filters, search and sort). */
  get visibleCalls(): readonly PortCallListItem[] {
    return this.#rows.visible;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (changed.has('tz')) this.zoneMode = this.tz === 'utc' || this.tz === 'local' ? this.tz : 'port';
    if (changed.has('status')) this.statusChoice = this.status ?? '';
    if (changed.has('search') || changed.has('statusChoice') || changed.has('sortOrder') || changed.has('from') || changed.has('to')) {
      this.#rows.refilter(this.#filter(), this.sortOrder);
    }
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    const { apiUrl, publishableKey } = this.connectionSettings;
    const liveKey = [this.live, apiUrl, publishableKey, this.port, this.terminal].join(' ');
    this.#liveController.sync(this.live && apiUrl && publishableKey ? this.client : undefined, { port: this.port, terminal: this.terminal }, liveKey);
    const viewport = this.#viewport();
    if (viewport) {
      this.#applyGeometry(viewport);
      this.#observeSize(viewport);
    }
    if (this.#pendingFocus) {
      this.#pendingFocus = false;
      this.renderRoot.querySelector<HTMLElement>(`[data-index="${this.activeIndex}"]`)?.focus();
    }
    const dialog = this.renderRoot.querySelector('dialog');
    if (dialog && this.detail && !dialog.open) dialog.showModal();
  }

  protected override renderContent(_config: WidgetConfig): unknown {
    const m = this.messages;
    if (this.#load.status === TaskStatus.ERROR) {
      return renderError(this.localize, describeError(this.#load.error), () => void this.#load.run());
    }
    const calls = this.#rows.visible;
    const loading = this.#load.status === TaskStatus.PENDING && this.#rows.size === 0;
    return html`
      <div part="toolbar" class="toolbar" role="search">
        <label class="field">
          <span>${m.term('search')}</span>
          <input part="search" type="search" .value=${this.search} @input=${(event: Event) => { this.search = (event.target as HTMLInputElement).value; }} />
        </label>
        <label class="field">
          <span>${m.term('status')}</span>
          <select .value=${this.statusChoice} @change=${(event: Event) => { this.statusChoice = (event.target as HTMLSelectElement).value; }}>
            <option value="" ?selected=${this.statusChoice === ''}>${m.term('allStatuses')}</option>
            ${STATUSES.map((status) => html`<option value=${status} ?selected=${this.statusChoice === status}>${m.term(`status${status}`)}</option>`)}
          </select>
        </label>
        <label class="field">
          <span>${m.term('timesIn')}</span>
          <select @change=${(event: Event) => { this.zoneMode = (event.target as HTMLSelectElement).value as TimeZoneMode; }}>
            ${(['port', 'utc', 'local'] as const).map((mode) => html`<option value=${mode} ?selected=${this.zoneMode === mode}>${m.term(mode === 'port' ? 'zonePort' : mode === 'utc' ? 'zoneUtc' : 'zoneLocal')}</option>`)}
          </select>
        </label>
        <div class="actions">
          <button type="button" class="secondary" @click=${() => download('port-calls.csv', 'text/csv', toCsv(calls))}>${m.term('exportCsv')}</button>
          <button type="button" class="secondary" @click=${() => download('port-calls.ics', 'text/calendar', toICalendar(calls))}>${m.term('exportCalendar')}</button>
        </div>
      </div>
      <p class="summary">
        <span>${m.term('rowCount', { count: calls.length })}</span>
        ${this.live ? html`<span part="live-status" class="live live--${this.#liveController.state}">${this.#liveController.state === 'reconnecting' ? m.term('reconnecting') : m.term('live')}</span>` : nothing}
      </p>
      ${loading ? renderLoading(this.localize) : calls.length === 0 && this.#load.status === TaskStatus.COMPLETE ? this.renderEmpty(m.term('noCalls')) : this.#renderTable(calls)}
      ${this.detail ? renderDetail(this, this.detail, m, (iso, zone) => this.#time(iso, zone), () => this.#closeDetail()) : nothing}
    `;
  }

  #renderTable(calls: readonly PortCallListItem[]): TemplateResult {
    const m = this.messages;
    const first = Math.max(0, this.firstVisible - OVERSCAN);
    const last = Math.min(calls.length, this.firstVisible + Math.ceil(this.viewportHeight / this.#rowHeight) + OVERSCAN);
    const activeRendered = this.activeIndex >= first && this.activeIndex < last;
    const sortHeader = (column: SortColumn, label: string) => {
      const sorted = this.sortOrder.column === column;
      return html`<span role="columnheader" class="cell cell--${column}" aria-sort=${sorted ? (this.sortOrder.descending ? 'descending' : 'ascending') : 'none'}>
        <button type="button" class="sort" @click=${() => { this.sortOrder = { column, descending: sorted && !this.sortOrder.descending }; }}>
          ${label}<span aria-hidden="true">${sorted ? (this.sortOrder.descending ? ' ▼' : ' ▲') : ''}</span>
        </button>
      </span>`;
    };
    const plainHeader = (column: string, label: string) => html`<span role="columnheader" class="cell cell--${column}">${label}</span>`;
    return html`<div
      part="table"
      class="viewport"
      role="table"
      aria-label=${m.term('title')}
      aria-rowcount=${calls.length + 1}
      tabindex=${activeRendered ? '-1' : '0'}
      @scroll=${this.#onScroll}
      @keydown=${this.#onKeyDown}
    >
      <div role="rowgroup" class="header">
        <div role="row" part="header-row" class="row row--header" aria-rowindex="1">
          ${sortHeader('vessel', m.term('columnVessel'))}
          ${plainHeader('voyage', m.term('columnVoyage'))}
          ${plainHeader('berth', m.term('columnBerth'))}
          ${sortHeader('status', m.term('columnStatus'))}
          ${sortHeader('arrival', m.term('columnArrival'))}
          ${sortHeader('berthing', m.term('columnBerthing'))}
          ${sortHeader('departure', m.term('columnDeparture'))}
          ${sortHeader('delay', m.term('columnDelay'))}
          ${sortHeader('updated', m.term('columnUpdated'))}
        </div>
      </div>
      <div role="rowgroup" class="sizer" data-height=${calls.length * this.#rowHeight}>
        <div class="window" data-offset=${first * this.#rowHeight}>
          ${calls.slice(first, last).map((call, offset) => this.#renderRow(call, first + offset))}
        </div>
      </div>
    </div>`;
  }

  #renderRow(call: PortCallListItem, index: number): TemplateResult {
    const m = this.messages;
    const zone = zoneFor(this.zoneMode, call.timeZone);
    const flashing = (this.#flashUntil.get(call.id) ?? 0) > performance.now();
    const delay = call.delayMinutes;
    const updated = this.#time(call.updatedAt, zone, call);
    return html`<div
      role="row"
      part="row"
      class="row ${flashing ? 'row--flash' : ''} ${index === this.activeIndex ? 'row--active' : ''}"
      aria-rowindex=${index + 2}
      data-index=${index}
      data-id=${call.id}
      data-version=${call.version}
      tabindex=${index === this.activeIndex ? '0' : '-1'}
      @click=${() => {
        this.#activate(index, true);
        this.#openDetail(call);
      }}
    >
      <span role="cell" class="cell cell--vessel"><strong>${call.vesselName}</strong><small>${m.term('imoNumber', { number: call.vesselIMONumber })}</small></span>
      <span role="cell" class="cell cell--voyage">${call.voyage ?? ''}</span>
      <span role="cell" class="cell cell--berth">${[call.facilitySMDGCode, call.berth].filter(Boolean).join(' / ')}</span>
      <span role="cell" class="cell cell--status"><span class="status status--${call.status.toLowerCase()}">${m.term(`status${call.status}`)}</span></span>
      ${this.#timeCell('arrival', call.arrival, zone, call)}
      ${this.#timeCell('berthing', call.berthing, zone, call)}
      ${this.#timeCell('departure', call.departure, zone, call)}
      <span role="cell" class="cell cell--delay ${delay !== null && delay > 15 ? 'late' : ''}">${delay === null ? '' : delay > 0 ? m.term('late', { count: delay }) : delay < 0 ? m.term('early', { count: -delay }) : m.term('onTime')}</span>
      <span role="cell" class="cell cell--updated"><span class="time">${updated.time} <small class="zone">${updated.zone}</small></span>${call.updatedBy ? html`<small>${m.term('changedBy', { name: call.updatedBy })}</small>` : nothing}</span>
    </div>`;
  }

  #timeCell(column: string, value: BestKnownTime | null, zone: string | undefined, call: PortCallListItem): TemplateResult {
    if (!value) return html`<span role="cell" class="cell cell--${column}"></span>`;
    const { time, zone: zoneName } = this.#time(value.dateTime, zone, call);
    // Two lines, so neither the zone nor the classifier is ever cut off: time, then zone + badge.
    return html`<span role="cell" class="cell cell--${column}">
      <span class="time">${time}</span>
      <span class="time-meta"><small class="zone">${zoneName}</small> <abbr part="badge" class="badge badge--${value.classifierCode.toLowerCase()}" title=${this.messages.term(`classifier${value.classifierCode}`)}>${value.classifierCode}</abbr></span>
    </span>`;
  }

  #time(iso: string, zone: string | undefined, call?: PortCallListItem): { time: string; zone: string } {
    if (!call) return formatTime(iso, this.messages.locale, zone);
    const key = `${this.messages.locale} ${zone ?? ''}`;
    let cache = this.#formatted.get(call);
    if (!cache || cache.key !== key) {
      cache = { key, cells: new Map() };
      this.#formatted.set(call, cache);
    }
    let cell = cache.cells.get(iso);
    if (!cell) {
      cell = formatTime(iso, this.messages.locale, zone);
      cache.cells.set(iso, cell);
    }
    return cell;
  }

  #filter(): ScheduleFilter {
    return {
      // Port, terminal and dates also filter on the server; here they keep live events in line.
      port: this.port,
      terminal: this.terminal,
      from: this.from,
      to: this.to,
      statuses: (this.statusChoice ?? '').split(',').map((part) => part.trim()).filter((part): part is PortCallStatus => STATUSES.includes(part as PortCallStatus)),
      search: this.search,
    };
  }

  /**
   * Row and viewport heights are read when they change (ResizeObserver), never during an
   * update: reading layout there would force the browser to lay out mid-frame on every scroll.
   */
  #observeSize(viewport: HTMLElement): void {
    if (this.#observed === viewport) return;
    this.#resizeObserver?.disconnect();
    this.#observed = viewport;
    this.#resizeObserver = new ResizeObserver(() => {
      const row = viewport.querySelector<HTMLElement>('[part~="row"]');
      const rowHeight = row?.offsetHeight || this.#rowHeight;
      if (rowHeight !== this.#rowHeight || viewport.clientHeight !== this.viewportHeight) {
        this.#rowHeight = rowHeight;
        this.viewportHeight = viewport.clientHeight;
        this.requestUpdate();
      }
    });
    this.#resizeObserver.observe(viewport);
    const firstRow = viewport.querySelector<HTMLElement>('[part~="row"]');
    if (firstRow) this.#resizeObserver.observe(firstRow);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#resizeObserver?.disconnect();
    this.#observed = undefined;
  }

  #viewport(): HTMLElement | null {
    return this.renderRoot.querySelector<HTMLElement>('.viewport');
  }

  #onScroll = (event: Event) => {
    const first = Math.floor((event.currentTarget as HTMLElement).scrollTop / this.#rowHeight);
    if (first !== this.firstVisible) this.firstVisible = first;
  };

  #onKeyDown = (event: KeyboardEvent) => {
    const count = this.#rows.visible.length;
    if (count === 0) return;
    const page = Math.max(1, Math.floor(this.viewportHeight / this.#rowHeight) - 1);
    const moves: Record<string, number> = {
      ArrowDown: this.activeIndex + 1, ArrowUp: this.activeIndex - 1, PageDown: this.activeIndex + page,
      PageUp: this.activeIndex - page, Home: 0, End: count - 1,
    };
    if (event.key in moves) {
      event.preventDefault();
      this.#activate(Math.min(count - 1, Math.max(0, moves[event.key]!)), true);
    } else if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      const call = this.#rows.visible[this.activeIndex];
      if (call) this.#openDetail(call);
    }
  };

  /**
   * Sizes go through the CSSOM, not style attributes, which a strict CSP (no 'unsafe-inline')
   * blocks; called before the browser paints the new rows.
   */
  #applyGeometry(viewport: HTMLElement): void {
    const sizer = viewport.querySelector<HTMLElement>('.sizer')!;
    const window = viewport.querySelector<HTMLElement>('.window')!;
    sizer.style.height = `${sizer.dataset['height']}px`;
    window.style.transform = `translateY(${window.dataset['offset']}px)`;
  }

  #activate(index: number, focus: boolean): void {
    this.activeIndex = index;
    const viewport = this.#viewport();
    if (viewport) {
      this.#applyGeometry(viewport);
      const header = viewport.querySelector<HTMLElement>('.header')?.offsetHeight ?? 0;
      const top = index * this.#rowHeight;
      const visibleHeight = viewport.clientHeight - header;
      if (top < viewport.scrollTop) viewport.scrollTop = top;
      else if (top + this.#rowHeight > viewport.scrollTop + visibleHeight) viewport.scrollTop = top + this.#rowHeight - visibleHeight;
      this.firstVisible = Math.floor(viewport.scrollTop / this.#rowHeight);
    }
    this.#pendingFocus = focus;
    this.requestUpdate();
  }

  #openDetail(call: PortCallListItem): void {
    this.detail = { call, full: undefined };
    this.client.portCalls.get(call.id).then(
      (full) => {
        if (this.detail?.call.id === call.id) this.detail = { call, full };
      },
      (error: unknown) => {
        const kind = describeError(error).kind;
        const message = this.localize.term(kind === 'network' ? 'errorNetwork' : 'errorServer');
        if (this.detail?.call.id === call.id) this.detail = { call, full: undefined, error: message };
      },
    );
  }

  #closeDetail(): void {
    this.detail = undefined;
    this.#pendingFocus = true;
  }

  /**
   * Live events that arrive together (a partner's import of a thousand calls comes in a few
   * network reads) are applied together, after the task that read them: one re-sort each
   * time, not one per event (which froze the page for seconds).
   */
  #queueLive(event: PortCallEvent): void {
    this.#liveQueue.push(event.portCall);
    if (this.#liveQueue.length === 1) setTimeout(() => this.#applyLive());
  }

  #applyLive(): void {
    const changed = this.#rows.applyLive(this.#liveQueue.splice(0));
    if (changed.length === 0) return;
    const until = performance.now() + FLASH_MS;
    for (const call of changed) this.#flashUntil.set(call.id, until);
    setTimeout(() => {
      for (const call of changed) if (this.#flashUntil.get(call.id) === until) this.#flashUntil.delete(call.id);
      this.requestUpdate();
    }, FLASH_MS);
    this.requestUpdate();
  }
}
