import { html, type TemplateResult } from 'lit';
import type { PortCallListItem, PortCallStatus } from '@porttask/sdk';
import type { LocalizeController } from '../../core/localize.ts';
import type en from './locales/en.ts';
import { download, toCsv, toICalendar } from './schedule-export.ts';
import type { TimeZoneMode } from './schedule-time.ts';

export const STATUSES: readonly PortCallStatus[] = ['PLANNED', 'ARRIVED', 'BERTHED', 'DEPARTED', 'CANCELLED', 'OMITTED'];

export interface ToolbarView {
  messages: LocalizeController<typeof en>;
  search: string;
  statusChoice: string;
  zoneMode: TimeZoneMode;
  /** What the export buttons write: the calls shown. */
  calls: readonly PortCallListItem[];
  onSearch(search: string): void;
  onStatus(status: string): void;
  onZone(mode: TimeZoneMode): void;
}

/** Search, status filter, time zone and export: everything above the table. */
export function renderToolbar(view: ToolbarView): TemplateResult {
  const { messages: m, calls } = view;
  const zoneLabel = (mode: TimeZoneMode) => m.term(mode === 'port' ? 'zonePort' : mode === 'utc' ? 'zoneUtc' : 'zoneLocal');
  return html`<div part="toolbar" class="toolbar" role="search">
    <label class="field">
      <span>${m.term('search')}</span>
      <input part="search" type="search" .value=${view.search} @input=${(event: Event) => view.onSearch((event.target as HTMLInputElement).value)} />
    </label>
    <label class="field">
      <span>${m.term('status')}</span>
      <select .value=${view.statusChoice} @change=${(event: Event) => view.onStatus((event.target as HTMLSelectElement).value)}>
        <option value="" ?selected=${view.statusChoice === ''}>${m.term('allStatuses')}</option>
        ${STATUSES.map((status) => html`<option value=${status} ?selected=${view.statusChoice === status}>${m.term(`status${status}`)}</option>`)}
      </select>
    </label>
    <label class="field">
      <span>${m.term('timesIn')}</span>
      <select @change=${(event: Event) => view.onZone((event.target as HTMLSelectElement).value as TimeZoneMode)}>
        ${(['port', 'utc', 'local'] as const).map((mode) => html`<option value=${mode} ?selected=${view.zoneMode === mode}>${zoneLabel(mode)}</option>`)}
      </select>
    </label>
    <div class="actions">
      <button type="button" class="secondary" @click=${() => download('port-calls.csv', 'text/csv', toCsv(calls))}>${m.term('exportCsv')}</button>
      <button type="button" class="secondary" @click=${() => download('port-calls.ics', 'text/calendar', toICalendar(calls))}>${m.term('exportCalendar')}</button>
    </div>
  </div>`;
}
