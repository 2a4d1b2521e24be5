import { expect, fixture, fixtureCleanup, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { createClient } from '@porttask/sdk';
import { codeFromMail, mailCount, staffAction } from '../../testing/rights-commands.ts';
import { testEnvironment } from '../../testing/test-environment.ts';
import { waitUntil } from '../../testing/wait-until.ts';
import { formatDay } from '../../rights/rights-dates.ts';
import './porttask-request-status.ts';
import type { RequestStatus } from './porttask-request-status.ts';

/*
 * The status page against the real API: each test makes and verifies its own request (the code
 * read from the mail the API sent to a real SMTP server), opens the widget the way the mail's
 * link does (the request and token in the URL fragment), and staff act through the SDK.
 */
const { apiUrl, publishableKey } = testEnvironment();
const visitor = createClient({ apiUrl, publishableKey });
let counter = 0;

async function verifiedRequest(type: 'access' | 'deletion' = 'access'): Promise<{ id: string; token: string }> {
  const email = `status.${Date.now().toString(36)}${(counter += 1)}@example.com`;
  const before = await mailCount();
  const created = await visitor.rightsRequests.create({ type, email, locale: 'en' });
  await visitor.rightsRequests.verify(created.id, created.requesterToken, await codeFromMail(email, before));
  return { id: created.id, token: created.requesterToken };
}

const originalUrl = location.href;
afterEach(() => {
  fixtureCleanup();
  history.replaceState(null, '', originalUrl);
  sessionStorage.clear();
});

const $ = <T extends Element = HTMLElement>(element: RequestStatus, selector: string) => element.shadowRoot!.querySelector<T>(selector);
const text = (element: RequestStatus, selector: string) => $(element, selector)?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
const focused = (element: RequestStatus) => element.shadowRoot!.activeElement;

async function openFromLink(link: { id: string; token: string }, locale = 'en'): Promise<RequestStatus> {
  history.replaceState(null, '', `${location.pathname}${location.search}#request=${link.id}&token=${link.token}`);
  return mount(locale);
}

async function mount(locale = 'en'): Promise<RequestStatus> {
  const element = await fixture<RequestStatus>(html`<porttask-request-status api-url=${apiUrl} publishable-key=${publishableKey} locale=${locale}></porttask-request-status>`);
  await waitUntil(() => $(element, '[part="status"]'), 'the status panel');
  return element;
}

describe('<porttask-request-status>', () => {
  it('opens from the mail\'s link, takes the token out of the address bar, and survives a reload', async () => {
    const link = await verifiedRequest();
    const element = await openFromLink(link);
    await waitUntil(() => $(element, '[part="status-badge"]'), 'the status');
    expect(location.hash).to.equal(`#request=${link.id}`);
    expect(location.href).to.not.contain(link.token);
    expect(text(element, '[part="status-badge"]')).to.equal('Received');
    expect(text(element, '.reference')).to.equal(link.id);
    const view = await visitor.rightsRequests.status(link.id, link.token);
    expect(text(element, '[part="due-date"]')).to.equal(formatDay(view.dueOn, 'en'));
    expect(text(element, '[part="status"]')).to.contain('GDPR');
    // The steps so far, oldest first.
    const steps = [...element.shadowRoot!.querySelectorAll('[part="timeline-entry"] .event')].map((event) => event.textContent!.trim());
    expect(steps).to.deep.equal(['Request made', 'Code sent to your email', 'Email address confirmed', 'Receipt confirmed by email']);
    const times = [...element.shadowRoot!.querySelectorAll('[part="timeline-entry"] time')].map((time) => Date.parse(time.getAttribute('datetime')!));
    expect(times).to.deep.equal([...times].sort((a, b) => a - b));
    expect($(element, '[part="download-link"]'), 'no export yet').to.equal(null);
    await expect(element).to.be.accessible();

    // A reload: the address has only the request now; this tab kept the token.
    fixtureCleanup();
    const reloaded = await mount();
    await waitUntil(() => text(reloaded, '[part="status-badge"]') === 'Received', 'the status after a reload');
  });

  it('says to use the mail\'s link when the address has none, and that a wrong link leads nowhere', async () => {
    const bare = await mount();
    expect(text(bare, '[part="status"] p')).to.equal('Open this page from the link in your email to see your request.');
    await expect(bare).to.be.accessible();
    fixtureCleanup();
    const link = await verifiedRequest();
    const wrong = await openFromLink({ id: link.id, token: `rqt_${'0'.repeat(32)}` });
    await waitUntil(() => text(wrong, '[part="status"] p').startsWith('This link does not lead to a request'), 'not found');
    await expect(wrong).to.be.accessible();
  });

  it('withdraws an open request after asking, by keyboard, and announces it', async () => {
    const link = await verifiedRequest();
    const element = await openFromLink(link);
    await waitUntil(() => $(element, '[part="withdraw-button"]'), 'the withdraw button');
    $<HTMLButtonElement>(element, '[part="withdraw-button"]')!.focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => focused(element) === $(element, '#withdraw-question'), 'the question focused');
    expect(text(element, '#withdraw-question')).to.contain('Test Port Agency');
    await expect(element).to.be.accessible();
    $<HTMLButtonElement>(element, '[part="keep-button"]')!.focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => focused(element) === $(element, '[part="withdraw-button"]'), 'focus back on Withdraw');
    expect((await visitor.rightsRequests.status(link.id, link.token)).status).to.equal('pending');

    await sendKeys({ press: 'Enter' });
    await waitUntil(() => $(element, '[part="confirm-withdraw-button"]'), 'the question again');
    const cancelled = oneEvent(element, 'porttask-request-cancelled');
    $<HTMLButtonElement>(element, '[part="confirm-withdraw-button"]')!.focus();
    await sendKeys({ press: 'Enter' });
    expect(((await cancelled) as CustomEvent<{ id: string }>).detail.id).to.equal(link.id);
    await waitUntil(() => text(element, '[part="status-badge"]') === 'Withdrawn', 'withdrawn');
    expect(text(element, '[role="status"][aria-live]')).to.equal('Your request is withdrawn.');
    expect($(element, '[part="withdraw-button"]'), 'nothing left to withdraw').to.equal(null);
    await waitUntil(() => focused(element) === $(element, '#status-title'), 'focus on the heading');
    expect((await visitor.rightsRequests.status(link.id, link.token)).status).to.equal('cancelled');
  });

  it('follows staff: approved, then completed, with reasons shown and no withdrawal once answered', async () => {
    const link = await verifiedRequest('deletion');
    await staffAction('extend', link.id, 'The request covers ten years of port calls.');
    await staffAction('approve', link.id);
    const element = await openFromLink(link);
    await waitUntil(() => text(element, '[part="status-badge"]') === 'Accepted', 'approved');
    expect(text(element, '[part="timeline"]')).to.contain('Deadline extended');
    expect(text(element, '[part="timeline"]')).to.contain('Reason: The request covers ten years of port calls.');
    await staffAction('complete', link.id);
    await element.refresh();
    await waitUntil(() => text(element, '[part="status-badge"]') === 'Completed', 'completed');
    expect(text(element, '[part="timeline"]')).to.contain('Request completed');
    expect($(element, '[part="withdraw-button"]')).to.equal(null);
    await expect(element).to.be.accessible();
  });

  it('offers the download once the answer carries a link, and says when the link no longer works', async () => {
    const link = await verifiedRequest();
    const element = await openFromLink(link);
    await waitUntil(() => element.view, 'the request');
    expect($(element, '[part="download-button"]'), 'no export yet').to.equal(null);
    // An API that builds exports adds downloadUrl to this same answer; this one is not a valid link.
    element.view = { ...element.view!, downloadUrl: `${apiUrl}/v1/rights-requests/${link.id}/export?signature=forged`, downloadExpiresAt: '2031-01-01T12:00:00Z' } as typeof element.view;
    await element.updateComplete;
    const button = $<HTMLButtonElement>(element, '[part="download-button"]')!;
    expect(button.textContent!.trim()).to.equal('Download your data');
    expect(text(element, '.download .hint')).to.contain('Available until');
    await expect(element).to.be.accessible();
    button.click();
    await waitUntil(() => text(element, '.download [part="problem"]'), 'the refusal');
    expect(text(element, '.download [part="problem"]')).to.equal('This download is no longer available. Ask Test Port Agency for a new answer.');
    element.view = { ...element.view!, downloadUrl: 'javascript:alert(1)' } as typeof element.view;
    await element.updateComplete;
    expect($(element, '[part="download-button"]'), 'only http(s) links').to.equal(null);
  });

  for (const [locale, title, status] of [['da', 'Din anmodning om persondata', 'Modtaget'], ['de', 'Ihre Datenschutzanfrage', 'Eingegangen'], ['hi', 'आपका गोपनीयता अनुरोध', 'प्राप्त']] as const) {
    it(`speaks ${locale}`, async () => {
      const link = await verifiedRequest();
      const element = await openFromLink(link, locale);
      await waitUntil(() => $(element, '[part="status"]')?.getAttribute('lang') === locale && $(element, '[part="status-badge"]'), 'translated');
      expect(text(element, '#status-title')).to.equal(title);
      expect(text(element, '[part="status-badge"]')).to.equal(status);
      const dueOn = $(element, '[part="due-date"] time')!.getAttribute('datetime')!;
      expect(text(element, '[part="due-date"]')).to.equal(formatDay(dueOn, locale));
      await expect(element).to.be.accessible();
    });
  }
});
