import { html, nothing, type TemplateResult } from 'lit';
import type { PortCall, PortCallListItem } from '@porttask/sdk';
import type { LocalizeController } from '../../core/localize.ts';
import type en from './locales/en.ts';
import { zoneFor, type TimeZoneMode } from './schedule-time.ts';

type Messages = LocalizeController<typeof en>;
type FormatTime = (iso: string, zone: string | undefined) => { time: string; zone: string };

/**
 * The dialog with one call's details and the timeline of every timestamp received (a native
 * modal <dialog>: focus stays inside, Escape closes it, focus returns to the row).
 */
export function renderDetail(
  host: { zoneMode: TimeZoneMode },
  detail: { call: PortCallListItem; full: PortCall | undefined; error?: string },
  messages: Messages,
  formatTime: FormatTime,
  onClose: () => void,
): TemplateResult {
  const { call, full } = detail;
  const zone = zoneFor(host.zoneMode, call.timeZone);
  return html`<dialog part="detail" class="detail" aria-labelledby="detail-title" @close=${onClose}>
    <header class="detail__header">
      <h2 id="detail-title">${call.vesselName}</h2>
      <button type="button" part="close-button" class="close" aria-label=${messages.term('close')} @click=${(event: Event) => (event.currentTarget as HTMLElement).closest('dialog')!.close()}>×</button>
    </header>
    <p>
      ${messages.term('imoNumber', { number: call.vesselIMONumber })}
      ${full?.vessel.MMSINumber ? html` · MMSI ${full.vessel.MMSINumber}` : nothing}
      · ${call.UNLocationCode}${full ? html` (${full.portName})` : nothing}
      ${call.voyage ? html` · ${messages.term('columnVoyage')} ${call.voyage}` : nothing}
      · ${messages.term(`status${call.status}`)}
    </p>
    ${full?.cargoDescription || full?.agentName
      ? html`<p>${[full.cargoDescription, full.cargoQuantity !== null ? `${full.cargoQuantity} ${full.cargoUnit ?? ''}`.trim() : null, full.agentName].filter(Boolean).join(' · ')}</p>`
      : nothing}
    <h3>${messages.term('timeline')}</h3>
    ${full
      ? html`<ol class="timeline">
          ${timeOrder(full.timestamps).map((timestamp) => {
            const when = formatTime(timestamp.dateTime, zone);
            return html`<li class="timeline__item timeline__item--${timestamp.classifierCode.toLowerCase()}">
              <span class="time">${when.time} <small class="zone">${when.zone}</small></span>
              <span>
                <abbr part="badge" class="badge badge--${timestamp.classifierCode.toLowerCase()}" title=${messages.term(`classifier${timestamp.classifierCode}`)}>${timestamp.classifierCode}</abbr>
                ${messages.term(`event${timestamp.eventTypeCode}`)} (${messages.term(`facility${timestamp.facilityTypeCode}`)})
                ${timestamp.delayReasonCode ? html`· ${messages.term('delayReason', { code: timestamp.delayReasonCode })}` : nothing}
                ${timestamp.source ?? timestamp.publisherRole ? html`· ${messages.term('changedBy', { name: timestamp.source ?? timestamp.publisherRole ?? '' })}` : nothing}
              </span>
              ${timestamp.remark ? html`<small>${timestamp.remark}</small>` : nothing}
            </li>`;
          })}
        </ol>`
      : detail.error
        ? html`<p role="alert">${detail.error}</p>`
        : html`<p role="status">…</p>`}
  </dialog>`;
}

/** The timeline reads in the order things happened (then in the order they were received). */
function timeOrder<Timestamp extends { dateTime: string }>(timestamps: readonly Timestamp[]): Timestamp[] {
  return timestamps.map((timestamp, index) => ({ timestamp, index, at: Date.parse(timestamp.dateTime) }))
    .sort((a, b) => a.at - b.at || a.index - b.index)
    .map(({ timestamp }) => timestamp);
}
