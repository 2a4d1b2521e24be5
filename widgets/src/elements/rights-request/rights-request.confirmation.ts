import { html, nothing, type TemplateResult } from 'lit';
import type { RightsRequestStatusView } from '@porttask/sdk';
import type { LocalizeController } from '../../core/localize.ts';
import type { RightsMessages } from '../../rights/locales/index.ts';
import { formatDay } from '../../rights/rights-dates.ts';

export interface ConfirmationView {
  messages: LocalizeController<RightsMessages>;
  organisation: string;
  request: RightsRequestStatusView;
  /** Where the visitor follows the request (the status page, with the request in its fragment). */
  statusLink: string | undefined;
}

/** Received and verified: the reference, the legal due date and the law that sets it. */
export function renderConfirmation(view: ConfirmationView): TemplateResult {
  const { messages: m, request } = view;
  const dueOn = formatDay(request.dueOn, m.locale);
  return html`<section part="confirmation" class="panel" lang=${m.locale} aria-labelledby="done-title">
    <h2 id="done-title" tabindex="-1">${m.term('doneTitle')}</h2>
    <p>${m.term('doneIntro', { organisation: view.organisation, dueOn })}</p>
    <dl class="facts">
      <dt>${m.term('reference')}</dt><dd part="reference" class="reference">${request.id}</dd>
      <dt>${m.term('requestLabel')}</dt><dd>${m.term(`type_${request.type}`)}</dd>
      <dt>${m.term('dueBy')}</dt><dd part="due-date"><time datetime=${request.dueOn}>${dueOn}</time></dd>
      <dt>${m.term('deadlineLaw')}</dt><dd>${m.term(`law_${request.jurisdiction}`)}</dd>
    </dl>
    <p class="muted">${m.term('doneMail')}</p>
    ${view.statusLink ? html`<p><a part="status-link" href=${view.statusLink}>${m.term('followRequest')}</a></p>` : nothing}
  </section>`;
}
