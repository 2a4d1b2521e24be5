import { expect, fixture, html, oneEvent, fixtureCleanup } from '@open-wc/testing';
import { waitUntil } from '../../testing/wait-until.ts';
import type { ConsentBanner } from './porttask-consent-banner.ts';
import { readDecision, readPending } from '../../consent/storage.ts';
import { tenantConfig, mountBanner, nextChange, holdFirstConsentPost, storeDecision, part, dialogOf, switchFor, gtagCalls, publishableKey, tenantId, unreachableApiUrl, resetBetweenTests } from '../../testing/consent-banner-fixtures.ts';

resetBetweenTests();

describe('<porttask-consent-banner>: sending decisions, offline and API failures', () => {
  it('sends a decision made while the one before it is still on its way, without waiting for a retry', async () => {
    const element = await mountBanner();
    // Hold the first POST until the second decision has been made.
    const { sentKeys, release, restore } = holdFirstConsentPost();
    try {
      part(element, 'accept-button')!.click();
      await waitUntil(() => sentKeys.length === 1, 'the first decision is on its way');
      await element.showPreferences();
      switchFor(element, 'analytics').click();
      const second = nextChange(element, 'decision');
      part(element, 'save-button')!.click();
      await second;
      expect(readPending(tenantId).length).to.equal(2);
      release();
      await waitUntil(() => readPending(tenantId).length === 0 && !!element.getConsent().receiptId, 'both decisions reached the API');
      expect(sentKeys.length).to.equal(2);
      expect(element.getConsent().choices['analytics']).to.equal(false);
    } finally {
      restore();
    }
  });

  it('stops sending once the element leaves the page, even mid-request: the queue is the next banner\'s', async () => {
    const first = await mountBanner();
    const { sentKeys, release, restore } = holdFirstConsentPost();
    try {
      part(first, 'accept-button')!.click();
      await waitUntil(() => sentKeys.length === 1, 'the first decision is on its way');
      await first.showPreferences();
      const second = nextChange(first, 'decision');
      part(first, 'save-button')!.click();
      await second;
      const secondKey = readPending(tenantId)[1]!.key;
      fixtureCleanup(); // the first banner leaves while its request is out
      release();
      await waitUntil(() => readPending(tenantId).length === 1, 'the first decision arrived');
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(sentKeys.includes(secondKey)).to.equal(false, 'the banner that left sent nothing more');
      const next = await mountBanner();
      await waitUntil(() => readPending(tenantId).length === 0 && !!next.getConsent().receiptId, 'the next banner sent it');
      expect(sentKeys.filter((key) => key === secondKey).length).to.equal(1);
    } finally {
      restore();
    }
  });

  it('keeps a decision the API refuses for a setup reason (403: origin, key) and sends it once that is fixed', async () => {
    const element = await mountBanner();
    const realFetch = window.fetch;
    let refusing = true;
    let refusals = 0;
    window.fetch = async (input, init) => {
      if (!refusing || !String(input).endsWith('/v1/consents')) return realFetch(input, init);
      refusals += 1;
      return new Response(JSON.stringify({ error: { code: 'ORIGIN_NOT_ALLOWED', message: 'no', requestId: 'req_test' } }), { status: 403 });
    };
    try {
      const decided = nextChange(element, 'decision');
      part(element, 'reject-button')!.click();
      await decided;
      await waitUntil(() => refusals === 1, 'the API refused it');
      await new Promise((resolve) => setTimeout(resolve, 50)); // the sender has read the answer
      expect(readPending(tenantId).length).to.equal(1, 'still waiting on the device');
      refusing = false;
      dispatchEvent(new Event('online'));
      await waitUntil(() => readPending(tenantId).length === 0 && !!element.getConsent().receiptId, 'sent once the API takes it');
    } finally {
      window.fetch = realFetch;
    }
  });

  it('opt-out: the dialog shows the purposes that run until refused, and Escape twice leaves nothing half-open', async () => {
    const config = await tenantConfig((value) => { value.consent.model = 'opt_out'; });
    const element = await mountBanner(config);
    await element.showPreferences();
    expect(switchFor(element, 'analytics').checked).to.equal(true, 'analytics runs until refused');
    // Chromium may close a dialog on a repeated Escape without a cancel event: the element
    // must still leave its preferences state (else a later first-layer choice is recorded
    // as made in the preferences) and give focus back.
    const closed = oneEvent(dialogOf(element)!, 'close');
    dialogOf(element)!.close();
    await closed;
    await element.updateComplete;
    const decided = nextChange(element, 'decision');
    part(element, 'reject-button')!.click();
    expect((await decided).consent.source).to.equal('banner');
  });

  it('still applies and keeps a decision whose proof cannot be computed, and says so', async () => {
    const element = await mountBanner();
    const digest = SubtleCrypto.prototype.digest;
    const warn = console.warn;
    const warnings: unknown[][] = [];
    SubtleCrypto.prototype.digest = () => Promise.reject(new Error('no hashing here'));
    console.warn = (...args: unknown[]) => { warnings.push(args); };
    try {
      const decided = nextChange(element, 'decision');
      part(element, 'accept-button')!.click();
      const { consent } = await decided;
      expect(consent.choices['analytics']).to.equal(true);
      expect(readDecision(tenantId)!.choices['analytics']).to.equal(true, 'kept on the device');
      expect(readPending(tenantId)).to.deep.equal([], 'nothing unprovable is sent');
      expect(String(warnings[0]?.[0])).to.contain('could not be sent');
    } finally {
      SubtleCrypto.prototype.digest = digest;
      console.warn = warn;
    }
  });

  it('keeps a decision made while the API is unreachable, and sends it once the API is back', async () => {
    const config = await tenantConfig();
    const offline = await mountBanner(config, unreachableApiUrl);
    await expect(offline).to.be.accessible();
    part(offline, 'reject-button')!.click();
    await waitUntil(() => readPending(tenantId).length === 1, 'the decision waits on the device');
    const [pending] = readPending(tenantId);
    expect(offline.getConsent().receiptId).to.equal(null);
    fixtureCleanup();

    const online = await mountBanner(config);
    await waitUntil(() => readPending(tenantId).length === 0 && !!online.getConsent().receiptId, 'sent once the API is reachable');
    // What arrived is the decision made offline: same subject, choices and decision time.
    const consent = online.getConsent();
    expect(consent.subjectId).to.equal(pending!.body.subjectId);
    expect(consent.decidedAt).to.equal(pending!.body.decidedAt);
    expect(consent.choices).to.deep.equal({ necessary: true, functional: false, analytics: false, marketing: false });
    // That it is recorded exactly once (retries reuse the Idempotency-Key) is checked where the
    // records can be counted: server/src/routes/consents/consents.test.ts and test/e2e/consent.test.ts.
  });

  it('when the API is down, still applies a decision made earlier, and says so', async () => {
    storeDecision({ signals: ['analytics_storage'] });
    const updatesBefore = gtagCalls.filter((call) => call[1] === 'update').length;
    const element = document.createElement('porttask-consent-banner') as ConsentBanner;
    element.setAttribute('api-url', unreachableApiUrl);
    element.setAttribute('publishable-key', publishableKey);
    const loaded = nextChange(element, 'loaded');
    const container = await fixture<HTMLElement>(html`<div></div>`);
    container.append(element);
    const { consent } = await loaded;
    await expect(element).to.be.accessible();
    expect(consent.decided).to.equal(true);
    expect(consent.choices['analytics']).to.equal(true);
    const updates = gtagCalls.filter((call) => call[1] === 'update');
    expect(updates.length).to.equal(updatesBefore + 1);
    expect((updates.at(-1)![2] as Record<string, string>)['analytics_storage']).to.equal('granted');
    expect(part(element, 'banner')).to.equal(null);
  });

  it('renders nothing and throws nothing into the page when the API is down', async () => {
    const uncaught: unknown[] = [];
    const onError = (event: Event) => uncaught.push(event);
    window.addEventListener('error', onError);
    window.addEventListener('unhandledrejection', onError);
    try {
      const element = await fixture<ConsentBanner>(html`<porttask-consent-banner api-url=${unreachableApiUrl} publishable-key=${publishableKey}></porttask-consent-banner>`);
      await expect(element).to.be.accessible();
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(element.shadowRoot!.children.length === 0 || !part(element, 'banner')).to.equal(true);
      expect(element.ready).to.equal(false);
      expect(uncaught).to.deep.equal([]);
    } finally {
      window.removeEventListener('error', onError);
      window.removeEventListener('unhandledrejection', onError);
    }
  });

  it('sends a decision made under purposes the tenant has removed since, without them', async () => {
    const config = await tenantConfig();
    const bodies: Record<string, unknown>[] = [];
    const realFetch = window.fetch;
    window.fetch = async (input, init) => {
      if (String(input).endsWith('/v1/consents')) bodies.push(JSON.parse(String(init!.body)));
      return realFetch(input, init);
    };
    // Queued offline, under a configuration that still had a "surveys" purpose.
    localStorage.setItem(`porttask-consent-pending:${tenantId}`, JSON.stringify([{
      key: `offline-${Math.random()}`,
      body: {
        subjectId: 'subject_removed_purpose', choices: { necessary: true, analytics: true, surveys: true }, policyVersion: config.policy!.version,
        bannerTextHash: 'a'.repeat(64), locale: 'en', source: 'banner', gpc: false, decidedAt: new Date().toISOString(),
      },
    }]));
    const warn = console.warn;
    const warnings: unknown[][] = [];
    console.warn = (...args: unknown[]) => { warnings.push(args); };
    try {
      await mountBanner(config);
      await waitUntil(() => readPending(tenantId).length === 0, 'the decision reached the API');
      expect(bodies.map((body) => Object.keys(body['choices'] as object))).to.deep.equal([['necessary', 'analytics', 'surveys'], ['necessary', 'analytics']]);
      expect(warnings).to.deep.equal([], 'recorded, not refused');
    } finally {
      window.fetch = realFetch;
      console.warn = warn;
    }
  });

  it('drops a decision the API refuses for good (4xx) instead of retrying it forever, keeping it on the device', async () => {
    const config = await tenantConfig((value) => { value.policy = { ...value.policy!, version: 'never-published' }; });
    const element = await mountBanner(config);
    await expect(element).to.be.accessible();
    const warnings: unknown[][] = [];
    const warn = console.warn;
    console.warn = (...args: unknown[]) => { warnings.push(args); };
    try {
      const decided = nextChange(element, 'decision');
      part(element, 'reject-button')!.click();
      await decided;
      await waitUntil(() => readPending(tenantId).length === 0, 'the refused decision left the queue');
      expect(String(warnings[0]?.[0])).to.contain('refused by the API (422)');
      expect(element.getConsent().decided).to.equal(true);
      expect(element.getConsent().receiptId).to.equal(null);
    } finally {
      console.warn = warn;
    }
  });
});
