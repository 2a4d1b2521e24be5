import { html, nothing, type CSSResultGroup, type PropertyValues, type TemplateResult } from 'lit';
import { Task, TaskStatus } from '@lit/task';
import type { PortCall, PortCallListItem, PortCallStatus, WidgetConfig } from '@porttask/sdk';
import { describeError } from '../../core/describe-error.ts';
import { LocalizeController } from '../../core/localize.ts';
import { readPageSettings } from '../../core/page-settings.ts';
import { PortTaskElement } from '../../core/porttask-element.ts';
import { renderError, renderLoading, stateStyles } from '../../core/state-templates.ts';
import { theme } from '../../core/theme.ts';
import { scheduleCatalogs } from './locales/index.ts';
import { rowKeyAction } from './schedule-keyboard.ts';
import { ScheduleLiveController } from './schedule-live.ts';
import { LiveQueue } from './schedule-live-queue.ts';
import { ScheduleRows, type ScheduleFilter, type SortOrder } from './schedule-rows.ts';
import { renderTable } from './schedule-table.ts';
import { FormattedTimes, type TimeZoneMode } from './schedule-time.ts';
import { renderToolbar, STATUSES } from './schedule-toolbar.ts';
import { VirtualList } from './schedule-virtual-list.ts';
import { renderDetail } from './vessel-schedule.detail.ts';
import { scheduleStyles } from './vessel-schedule.styles.ts';
import { closeButtonStyles } from '../../core/close-button.ts';

const PAGE_SIZE = 500;
/** Reactive state that is not an attribute (kept apart so docs list only the real attributes). */
const INTERNAL_STATE = {
  search: { state: true },
  statusChoice: { state: true },
  sortOrder: { state: true },
  zoneMode: { state: true },
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
 * @csspart close-button - Closes that dialog.
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

  static override styles: CSSResultGroup = [theme, stateStyles, closeButtonStyles, scheduleStyles];

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
  declare activeIndex: number;
  /** @internal */
  declare detail: { call: PortCallListItem; full: PortCall | undefined; error?: string } | undefined;

  protected readonly messages = new LocalizeController(this, {
    catalogs: scheduleCatalogs,
    requestedLocale: () => this.locale ?? readPageSettings()?.locale,
    tenantLocales: () => this.configuration.value?.locales,
  });

  readonly #rows = new ScheduleRows({ statuses: [] }, { column: 'arrival', descending: false });
  readonly #list = new VirtualList(this, () => this.renderRoot.querySelector<HTMLElement>('.viewport'));
  readonly #times = new FormattedTimes();
  #pendingFocus = false;

  readonly #liveQueue = new LiveQueue((calls) => this.#rows.applyLive(calls), () => this.requestUpdate());
  readonly #liveController = new ScheduleLiveController(this, (event) => this.#liveQueue.push(event.portCall), () => void this.#load.run());

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
      ${renderToolbar({
        messages: m,
        search: this.search,
        statusChoice: this.statusChoice,
        zoneMode: this.zoneMode,
        calls,
        onSearch: (search) => { this.search = search; },
        onStatus: (status) => { this.statusChoice = status; },
        onZone: (mode) => { this.zoneMode = mode; },
      })}
      <p class="summary">
        <span>${m.term('rowCount', { count: calls.length })}</span>
        ${this.live ? html`<span part="live-status" class="live live--${this.#liveController.state}">${this.#liveController.state === 'reconnecting' ? m.term('reconnecting') : m.term('live')}</span>` : nothing}
      </p>
      ${loading ? renderLoading(this.localize) : calls.length === 0 && this.#load.status === TaskStatus.COMPLETE ? this.renderEmpty(m.term('noCalls')) : this.#renderTable(calls)}
      ${this.detail ? renderDetail(this, this.detail, m, (iso, zone) => this.#times.get(iso, m.locale, zone), () => this.#closeDetail()) : nothing}
    `;
  }

  #renderTable(calls: readonly PortCallListItem[]): TemplateResult {
    const m = this.messages;
    return renderTable({
      messages: m,
      calls,
      ...this.#list.range(calls.length),
      rowHeight: this.#list.rowHeight,
      activeIndex: this.activeIndex,
      sortOrder: this.sortOrder,
      zoneMode: this.zoneMode,
      isFlashing: (callId) => this.#liveQueue.isFlashing(callId),
      time: (iso, zone, call) => this.#times.get(iso, m.locale, zone, call),
      onSort: (order) => { this.sortOrder = order; },
      onRowClick: (call, index) => {
        this.#activate(index, true);
        this.#openDetail(call);
      },
      onScroll: this.#list.onScroll,
      onKeyDown: this.#onKeyDown,
    });
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

  #onKeyDown = (event: KeyboardEvent) => {
    const action = rowKeyAction(event.key, this.activeIndex, this.#rows.visible.length, this.#list.rowsPerPage);
    if (!action) return;
    event.preventDefault();
    if ('move' in action) this.#activate(action.move, true);
    else {
      const call = this.#rows.visible[this.activeIndex];
      if (call) this.#openDetail(call);
    }
  };

  #activate(index: number, focus: boolean): void {
    this.activeIndex = index;
    this.#list.scrollIntoView(index);
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
}
