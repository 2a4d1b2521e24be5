import { html, nothing, type TemplateResult } from 'lit';
import type { RightsRequestStatusView } from '@porttask/sdk';
import type { LocalizeController } from '../../core/localize.ts';
import type { RightsMessages } from '../../rights/locales/index.ts';
import { formatMoment } from '../../rights/rights-dates.ts';

type TimelineEntry = RightsRequestStatusView['timeline'][number];

/** Oldest first, whatever order the answer had: a history reads forwards. */
export function inTimeOrder(timeline: readonly TimelineEntry[]): TimelineEntry[] {
  return [...timeline].sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
}

/** The steps the requester may see, each with its time and, for a refusal or extension, the reason. */
export function renderTimeline(timeline: readonly TimelineEntry[], messages: LocalizeController<RightsMessages>): TemplateResult {
  return html`<section class="timeline" aria-labelledby="timeline-title">
    <h3 id="timeline-title">${messages.term('timelineTitle')}</h3>
    <ol part="timeline">
      ${inTimeOrder(timeline).map((entry) => html`<li part="timeline-entry">
        <time datetime=${entry.at}>${formatMoment(entry.at, messages.locale)}</time>
        <span class="event">${messages.term(`event_${entry.event}`)}</span>
        ${entry.reason ? html`<span class="reason">${messages.term('eventReason', { reason: entry.reason })}</span>` : nothing}
      </li>`)}
    </ol>
  </section>`;
}
