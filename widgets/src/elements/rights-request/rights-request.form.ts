import { html, nothing, type TemplateResult } from 'lit';
import { live } from 'lit/directives/live.js';
import type { RightsRequestType } from '@porttask/sdk';
import type { LocalizeController } from '../../core/localize.ts';
import type { RightsMessages } from '../../rights/locales/index.ts';

/** The API's bounds (NewRightsRequest in the contract): the form says them before the API must. */
export const FIELD_LIMITS = { email: 254, name: 200, details: 5000 } as const;

export type FormField = 'type' | 'email' | 'name' | 'details';
export type FormValues = { type: RightsRequestType | undefined; email: string; name: string; details: string };
export type FieldErrors = Partial<Record<FormField, string>>;

export interface FormView {
  messages: LocalizeController<RightsMessages>;
  organisation: string;
  types: readonly RightsRequestType[];
  values: FormValues;
  errors: FieldErrors;
  busy: boolean;
  /** A problem of the whole form (network, rate limit), already in words. */
  problem: string | undefined;
  /** DPDP only: the grievance officer to name, and the Board to mention. */
  grievance: { officer: { name: string; contact: string } | undefined } | undefined;
  onInput(field: FormField, value: string): void;
  onSubmit(event: SubmitEvent): void;
}

const SIMPLE_EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** The visitor's mistakes, in their language, before anything is sent. */
export function validateForm(values: FormValues, messages: LocalizeController<RightsMessages>): FieldErrors {
  const errors: FieldErrors = {};
  if (!values.type) errors.type = messages.term('errorChooseType');
  const email = values.email.trim();
  if (!SIMPLE_EMAIL.test(email)) errors.email = messages.term('errorEmail');
  else if (email.length > FIELD_LIMITS.email) errors.email = messages.term('errorTooLong', { max: FIELD_LIMITS.email });
  if (values.name.trim().length > FIELD_LIMITS.name) errors.name = messages.term('errorTooLong', { max: FIELD_LIMITS.name });
  if (values.details.trim().length > FIELD_LIMITS.details) errors.details = messages.term('errorTooLong', { max: FIELD_LIMITS.details });
  return errors;
}

const describedBy = (...ids: Array<string | false>) => ids.filter(Boolean).join(' ');

export function renderForm(view: FormView): TemplateResult {
  const { messages: m, values, errors } = view;
  return html`<form part="form" class="panel" lang=${m.locale} novalidate @submit=${view.onSubmit} aria-labelledby="form-title">
    <h2 id="form-title" tabindex="-1">${m.term('formTitle')}</h2>
    <p class="muted">${m.term('formIntro', { organisation: view.organisation })}</p>
    <fieldset part="types" class="types" aria-describedby=${errors.type ? 'type-error' : nothing} aria-invalid=${errors.type ? 'true' : 'false'}>
      <legend>${m.term('chooseRight')}</legend>
      ${errors.type ? html`<p id="type-error" class="field-error">${errors.type}</p>` : nothing}
      ${view.types.map((type) => html`<label part="type-option" class="type-option">
        <input type="radio" name="type" value=${type} .checked=${live(values.type === type)} aria-describedby=${`hint-${type}`}
          @change=${() => view.onInput('type', type)} />
        <span class="type-text">
          <span class="type-name">${m.term(`type_${type}`)}</span>
          <span id=${`hint-${type}`} class="hint">${m.term(`type_${type}_hint`)}</span>
        </span>
      </label>`)}
    </fieldset>
    ${view.grievance ? html`<div part="grievance" class="grievance">
      ${view.grievance.officer ? html`<p>${m.term('grievanceOfficer', view.grievance.officer)}</p>` : nothing}
      <p class="hint">${m.term('dpdpBoard')}</p>
    </div>` : nothing}
    <div class="field">
      <label for="email">${m.term('email')}</label>
      <input id="email" part="email" name="email" type="email" autocomplete="email" inputmode="email" spellcheck="false" required
        maxlength=${FIELD_LIMITS.email} .value=${live(values.email)} aria-invalid=${errors.email ? 'true' : 'false'}
        aria-describedby=${describedBy('email-hint', !!errors.email && 'email-error')} @input=${(event: InputEvent) => view.onInput('email', (event.target as HTMLInputElement).value)} />
      <span id="email-hint" class="hint">${m.term('emailHint')}</span>
      ${errors.email ? html`<span id="email-error" class="field-error">${errors.email}</span>` : nothing}
    </div>
    <div class="field">
      <label for="name">${m.term('name')}</label>
      <input id="name" part="name" name="name" type="text" autocomplete="name" maxlength=${FIELD_LIMITS.name} .value=${live(values.name)}
        aria-invalid=${errors.name ? 'true' : 'false'} aria-describedby=${errors.name ? 'name-error' : nothing}
        @input=${(event: InputEvent) => view.onInput('name', (event.target as HTMLInputElement).value)} />
      ${errors.name ? html`<span id="name-error" class="field-error">${errors.name}</span>` : nothing}
    </div>
    <div class="field">
      <label for="details">${m.term('details')}</label>
      <textarea id="details" part="details" name="details" rows="4" maxlength=${FIELD_LIMITS.details} .value=${live(values.details)}
        aria-invalid=${errors.details ? 'true' : 'false'} aria-describedby=${describedBy('details-hint', !!errors.details && 'details-error')}
        @input=${(event: InputEvent) => view.onInput('details', (event.target as HTMLTextAreaElement).value)}></textarea>
      <span id="details-hint" class="hint">${m.term('detailsHint', { max: FIELD_LIMITS.details })}</span>
      ${errors.details ? html`<span id="details-error" class="field-error">${errors.details}</span>` : nothing}
    </div>
    ${view.problem ? html`<p part="problem" class="problem" role="alert">${view.problem}</p>` : nothing}
    <div class="actions">
      <button part="submit-button" type="submit" aria-disabled=${view.busy ? 'true' : 'false'}>${view.busy ? m.term('sending') : m.term('submit')}</button>
    </div>
  </form>`;
}
