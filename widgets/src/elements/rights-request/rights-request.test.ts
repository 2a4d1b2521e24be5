import { expect, fixture, fixtureCleanup, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { codeFromMail, limitedTenantKey, mailCount } from '../../testing/rights-commands.ts';
import { testEnvironment } from '../../testing/test-environment.ts';
import { waitUntil } from '../../testing/wait-until.ts';
import { formatDay } from '../../rights/rights-dates.ts';
import './porttask-rights-request.ts';
import { RightsRequest } from './porttask-rights-request.ts';

/*
 * The form against the real API: requests are made, the code is read from the mail the API
 * sent to a real SMTP server (web-test-runner.config.mjs), and verified. The test tenant is
 * under the GDPR. Every test uses addresses of its own.
 */
const { apiUrl, publishableKey, unreachableApiUrl } = testEnvironment();
let counter = 0;
const uniqueEmail = (label: string) => `${label}.${Date.now().toString(36)}${(counter += 1)}@example.com`;

afterEach(() => {
  fixtureCleanup();
  globalThis.PortTask = undefined;
});

const $ = <T extends Element = HTMLElement>(element: RightsRequest, selector: string) => element.shadowRoot!.querySelector<T>(selector);
const text = (element: RightsRequest, selector: string) => $(element, selector)?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
const focused = (element: RightsRequest) => element.shadowRoot!.activeElement;
const announcement = (element: RightsRequest) => text(element, '[role="status"][aria-live]');

async function mount(attributes: { locale?: string; types?: string; statusUrl?: string; apiUrl?: string; key?: string } = {}): Promise<RightsRequest> {
  const element = await fixture<RightsRequest>(html`<porttask-rights-request api-url=${attributes.apiUrl ?? apiUrl} publishable-key=${attributes.key ?? publishableKey}
    locale=${attributes.locale ?? 'en'} types=${attributes.types ?? ''} status-url=${attributes.statusUrl ?? ''}></porttask-rights-request>`);
  await waitUntil(() => $(element, '[part="form"]'), 'the form');
  // The panel's lang says which catalog its words come from (the core's and the rights' load apart).
  if (attributes.locale && attributes.locale !== 'en') await waitUntil(() => $(element, '[part="form"]')?.getAttribute('lang') === attributes.locale, 'the translation');
  return element;
}

function fill(element: RightsRequest, values: { type?: string; email?: string; name?: string; details?: string }): void {
  if (values.type) $<HTMLInputElement>(element, `input[value="${values.type}"]`)!.click();
  for (const field of ['email', 'name', 'details'] as const) {
    const value = values[field];
    if (value === undefined) continue;
    const input = $<HTMLInputElement>(element, `#${field}`)!;
    input.value = value;
    input.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
  }
}

async function submit(element: RightsRequest): Promise<void> {
  $<HTMLButtonElement>(element, '[part="submit-button"]')!.click();
  await element.updateComplete;
}

async function enterCode(element: RightsRequest, code: string): Promise<void> {
  const input = $<HTMLInputElement>(element, '#code')!;
  input.value = code;
  input.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
  await element.updateComplete;
  $<HTMLButtonElement>(element, '[part="verify-button"]')!.click();
}

/** Fills and sends the form; resolves on the code step. */
async function toCodeStep(element: RightsRequest, email: string, type = 'access'): Promise<number> {
  const before = await mailCount();
  fill(element, { type, email });
  await submit(element);
  await waitUntil(() => $(element, '[part="code-step"]'), 'the code step');
  return before;
}

describe('<porttask-rights-request>', () => {
  it('offers the rights the tenant\'s law gives (GDPR), narrowed by `types`', async () => {
    const element = await mount();
    const offered = [...element.shadowRoot!.querySelectorAll<HTMLInputElement>('input[name="type"]')].map((input) => input.value);
    expect(offered).to.deep.equal(['access', 'export', 'correction', 'deletion', 'restriction', 'objection', 'objection_to_automated_decision', 'withdraw_consent']);
    expect($(element, '[part="grievance"]'), 'no DPDP notice under the GDPR').to.equal(null);
    await expect(element).to.be.accessible();
    fixtureCleanup();
    const narrowed = await mount({ types: 'deletion, access, nomination' });
    expect([...narrowed.shadowRoot!.querySelectorAll<HTMLInputElement>('input[name="type"]')].map((input) => input.value)).to.deep.equal(['access', 'deletion']);
  });

  it('under DPDP offers nomination and grievance, names the grievance officer the configuration gives, and mentions the Board', async () => {
    const config = await (await fetch(`${apiUrl}/v1/config`, { headers: { 'X-PortTask-Key': publishableKey } })).json();
    // A DPDP tenant's configuration (this test tenant is under the GDPR), as the loader's
    // prefetch; under another name for the API, since the page keeps one configuration per API and key.
    const otherName = apiUrl.replace('127.0.0.1', 'localhost');
    globalThis.PortTask = {
      version: 'test', apiUrl: otherName, publishableKey,
      config: Promise.resolve({ ...config, jurisdictions: ['dpdp'], rights: { grievanceOfficer: { name: 'Priya Raman', email: 'grievance@portagency.example' } } }),
    };
    const element = await mount({ apiUrl: otherName });
    const offered = [...element.shadowRoot!.querySelectorAll<HTMLInputElement>('input[name="type"]')].map((input) => input.value);
    expect(offered).to.deep.equal(['access', 'correction', 'deletion', 'withdraw_consent', 'nomination', 'grievance']);
    expect(text(element, '[part="grievance"]')).to.equal('Grievance officer: Priya Raman, grievance@portagency.example '
      + 'If you are not satisfied with how a complaint is resolved, you may take it to the Data Protection Board of India.');
    await expect(element).to.be.accessible();
  });

  it('says what is missing before sending, and moves focus to it', async () => {
    const element = await mount();
    await submit(element);
    expect(text(element, '#type-error')).to.equal('Choose what you would like to do.');
    expect(text(element, '#email-error')).to.equal('Enter a valid email address, like name@example.com.');
    expect($(element, '#email')!.getAttribute('aria-invalid')).to.equal('true');
    expect($(element, '#email')!.getAttribute('aria-describedby')).to.equal('email-hint email-error');
    expect(announcement(element)).to.equal('Please correct the marked fields.');
    await waitUntil(() => focused(element) === $(element, 'input[name="type"]'), 'focus on the first right');
    await expect(element).to.be.accessible();
    fill(element, { type: 'access', email: 'not an address' });
    await submit(element);
    expect(text(element, '#type-error')).to.equal('');
    expect(text(element, '#email-error')).to.contain('valid email');
    await waitUntil(() => focused(element) === $(element, '#email'), 'focus on the email');
  });

  it('makes a request, takes the code from the mail and confirms it with the reference and the GDPR due date', async () => {
    const email = uniqueEmail('full');
    const element = await mount({ statusUrl: '/privacy-rights.html' });
    fill(element, { name: 'Ana Requester', details: 'Everything about my port-call bookings.' });
    const submitted = oneEvent(element, 'porttask-request-submitted');
    const before = await toCodeStep(element, email, 'access');
    const { detail } = (await submitted) as CustomEvent<{ id: string; type: string }>;
    expect(detail.id).to.match(/^rr_[0-9a-z]{20}$/);
    expect(detail.type).to.equal('access');

    const code = $<HTMLInputElement>(element, '#code')!;
    await waitUntil(() => focused(element) === code, 'focus on the code field');
    expect(code.getAttribute('autocomplete')).to.equal('one-time-code');
    expect(code.getAttribute('inputmode')).to.equal('numeric');
    expect(text(element, '[part="code-step"] p')).to.contain(email);
    expect(announcement(element)).to.contain(email);
    await expect(element).to.be.accessible();

    // Pasted with a space, as many mail clients copy it: the field keeps the digits.
    const mailed = await codeFromMail(email, before);
    const verified = oneEvent(element, 'porttask-request-verified');
    await enterCode(element, `${mailed.slice(0, 3)} ${mailed.slice(3)}`);
    const { detail: done } = (await verified) as CustomEvent<{ id: string; dueOn: string }>;
    expect(done.id).to.equal(detail.id);
    await waitUntil(() => $(element, '[part="confirmation"]'), 'the confirmation');
    await waitUntil(() => focused(element) === $(element, '#done-title'), 'focus on the confirmation');

    // GDPR: one month from receipt (the same day next month, or that month's last day).
    const received = new Date();
    const expected = new Date(Date.UTC(received.getUTCFullYear(), received.getUTCMonth() + 1, 1));
    const lastDay = new Date(Date.UTC(expected.getUTCFullYear(), expected.getUTCMonth() + 1, 0)).getUTCDate();
    expected.setUTCDate(Math.min(received.getUTCDate(), lastDay));
    const dueOn = expected.toISOString().slice(0, 10);
    // Brussels time may already be tomorrow near midnight UTC: allow that one day.
    expect([dueOn, new Date(expected.getTime() + 86_400_000).toISOString().slice(0, 10)]).to.include(done.dueOn);
    expect(text(element, '[part="reference"]')).to.equal(detail.id);
    expect(text(element, '[part="due-date"]')).to.equal(formatDay(done.dueOn, 'en'));
    expect($(element, '[part="due-date"] time')!.getAttribute('datetime')).to.equal(done.dueOn);
    expect(text(element, '[part="confirmation"]')).to.contain('GDPR');
    const link = new URL($<HTMLAnchorElement>(element, '[part="status-link"]')!.href);
    expect(link.pathname).to.equal('/privacy-rights.html');
    expect(link.hash).to.match(new RegExp(`^#request=${detail.id}&token=rqt_[0-9a-z]{32}$`));
    await expect(element).to.be.accessible();
  });

  it('counts wrong codes down, then says the request is locked and offers a new one', async () => {
    const email = uniqueEmail('wrong');
    const element = await mount();
    const before = await toCodeStep(element, email);
    const right = await codeFromMail(email, before);
    const wrong = right === '000000' ? '111111' : '000000';

    await enterCode(element, '12345');
    await waitUntil(() => text(element, '#code-error') === 'Enter the 6 digits from the email.', 'a format error, nothing sent');

    await enterCode(element, wrong);
    await waitUntil(() => text(element, '#code-error') === 'That code is not right. 2 tries left.', 'two tries left');
    expect($(element, '#code')!.getAttribute('aria-invalid')).to.equal('true');
    expect(announcement(element)).to.equal('That code is not right. 2 tries left.');
    await expect(element).to.be.accessible();
    await enterCode(element, wrong);
    await waitUntil(() => text(element, '#code-error') === 'That code is not right. 1 try left.', 'one try left');
    await enterCode(element, wrong);
    await waitUntil(() => text(element, '[part="problem"]').includes('locked'), 'locked');
    expect($(element, '#code'), 'no more code field').to.equal(null);
    await waitUntil(() => focused(element) === $(element, '[part="start-over-button"]'), 'focus on Start a new request');
    await expect(element).to.be.accessible();

    $<HTMLButtonElement>(element, '[part="start-over-button"]')!.click();
    await waitUntil(() => $(element, '[part="form"]'), 'the form again');
    expect($<HTMLInputElement>(element, '#email')!.value, 'the address is kept').to.equal(email);
  });

  it('offers a new code after the cooldown: on this API it arrives and works, on one without resend the button goes away', async () => {
    RightsRequest.resendCooldownSeconds = 1;
    try {
      const email = uniqueEmail('resend');
      const element = await mount();
      const before = await toCodeStep(element, email);
      const resend = () => $<HTMLButtonElement>(element, '[part="resend-button"]');
      expect(resend()!.getAttribute('aria-disabled')).to.equal('true');
      expect(text(element, '[part="resend-button"]')).to.equal('Send a new code (in 1 second)');
      resend()!.click(); // during the cooldown: nothing happens
      await waitUntil(() => text(element, '[part="resend-button"]') === 'Send a new code', 'the cooldown over');
      const first = await codeFromMail(email, before);
      const beforeResend = await mailCount();
      resend()!.click();
      await waitUntil(() => !element.busy, 'the answer');
      if (resend()) {
        const second = await codeFromMail(email, beforeResend);
        expect(announcement(element)).to.equal(`A new code is on its way to ${email}.`);
        await enterCode(element, second);
        await waitUntil(() => $(element, '[part="confirmation"]'), 'verified with the new code');
        expect(second).to.not.equal(first);
      } else {
        // 404 from an API that has no resend: the visitor still has the first code, and Start over.
        expect($(element, '[part="start-over-button"]')).to.not.equal(null);
        expect($(element, '[part="problem"]')).to.equal(null);
        await enterCode(element, first);
        await waitUntil(() => $(element, '[part="confirmation"]'), 'verified with the first code');
      }
    } finally {
      RightsRequest.resendCooldownSeconds = 60;
    }
  });

  it('can be used with the keyboard alone', async () => {
    const email = uniqueEmail('keys');
    const element = await mount({ types: 'access,deletion' });
    $<HTMLElement>(element, '#form-title')!.focus();
    await sendKeys({ press: 'Tab' }); // the first right
    expect(focused(element)).to.equal($(element, 'input[value="access"]'));
    await sendKeys({ press: 'ArrowDown' }); // radios: arrows choose
    expect($<HTMLInputElement>(element, 'input[value="deletion"]')!.checked).to.equal(true);
    await sendKeys({ press: 'Tab' });
    expect(focused(element)).to.equal($(element, '#email'));
    const before = await mailCount();
    await sendKeys({ type: email });
    await sendKeys({ press: 'Enter' }); // submits the form
    await waitUntil(() => focused(element) === $(element, '#code'), 'the code field focused');
    await sendKeys({ type: await codeFromMail(email, before) });
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => focused(element) === $(element, '#done-title'), 'the confirmation focused');
    expect(text(element, '[part="confirmation"]')).to.contain('Delete my data');
  });

  it('says how long to wait when the API refuses with 429 and Retry-After', async () => {
    const key = await limitedTenantKey();
    const email = uniqueEmail('limited');
    const element = await mount({ key });
    await toCodeStep(element, email);
    $<HTMLButtonElement>(element, '[part="start-over-button"]')!.click();
    await waitUntil(() => $(element, '[part="form"]'), 'the form again');
    await submit(element);
    await waitUntil(() => $(element, '[part="problem"]'), 'the problem');
    expect($(element, '[part="problem"]')!.getAttribute('role')).to.equal('alert');
    // One request per address a day: the wait is said in hours, as Retry-After gives it.
    const wait = /^Too many attempts\. Please try again in (\d+) hours?\.$/.exec(text(element, '[part="problem"]'));
    expect(wait, text(element, '[part="problem"]')).to.not.equal(null);
    expect(Number(wait![1])).to.be.within(1, 24);
    expect($(element, '[part="form"]'), 'nothing lost: still the form').to.not.equal(null);
    expect($<HTMLInputElement>(element, '#email')!.value).to.equal(email);
  });

  it('says when PortTask cannot be reached, and keeps what was typed', async () => {
    const config = await (await fetch(`${apiUrl}/v1/config`, { headers: { 'X-PortTask-Key': publishableKey } })).json();
    globalThis.PortTask = { version: 'test', apiUrl: unreachableApiUrl, publishableKey, config: Promise.resolve(config) };
    const element = await mount({ apiUrl: unreachableApiUrl });
    fill(element, { type: 'access', email: uniqueEmail('offline') });
    await submit(element);
    await waitUntil(() => $(element, '[part="problem"]'), 'the problem', { timeout: 8_000 });
    expect(text(element, '[part="problem"]')).to.equal('PortTask cannot be reached right now. Check your internet connection and try again.');
    expect($<HTMLInputElement>(element, 'input[value="access"]')!.checked).to.equal(true);
  });

  for (const [locale, title, submitText] of [['da', 'Send en anmodning om dine data', 'Send anmodning'], ['de', 'Datenschutzanfrage stellen', 'Anfrage senden'], ['hi', 'गोपनीयता अनुरोध करें', 'अनुरोध भेजें']] as const) {
    it(`speaks ${locale}, through to the confirmation`, async () => {
      const email = uniqueEmail(`locale-${locale}`);
      const element = await mount({ locale });
      expect(text(element, '#form-title')).to.equal(title);
      expect(text(element, '[part="submit-button"]')).to.equal(submitText);
      await expect(element).to.be.accessible();
      const before = await toCodeStep(element, email, 'correction');
      await enterCode(element, await codeFromMail(email, before));
      await waitUntil(() => $(element, '[part="confirmation"]'), 'the confirmation');
      const dueOn = $(element, '[part="due-date"] time')!.getAttribute('datetime')!;
      expect(text(element, '[part="due-date"]')).to.equal(formatDay(dueOn, locale));
      await expect(element).to.be.accessible();
    });
  }
});
