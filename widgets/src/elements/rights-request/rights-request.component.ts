import { html, type CSSResultGroup, type PropertyValues } from 'lit';
import { offeredRequestTypes, type NewRightsRequest, type RightsRequestCreated, type RightsRequestStatusView, type RightsRequestType, type WidgetConfig } from '@porttask/sdk';
import { readDecision, tenantIdOfKey } from '../../consent/storage.ts';
import { dispatchPortTaskEvent } from '../../core/events.ts';
import { LocalizeController } from '../../core/localize.ts';
import { readPageSettings } from '../../core/page-settings.ts';
import { PortTaskElement } from '../../core/porttask-element.ts';
import { stateStyles } from '../../core/state-templates.ts';
import { theme } from '../../core/theme.ts';
import { rightsCatalogs } from '../../rights/locales/index.ts';
import { requestFragment } from '../../rights/request-link.ts';
import { problemMessage, rightsProblemOf, type RightsProblem } from '../../rights/rights-problem.ts';
import { rightsStyles } from '../../rights/rights.styles.ts';
import { codeDigits, renderCodeStep } from './rights-request.code-step.ts';
import { renderConfirmation } from './rights-request.confirmation.ts';
import { renderForm, validateForm, type FieldErrors, type FormField, type FormValues } from './rights-request.form.ts';
import { rightsRequestStyles } from './rights-request.styles.ts';

const MAIL_LOCALES = new Set(['en', 'da', 'de', 'hi']);
/** When the tenant names no law: the rights every supported law gives. */
const DEFAULT_TYPES: readonly RightsRequestType[] = ['access', 'correction', 'withdraw_consent'];

type Step = 'form' | 'code' | 'done';

export interface RightsRequestSubmittedDetail {
  id: string;
  type: RightsRequestType;
}

export interface RightsRequestVerifiedDetail {
  id: string;
  type: RightsRequestType;
  /** The last day for the answer (YYYY-MM-DD, the organisation's time zone). */
  dueOn: string;
}

declare global {
  interface GlobalEventHandlersEventMap {
    'porttask-request-submitted': CustomEvent<RightsRequestSubmittedDetail>;
    'porttask-request-verified': CustomEvent<RightsRequestVerifiedDetail>;
  }
}

const INTERNAL_STATE = {
  step: { state: true },
  values: { state: true },
  fieldErrors: { state: true },
  busy: { state: true },
  problem: { state: true },
  code: { state: true },
  codeError: { state: true },
  triesLeft: { state: true },
  canResend: { state: true },
  resendInSeconds: { state: true },
  announcement: { state: true },
} as const;

/**
 * A privacy-rights request form: the visitor chooses a right (those the tenant's laws give),
 * gives an email (and optionally a name and details), confirms with the 6-digit code mailed to
 * them, and sees the reference and the date the law gives for the answer. Every step is
 * announced to screen readers and reachable by keyboard alone.
 *
 * @summary Privacy-rights request form with email verification.
 *
 * @event porttask-ready - The tenant's widget configuration arrived.
 * @event porttask-error - The configuration could not be loaded.
 * @event porttask-request-submitted - The request was made and the code mailed. `detail`: `id`, `type`.
 * @event porttask-request-verified - The code was right: the request counts. `detail`: `id`, `type`, `dueOn`.
 *
 * @csspart form - The first step: the right, the email, name and details.
 * @csspart types - The group of rights to choose from.
 * @csspart type-option - One right.
 * @csspart grievance - Under DPDP: the grievance officer and the Data Protection Board.
 * @csspart email - The email field.
 * @csspart name - The name field.
 * @csspart details - The details field.
 * @csspart submit-button - Sends the request.
 * @csspart problem - What went wrong (network, too many attempts, a locked request).
 * @csspart code-step - The second step: the code from the mail.
 * @csspart code - The code field.
 * @csspart verify-button - Confirms the code.
 * @csspart resend-button - Mails a new code (after a cooldown).
 * @csspart start-over-button - Leaves this request and starts a new one.
 * @csspart confirmation - The last step: reference and due date.
 * @csspart reference - The request's reference.
 * @csspart due-date - The date the answer is due by.
 * @csspart status-link - Link to the status page (with `status-url`).
 *
 * @cssproperty --porttask-rights-max-width - Widest the rights widgets grow (default 40rem).
 */
export class RightsRequest extends PortTaskElement {
  static override properties = {
    types: {},
    statusUrl: { attribute: 'status-url' },
    ...INTERNAL_STATE,
  };

  static override styles: CSSResultGroup = [theme, stateStyles, rightsStyles, rightsRequestStyles];

  /** Seconds before another code may be asked for (the API limits resends too, and says so with 429). */
  static resendCooldownSeconds = 60;

  /** Offer only these rights (comma separated, e.g. `access,deletion`), of those the tenant's laws give. */
  declare types: string | undefined;
  /** The page with `<porttask-request-status>`: the confirmation links there, with the request in the fragment. */
  declare statusUrl: string | undefined;

  /** @internal */ declare step: Step;
  /** @internal */ declare values: FormValues;
  /** @internal */ declare fieldErrors: FieldErrors;
  /** @internal */ declare busy: boolean;
  /** @internal */ declare problem: RightsProblem | undefined;
  /** @internal */ declare code: string;
  /** @internal */ declare codeError: string | undefined;
  /** @internal */ declare triesLeft: number;
  /** @internal */ declare canResend: boolean;
  /** @internal */ declare resendInSeconds: number;
  /** @internal */ declare announcement: string;

  protected readonly messages = new LocalizeController(this, {
    catalogs: rightsCatalogs,
    requestedLocale: () => this.locale ?? readPageSettings()?.locale,
    tenantLocales: () => this.configuration.value?.locales,
  });

  #created: RightsRequestCreated | undefined;
  #result: RightsRequestStatusView | undefined;
  #resendAt = 0;
  #ticker: ReturnType<typeof setInterval> | undefined;
  /** Where focus goes after the next render (a new step's heading, a field in error). */
  #focusNext: string | undefined;

  constructor() {
    super();
    this.step = 'form';
    this.values = { type: undefined, email: '', name: '', details: '' };
    this.fieldErrors = {};
    this.busy = false;
    this.problem = undefined;
    this.code = '';
    this.codeError = undefined;
    this.triesLeft = 3;
    this.canResend = true;
    this.resendInSeconds = 0;
    this.announcement = '';
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#stopTicker();
  }

  /** The rights offered: the tenant's laws decide (as the API says, else from the same table), `types` narrows. */
  offeredTypes(config: WidgetConfig): RightsRequestType[] {
    const fromApi = (config as { rights?: { requestTypes?: unknown } }).rights?.requestTypes;
    const byLaw = Array.isArray(fromApi) && fromApi.length > 0
      ? (fromApi as RightsRequestType[])
      : config.jurisdictions.length > 0 ? offeredRequestTypes(config.jurisdictions) : [...DEFAULT_TYPES];
    const wanted = this.types?.split(',').map((type) => type.trim()).filter(Boolean);
    return wanted?.length ? byLaw.filter((type) => wanted.includes(type)) : byLaw;
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
    const organisation = config.tenant.name;
    let step: unknown;
    if (this.step === 'done' && this.#result) {
      step = renderConfirmation({ messages: m, organisation, request: this.#result, statusLink: this.#statusLink() });
    } else if (this.step === 'code' && this.#created) {
      step = renderCodeStep({
        messages: m,
        email: this.values.email.trim(),
        codeExpiresAt: this.#created.codeExpiresAt,
        code: this.code,
        busy: this.busy,
        codeError: this.codeError,
        problem: this.problem && this.problem.kind !== 'code-incorrect' ? this.#problemText(this.problem) : undefined,
        locked: this.problem?.kind === 'locked',
        canResend: this.canResend,
        resendInSeconds: this.resendInSeconds,
        onCodeInput: (value) => this.#codeInput(value),
        onVerify: (event) => void this.#verify(event),
        onResend: () => void this.#resend(),
        onStartOver: () => this.#startOver(),
      });
    } else {
      const officer = grievanceOfficerOf(config);
      step = renderForm({
        messages: m,
        organisation,
        types: this.offeredTypes(config),
        values: this.values,
        errors: this.fieldErrors,
        busy: this.busy,
        problem: this.problem ? this.#problemText(this.problem) : undefined,
        grievance: config.jurisdictions.includes('dpdp') ? { officer } : undefined,
        onInput: (field, value) => this.#input(field, value),
        onSubmit: (event) => void this.#submit(event),
      });
    }
    return html`${step}<p class="visually-hidden" role="status" aria-live="polite" aria-atomic="true">${this.announcement}</p>`;
  }

  #problemText(problem: RightsProblem): string {
    return problemMessage(problem, this.messages, this.localize, this.triesLeft);
  }

  #input(field: FormField, value: string): void {
    this.values = { ...this.values, [field]: value };
    if (this.fieldErrors[field]) this.fieldErrors = { ...this.fieldErrors, [field]: undefined };
  }

  async #submit(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    if (this.busy) return;
    const errors = validateForm(this.values, this.messages);
    const firstInvalid = (['type', 'email', 'name', 'details'] as const).find((field) => errors[field]);
    this.fieldErrors = errors;
    this.problem = undefined;
    if (firstInvalid) {
      this.#announce(this.messages.term('formHasErrors'));
      this.#focusNext = firstInvalid === 'type' ? 'input[name="type"]' : `#${firstInvalid}`;
      return;
    }
    const { type, email, name, details } = this.values;
    this.busy = true;
    this.#announce(this.messages.term('sending'));
    try {
      const { publishableKey } = this.connectionSettings;
      const subjectId = publishableKey ? readDecision(tenantIdOfKey(publishableKey))?.subjectId : undefined;
      const locale = MAIL_LOCALES.has(this.messages.locale) ? (this.messages.locale as 'en') : 'en';
      const statusPageUrl = this.#statusPageUrl();
      this.#created = await this.client.rightsRequests.create({
        type: type!,
        email: email.trim(),
        ...(name.trim() ? { name: name.trim() } : {}),
        ...(details.trim() ? { details: details.trim() } : {}),
        locale,
        ...(subjectId ? { consentSubjectId: subjectId } : {}),
        // The API's mails link there (with the request in the fragment); an API that does not
        // know the field ignores it.
        ...(statusPageUrl ? { statusPageUrl } : {}),
      } as NewRightsRequest);
      this.step = 'code';
      this.code = '';
      this.codeError = undefined;
      this.triesLeft = 3;
      this.#startCooldown(RightsRequest.resendCooldownSeconds);
      this.#announce(this.messages.term('codeIntro', { email: email.trim() }));
      this.#focusNext = '#code';
      dispatchPortTaskEvent(this, 'porttask-request-submitted', { id: this.#created.id, type: type! });
    } catch (error) {
      const problem = rightsProblemOf(error);
      const emailRefused = (error as { issues?: Array<{ path?: unknown[] }> }).issues?.some((issue) => issue.path?.includes('email'));
      if (emailRefused) {
        this.fieldErrors = { email: this.messages.term('errorEmail') };
        this.#focusNext = '#email';
      } else if (problem.kind === 'not-offered') {
        this.fieldErrors = { type: this.messages.term('errorNotOffered') };
        this.#focusNext = 'input[name="type"]';
      } else {
        this.problem = problem;
      }
    } finally {
      this.busy = false;
    }
  }

  #codeInput(value: string): void {
    this.code = codeDigits(value);
    this.codeError = undefined;
  }

  async #verify(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const created = this.#created;
    if (this.busy || !created) return;
    if (!/^\d{6}$/.test(this.code)) {
      this.codeError = this.messages.term('errorCodeFormat');
      this.#announce(this.codeError);
      this.#focusNext = '#code';
      return;
    }
    this.busy = true;
    this.problem = undefined;
    this.#announce(this.messages.term('verifying'));
    try {
      this.#result = await this.client.rightsRequests.verify(created.id, created.requesterToken, this.code);
      this.step = 'done';
      this.#stopTicker();
      this.#announce(`${this.messages.term('doneTitle')}. ${this.messages.term('doneMail')}`);
      this.#focusNext = '#done-title';
      dispatchPortTaskEvent(this, 'porttask-request-verified', { id: this.#result.id, type: this.#result.type, dueOn: this.#result.dueOn });
    } catch (error) {
      const problem = rightsProblemOf(error);
      if (problem.kind === 'code-incorrect') {
        // The API counts the tries; ask it rather than guess.
        this.triesLeft = await this.client.rightsRequests.status(created.id, created.requesterToken).then((view) => view.verificationAttemptsLeft, () => Math.max(0, this.triesLeft - 1));
        this.codeError = this.#problemText(problem);
        this.code = '';
        this.#focusNext = '#code';
        this.#announce(this.codeError);
      } else {
        this.problem = problem;
        if (problem.kind === 'locked') this.#stopTicker();
        this.#focusNext = problem.kind === 'locked' ? '[part="start-over-button"]' : '#code';
      }
    } finally {
      this.busy = false;
    }
  }

  async #resend(): Promise<void> {
    const created = this.#created;
    if (this.busy || !created || this.resendInSeconds > 0) return;
    this.busy = true;
    try {
      const resent = await this.client.rightsRequests.resendCode(created.id, created.requesterToken);
      if (typeof resent?.codeExpiresAt === 'string') this.#created = { ...created, codeExpiresAt: resent.codeExpiresAt };
      this.problem = undefined;
      this.code = '';
      this.codeError = undefined;
      this.#startCooldown(RightsRequest.resendCooldownSeconds);
      this.#announce(this.messages.term('codeResent', { email: this.values.email.trim() }));
      this.#focusNext = '#code';
    } catch (error) {
      const problem = rightsProblemOf(error);
      if (problem.kind === 'not-found') {
        // An API without resend (older than the widget): the visitor starts over instead.
        this.canResend = false;
        this.#focusNext = '#code';
      } else {
        if (problem.kind === 'rate-limited') this.#startCooldown(problem.retryAfterSeconds ?? RightsRequest.resendCooldownSeconds);
        this.problem = problem;
      }
    } finally {
      this.busy = false;
    }
  }

  #startOver(): void {
    this.#created = undefined;
    this.#result = undefined;
    this.#stopTicker();
    this.step = 'form';
    this.problem = undefined;
    this.code = '';
    this.codeError = undefined;
    this.canResend = true;
    this.#focusNext = '#form-title';
  }

  /** `status-url` as an absolute http(s) address without a fragment, or undefined. */
  #statusPageUrl(): string | undefined {
    if (!this.statusUrl) return undefined;
    try {
      const url = new URL(this.statusUrl, location.href);
      url.hash = '';
      return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : undefined;
    } catch {
      return undefined;
    }
  }

  #statusLink(): string | undefined {
    const page = this.#statusPageUrl();
    if (!page || !this.#created) return undefined;
    return `${page}${requestFragment({ id: this.#created.id, token: this.#created.requesterToken })}`;
  }

  /** Says it again even when the words repeat: a live region only speaks changes. */
  #announce(text: string): void {
    this.announcement = this.announcement === text ? `${text}\u00a0` : text;
  }

  #startCooldown(seconds: number): void {
    this.#resendAt = Date.now() + seconds * 1000;
    this.resendInSeconds = seconds;
    this.#stopTicker();
    this.#ticker = setInterval(() => {
      this.resendInSeconds = Math.max(0, Math.ceil((this.#resendAt - Date.now()) / 1000));
      if (this.resendInSeconds === 0) this.#stopTicker();
    }, 1000);
  }

  #stopTicker(): void {
    if (this.#ticker !== undefined) clearInterval(this.#ticker);
    this.#ticker = undefined;
    if (this.step !== 'code') this.resendInSeconds = 0;
  }
}

/**
 * The tenant's grievance officer (DPDP asks for their name and contact on the form), when the
 * configuration names one; the form mentions the Data Protection Board either way.
 */
function grievanceOfficerOf(config: WidgetConfig): { name: string; contact: string } | undefined {
  const officer = (config as { rights?: { grievanceOfficer?: { name?: unknown; email?: unknown } | null } }).rights?.grievanceOfficer;
  return typeof officer?.name === 'string' && typeof officer.email === 'string' ? { name: officer.name, contact: officer.email } : undefined;
}
