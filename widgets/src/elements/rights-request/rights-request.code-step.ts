import { html, nothing, type TemplateResult } from 'lit';
import { live } from 'lit/directives/live.js';
import type { LocalizeController } from '../../core/localize.ts';
import type { RightsMessages } from '../../rights/locales/index.ts';
import { formatTime } from '../../rights/rights-dates.ts';

export interface CodeStepView {
  messages: LocalizeController<RightsMessages>;
  email: string;
  codeExpiresAt: string | undefined;
  code: string;
  busy: boolean;
  /** The code field's own error (format, wrong code), in words. */
  codeError: string | undefined;
  /** A problem that ends this request (locked, expired) or of the network, in words. */
  problem: string | undefined;
  /** Locked: only a new request helps. */
  locked: boolean;
  /** Hidden when the API has no resend (an older server answers 404). */
  canResend: boolean;
  /** Seconds until a new code may be asked for; 0 when it may now. */
  resendInSeconds: number;
  onCodeInput(value: string): void;
  onVerify(event: SubmitEvent): void;
  onResend(): void;
  onStartOver(): void;
}

/**
 * Digits only, at most 6: a pasted "481 516", "481-516" or "Code: 481516" becomes "481516".
 * (No maxlength on the field, which would cut a pasted "481 516" to "481 51".)
 */
export const codeDigits = (text: string) => text.replace(/\D/g, '').slice(0, 6);

export function renderCodeStep(view: CodeStepView): TemplateResult {
  const { messages: m } = view;
  const invalid = view.codeError !== undefined;
  return html`<form part="code-step" class="panel" lang=${m.locale} novalidate @submit=${view.onVerify} aria-labelledby="code-title">
    <h2 id="code-title" tabindex="-1">${m.term('codeTitle')}</h2>
    <p>${m.term('codeIntro', { email: view.email })}
      ${view.codeExpiresAt ? html`<span class="muted">${m.term('codeValidUntil', { time: formatTime(view.codeExpiresAt, m.locale) })}</span>` : nothing}</p>
    ${view.locked ? nothing : html`<div class="field">
      <label for="code">${m.term('codeLabel')}</label>
      <input id="code" part="code" class="code" name="code" type="text" inputmode="numeric" autocomplete="one-time-code" pattern="[0-9]*"
        spellcheck="false" .value=${live(view.code)} aria-invalid=${invalid ? 'true' : 'false'} aria-describedby=${invalid ? 'code-error' : nothing}
        @input=${(event: InputEvent) => view.onCodeInput((event.target as HTMLInputElement).value)} />
      ${invalid ? html`<span id="code-error" class="field-error">${view.codeError}</span>` : nothing}
    </div>`}
    ${view.problem ? html`<p part="problem" class="problem" role="alert">${view.problem}</p>` : nothing}
    <div class="actions">
      ${view.locked ? nothing : html`<button part="verify-button" type="submit" aria-disabled=${view.busy ? 'true' : 'false'}>${view.busy ? m.term('verifying') : m.term('verify')}</button>`}
      ${view.canResend && !view.locked ? html`<button part="resend-button" class="secondary" type="button" aria-disabled=${view.resendInSeconds > 0 || view.busy ? 'true' : 'false'}
        @click=${view.onResend}>${view.resendInSeconds > 0 ? m.term('resendIn', { count: view.resendInSeconds }) : m.term('resend')}</button>` : nothing}
      <button part="start-over-button" class="secondary" type="button" @click=${view.onStartOver}>${m.term('startOver')}</button>
    </div>
  </form>`;
}
