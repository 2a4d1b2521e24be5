import { html, nothing, type TemplateResult } from 'lit';
import type { BestKnownTime, PortCallListItem } from '@porttask/sdk';
import type { LocalizeController } from '../../core/localize.ts';
import type en from './locales/en.ts';
import type { SortColumn, SortOrder } from './schedule-rows.ts';
import { zoneFor, type TimeZoneMode } from './schedule-time.ts';

type FormattedTime = { time: string; zone: string };

export interface TableView {
  messages: LocalizeController<typeof en>;
  /** Every call shown (after filters); only `first` to `last` are rendered. */
  calls: readonly PortCallListItem[];
  first: number;
  last: number;
  rowHeight: number;
  activeIndex: number;
  sortOrder: SortOrder;
  zoneMode: TimeZoneMode;
  isFlashing(callId: string): boolean;
  time(iso: string, zone: string | undefined, call: PortCallListItem): FormattedTime;
  onSort(order: SortOrder): void;
  onRowClick(call: PortCallListItem, index: number): void;
  onScroll(event: Event): void;
  onKeyDown(event: KeyboardEvent): void;
}

/** The scrolling table (ARIA table roles over a virtual list of rows). */
export function renderTable(view: TableView): TemplateResult {
  const { messages: m, calls, first, last, rowHeight, sortOrder } = view;
  const activeRendered = view.activeIndex >= first && view.activeIndex < last;
  const sortHeader = (column: SortColumn, label: string) => {
    const sorted = sortOrder.column === column;
    return html`<span role="columnheader" class="cell cell--${column}" aria-sort=${sorted ? (sortOrder.descending ? 'descending' : 'ascending') : 'none'}>
      <button type="button" class="sort" @click=${() => view.onSort({ column, descending: sorted && !sortOrder.descending })}>
        ${label}<span aria-hidden="true">${sorted ? (sortOrder.descending ? ' ▼' : ' ▲') : ''}</span>
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
    @scroll=${view.onScroll}
    @keydown=${view.onKeyDown}
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
    <div role="rowgroup" class="sizer" data-height=${calls.length * rowHeight}>
      <div class="window" data-offset=${first * rowHeight}>
        ${calls.slice(first, last).map((call, offset) => renderRow(view, call, first + offset))}
      </div>
    </div>
  </div>`;
}

function renderRow(view: TableView, call: PortCallListItem, index: number): TemplateResult {
  const m = view.messages;
  const zone = zoneFor(view.zoneMode, call.timeZone);
  const delay = call.delayMinutes;
  const updated = view.time(call.updatedAt, zone, call);
  const berth = [call.facilitySMDGCode, call.berth].filter(Boolean).join(' / ');
  const delayText = delay === null ? '' : delay > 0 ? m.term('late', { count: delay }) : delay < 0 ? m.term('early', { count: -delay }) : m.term('onTime');
  return html`<div
    role="row"
    part="row"
    class="row ${view.isFlashing(call.id) ? 'row--flash' : ''} ${index === view.activeIndex ? 'row--active' : ''}"
    aria-rowindex=${index + 2}
    data-index=${index}
    data-id=${call.id}
    data-version=${call.version}
    tabindex=${index === view.activeIndex ? '0' : '-1'}
    @click=${() => view.onRowClick(call, index)}
  >
    <span role="cell" class="cell cell--vessel"><strong title=${call.vesselName}>${call.vesselName}</strong><small>${m.term('imoNumber', { number: call.vesselIMONumber })}</small></span>
    <span role="cell" class="cell cell--voyage">${call.voyage ?? ''}</span>
    <span role="cell" class="cell cell--berth">${berth}</span>
    <span role="cell" class="cell cell--status"><span class="status status--${call.status.toLowerCase()}" title=${m.term(`status${call.status}`)}>${m.term(`status${call.status}`)}</span></span>
    ${timeCell(view, 'arrival', call.arrival, zone, call)}
    ${timeCell(view, 'berthing', call.berthing, zone, call)}
    ${timeCell(view, 'departure', call.departure, zone, call)}
    <span role="cell" class="cell cell--delay ${delay !== null && delay > 15 ? 'late' : ''}">${delayText}</span>
    <span role="cell" class="cell cell--updated"><span class="time">${updated.time} <small class="zone">${updated.zone}</small></span>${call.updatedBy ? html`<small>${m.term('changedBy', { name: call.updatedBy })}</small>` : nothing}</span>
  </div>`;
}

function timeCell(view: TableView, column: string, value: BestKnownTime | null, zone: string | undefined, call: PortCallListItem): TemplateResult {
  if (!value) return html`<span role="cell" class="cell cell--${column}"></span>`;
  const { time, zone: zoneName } = view.time(value.dateTime, zone, call);
  // Two lines, so neither the zone nor the classifier is ever cut off: time, then zone + badge.
  return html`<span role="cell" class="cell cell--${column}">
    <span class="time">${time}</span>
    <span class="time-meta"><small class="zone">${zoneName}</small> <abbr part="badge" class="badge badge--${value.classifierCode.toLowerCase()}" title=${view.messages.term(`classifier${value.classifierCode}`)}>${value.classifierCode}</abbr></span>
  </span>`;
}
