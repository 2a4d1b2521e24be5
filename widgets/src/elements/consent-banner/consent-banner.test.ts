import { expect, fixture, fixtureCleanup, html, oneEvent } from '@open-wc/testing';
import { waitUntil } from '../../testing/wait-until.ts';
import { emulateMedia, sendKeys } from '@web/test-runner-commands';
import type { WidgetConfig } from '@porttask/sdk';
import { testEnvironment } from '../../testing/test-environment.ts';
import './porttask-consent-banner.ts';
import type { ConsentBanner, ConsentChangeDetail } from './porttask-consent-banner.ts';
import { readDecision, readPending, type StoredDecision } from '../../consent/storage.ts';
import '../../testing/test-widget.ts';

const { apiUrl, publishableKey, tenantId, unreachableApiUrl } = testEnvironment();

// Consent Mode: every gtag call of this page, in order. Installed before any banner exists.
const gtagCalls: unknown[][] = [];
(globalThis as { gtag?: unknown }).gtag = (...args: unknown[]) => gtagCalls.push(args);

let realConfig: WidgetConfig;

/** The real tenant's configuration, with cookie patterns and services added to analytics. */
async function tenantConfig(change: (config: WidgetConfig) => void = () => {}): Promise<WidgetConfig> {
  realConfig ??= await (await fetch(`${apiUrl}/v1/config`, { headers: { 'X-PortTask-Key': publishableKey } })).json();
  const config = structuredClone(realConfig);
  const analytics = config.consent.purposes.find((purpose) => purpose.key === 'analytics')!;
  analytics.services = [{ name: 'Example Analytics', cookies: ['_ga', '_ga_*'] }];
  change(config);
  return config;
}

/** Stands in for the loader: its settings and its prefetched configuration. */
function loaderSettings(config: WidgetConfig, url = apiUrl): void {
  globalThis.PortTask = { version: 'test', apiUrl: url, publishableKey, config: Promise.resolve(config) };
}

async function mountBanner(config?: WidgetConfig, url = apiUrl): Promise<ConsentBanner> {
  loaderSettings(config ?? (await tenantConfig()), url);
  const element = await fixture<ConsentBanner>(html`<porttask-consent-banner></porttask-consent-banner>`);
  await waitUntil(() => element.ready, 'the banner got its configuration');
  await element.updateComplete;
  return element;
}

const part = (element: ConsentBanner, name: string) => element.shadowRoot!.querySelector<HTMLElement>(`[part~="${name}"]`);
const dialogOf = (element: ConsentBanner) => element.shadowRoot!.querySelector('dialog')!;
const focused = (element: ConsentBanner) => element.shadowRoot!.activeElement as HTMLElement | null;
const switchFor = (element: ConsentBanner, purpose: string) => element.shadowRoot!.querySelector<HTMLInputElement>(`input[data-purpose="${purpose}"]`)!;

async function nextChange(element: ConsentBanner, reason: ConsentChangeDetail['reason']): Promise<ConsentChangeDetail> {
  for (;;) {
    const event = await oneEvent(element, 'porttask-consent-change');
    const detail = (event as CustomEvent<ConsentChangeDetail>).detail;
    if (detail.reason === reason) return detail;
  }
}

/**
 * Holds the page's first `POST /v1/consents` until `release()`, and records the
 * Idempotency-Key of every one; `restore()` releases and puts the real fetch back.
 */
function holdFirstConsentPost() {
  const realFetch = window.fetch;
  let release!: () => void;
  const held = new Promise<void>((resolve) => { release = resolve; });
  const sentKeys: string[] = [];
  window.fetch = async (input, init) => {
    if (String(input).endsWith('/v1/consents')) {
      sentKeys.push((init?.headers as Record<string, string>)['Idempotency-Key']!);
      if (sentKeys.length === 1) await held;
    }
    return realFetch(input, init);
  };
  return { sentKeys, release, restore: () => { release(); window.fetch = realFetch; } };
}

function storeDecision(overrides: Partial<StoredDecision>): void {
  const decision: StoredDecision = {
    subjectId: 'subject_stored_0001',
    choices: { necessary: true, functional: false, analytics: true, marketing: false },
    policyVersion: realConfig.policy!.version,
    decidedAt: new Date(Date.now() - 1_000).toISOString(),
    expiresAt: new Date(Date.now() + 86_400_000).toISOString(),
    source: 'banner',
    gpc: false,
    signals: ['analytics_storage'],
    key: `stored-${Math.random()}`,
    ...overrides,
  };
  localStorage.setItem(`porttask-consent:${tenantId}`, JSON.stringify(decision));
}

beforeEach(async () => {
  for (const key of Object.keys(localStorage)) if (key.startsWith('porttask-consent')) localStorage.removeItem(key);
  await tenantConfig();
});
afterEach(() => {
  fixtureCleanup();
  globalThis.PortTask = undefined;
});

describe('<porttask-consent-banner>', () => {
  it('sets Consent Mode to denied before any choice, and updates all four signals after it', async () => {
    const element = await mountBanner();
    await expect(element).to.be.accessible();
    expect(gtagCalls[0]).to.deep.equal(['consent', 'default', {
      ad_storage: 'denied', ad_user_data: 'denied', ad_personalization: 'denied', analytics_storage: 'denied',
    }]);
    expect(gtagCalls.filter((call) => call[1] === 'update')).to.have.length(0, 'no update before a choice (opt-in)');
    const accepted = nextChange(element, 'decision');
    part(element, 'accept-button')!.click();
    await accepted;
    expect(gtagCalls.at(-1)).to.deep.equal(['consent', 'update', {
      ad_storage: 'granted', ad_user_data: 'granted', ad_personalization: 'granted', analytics_storage: 'granted',
    }]);
    expect(gtagCalls.findIndex((call) => call[1] === 'default')).to.be.lessThan(gtagCalls.findIndex((call) => call[1] === 'update'));
  });

  it('shows a first layer whose three choices have equal weight, and shifts nothing on the page', async () => {
    const marker = document.createElement('p');
    marker.textContent = 'Host page content';
    document.body.prepend(marker);
    const before = marker.getBoundingClientRect().top;
    const element = await mountBanner();
    await expect(element).to.be.accessible();
    const buttons = ['accept-button', 'reject-button', 'customise-button'].map((name) => part(element, name)!);
    expect(buttons.map((button) => button.textContent!.trim())).to.deep.equal(['Accept all', 'Reject all', 'Customise']);
    const look = (button: HTMLElement) => {
      const style = getComputedStyle(button);
      return [style.backgroundColor, style.color, style.fontWeight, style.fontSize, style.borderTopWidth, style.borderTopColor, style.paddingTop, button.getBoundingClientRect().height];
    };
    expect(look(buttons[1]!)).to.deep.equal(look(buttons[0]!));
    expect(look(buttons[2]!)).to.deep.equal(look(buttons[0]!));
    expect(getComputedStyle(element).position).to.equal('fixed');
    expect(marker.getBoundingClientRect().top).to.equal(before);
    marker.remove();
  });

  it('rejects all: stores the decision on the device, refuses every optional purpose, and gets a receipt from the API', async () => {
    const element = await mountBanner();
    await expect(element).to.be.accessible();
    const decided = nextChange(element, 'decision');
    const recorded = nextChange(element, 'recorded');
    part(element, 'reject-button')!.click();
    const { consent } = await decided;
    expect(consent.choices).to.deep.equal({ necessary: true, functional: false, analytics: false, marketing: false });
    expect(readDecision(tenantId)!.choices).to.deep.equal(consent.choices);
    expect(Date.parse(consent.expiresAt!) - Date.parse(consent.decidedAt!)).to.equal(182 * 86_400_000, 'asks again after the default 182 days');
    expect(part(element, 'banner')).to.equal(null);
    const receipt = await recorded;
    expect(receipt.consent.receiptId).to.match(/^rcpt_[0-9a-z]{24}$/);
    expect(element.getConsent().receiptId).to.equal(receipt.consent.receiptId);
    expect(readPending(tenantId)).to.deep.equal([]);
  });

  it('is keyboard-complete: the dialog takes focus, traps Tab, closes on Escape and gives focus back', async () => {
    const element = await mountBanner();
    await expect(element).to.be.accessible();
    part(element, 'customise-button')!.focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => dialogOf(element).open, 'the dialog opened');
    await expect(element).to.be.accessible();
    const dialog = dialogOf(element);
    expect(dialog.contains(focused(element))).to.equal(true, 'focus moved into the dialog');
    const focusable = [...dialog.querySelectorAll<HTMLElement>('button, input:not([disabled])')];
    expect(focusable.length).to.be.greaterThan(4);
    // Once round the dialog and a step further: focus never leaves it.
    for (let step = 0; step <= focusable.length; step += 1) {
      await sendKeys({ press: 'Tab' });
      expect(dialog.contains(focused(element))).to.equal(true, `Tab ${step + 1} stayed in the dialog`);
    }
    focusable[0]!.focus();
    await sendKeys({ press: 'Shift+Tab' });
    expect(focused(element)).to.equal(focusable.at(-1));
    await sendKeys({ press: 'Escape' });
    await waitUntil(() => !dialogOf(element).open, 'Escape closed the dialog');
    expect(focused(element)).to.equal(part(element, 'customise-button'), 'focus went back to Customise');
    expect(element.getConsent().decided).to.equal(false, 'closing is not a decision');
  });

  it('lets a keyboard user reach the banner, open the preferences and choose purposes one by one; nothing is pre-ticked', async () => {
    const element = await mountBanner();
    await expect(element).to.be.accessible();
    // From the top of the page, Tab only: policy link, Accept all, Reject all, Customise.
    (document.activeElement as HTMLElement | null)?.blur();
    const reached: string[] = [];
    for (let step = 0; step < 4; step += 1) {
      await sendKeys({ press: 'Tab' });
      reached.push(focused(element)?.getAttribute('part') ?? 'outside');
    }
    expect(reached).to.deep.equal(['policy-link', 'button accept-button', 'button reject-button', 'button customise-button']);
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => dialogOf(element).open && switchFor(element, 'analytics'), 'the dialog opened');
    expect(switchFor(element, 'necessary').checked && switchFor(element, 'necessary').disabled).to.equal(true);
    for (const purpose of ['functional', 'analytics', 'marketing']) expect(switchFor(element, purpose).checked).to.equal(false, purpose);
    // Close button, then the switches in order (necessary is disabled, so skipped).
    expect(focused(element)?.getAttribute('part')).to.equal('close-button');
    await sendKeys({ press: 'Tab' });
    expect(focused(element)).to.equal(switchFor(element, 'functional'));
    await sendKeys({ press: 'Tab' });
    await sendKeys({ press: 'Space' });
    expect(switchFor(element, 'analytics').checked).to.equal(true);
    for (let step = 0; step < 4; step += 1) await sendKeys({ press: 'Tab' }); // marketing, accept, reject, save
    expect(focused(element)).to.equal(part(element, 'save-button'));
    const decided = nextChange(element, 'decision');
    await sendKeys({ press: 'Enter' });
    const { consent } = await decided;
    expect(consent.choices).to.deep.equal({ necessary: true, functional: false, analytics: true, marketing: false });
    expect(consent.source).to.equal('preferences');
    expect(dialogOf(element).open).to.equal(false);
  });

  it('never lets the open banner hide what takes focus on the page (WCAG 2.4.11)', async () => {
    scrollTo(0, 0);
    const spacer = document.createElement('div');
    spacer.style.height = `${innerHeight - 40}px`;
    const below = document.createElement('button');
    below.textContent = 'A button near the bottom of the window';
    const rest = document.createElement('div');
    rest.style.height = `${innerHeight}px`;
    document.body.prepend(spacer, below, rest);
    try {
      const element = await mountBanner();
      const bannerTop = () => part(element, 'banner')!.getBoundingClientRect().top;
      expect(below.getBoundingClientRect().bottom).to.be.greaterThan(bannerTop(), 'the banner covers it at first');
      below.focus();
      expect(below.getBoundingClientRect().bottom).to.be.at.most(bannerTop(), 'scrolled above the banner');
    } finally {
      spacer.remove();
      below.remove();
      rest.remove();
      scrollTo(0, 0);
    }
  });

  it('gives focus back to where the visitor came from once a decision closes the banner', async () => {
    const before = document.createElement('button');
    before.textContent = 'A button of the page';
    document.body.prepend(before);
    try {
      for (const decide of ['first layer', 'dialog'] as const) {
        localStorage.removeItem(`porttask-consent:${tenantId}`);
        const element = await mountBanner();
        before.focus();
        await sendKeys({ press: 'Tab' }); // the banner's policy link
        expect(focused(element)?.getAttribute('part')).to.equal('policy-link');
        const decided = nextChange(element, 'decision');
        if (decide === 'first layer') {
          part(element, 'reject-button')!.focus();
        } else {
          part(element, 'customise-button')!.focus();
          await sendKeys({ press: 'Enter' });
          await waitUntil(() => dialogOf(element).open, 'the dialog opened');
          part(element, 'save-button')!.focus();
        }
        await sendKeys({ press: 'Enter' });
        await decided;
        await element.updateComplete;
        expect(document.activeElement === before).to.equal(true, `focus is back on the page after a decision in the ${decide} (it is on ${document.activeElement?.tagName})`);
        fixtureCleanup();
      }
    } finally {
      before.remove();
    }
  });

  it('keeps a decision for the tenant\'s own expiry', async () => {
    const element = await mountBanner(await tenantConfig((value) => { value.consent.expiryDays = 30; }));
    const decided = nextChange(element, 'decision');
    part(element, 'accept-button')!.click();
    const { consent } = await decided;
    expect(Date.parse(consent.expiresAt!) - Date.parse(consent.decidedAt!)).to.equal(30 * 86_400_000);
  });

  it('asks again when the policy version changed or the decision expired, and not otherwise', async () => {
    storeDecision({ policyVersion: 'an-older-version' });
    let element = await mountBanner();
    await expect(element).to.be.accessible();
    expect(part(element, 'banner'), 'new policy version').to.exist;
    // consent-mode.js may have replayed the old decision's signals: they are taken back.
    expect(gtagCalls.at(-1)).to.deep.equal(['consent', 'update', { ad_storage: 'denied', ad_user_data: 'denied', ad_personalization: 'denied', analytics_storage: 'denied' }]);
    fixtureCleanup();

    // An expired decision had granted analytics: its cookies go while the banner asks again.
    storeDecision({ expiresAt: new Date(Date.now() - 1_000).toISOString() });
    document.cookie = '_ga=GA1.1.expired; path=/';
    element = await mountBanner();
    expect(part(element, 'banner'), 'expired').to.exist;
    expect(document.cookie).not.to.contain('_ga=', 'cookies of a decision no longer in force are cleared');
    fixtureCleanup();

    storeDecision({});
    element = await mountBanner();
    expect(part(element, 'banner'), 'current decision').to.equal(null);
    expect(element.getConsent().choices['analytics']).to.equal(true);
  });

  it('runs held-back scripts only once their purpose is granted', async () => {
    const page = globalThis as { analyticsRuns?: number; marketingRuns?: number };
    page.analyticsRuns = 0;
    page.marketingRuns = 0;
    const analytics = Object.assign(document.createElement('script'), { type: 'text/plain', text: 'globalThis.analyticsRuns += 1' });
    analytics.dataset['porttaskPurpose'] = 'analytics';
    const marketing = Object.assign(document.createElement('script'), { type: 'text/plain', text: 'globalThis.marketingRuns += 1' });
    marketing.dataset['porttaskPurpose'] = 'marketing';
    document.body.append(analytics, marketing);
    try {
      const element = await mountBanner();
      await expect(element).to.be.accessible();
      const rejected = nextChange(element, 'decision');
      part(element, 'reject-button')!.click();
      await rejected;
      expect(page.analyticsRuns).to.equal(0, 'not before a grant');
      await element.showPreferences();
      switchFor(element, 'analytics').click();
      const granted = nextChange(element, 'decision');
      part(element, 'save-button')!.click();
      await granted;
      expect(page.analyticsRuns).to.equal(1, 'analytics ran after the grant');
      expect(page.marketingRuns).to.equal(0);
      await element.showPreferences();
      const again = nextChange(element, 'decision');
      part(element, 'save-button')!.click();
      await again;
      expect(page.analyticsRuns).to.equal(1, 'ran once');
    } finally {
      document.querySelectorAll('script[data-porttask-purpose]').forEach((script) => script.remove());
    }
  });

  it('clears the cookies of a purpose when it is withdrawn, and only those', async () => {
    const element = await mountBanner();
    await expect(element).to.be.accessible();
    const accepted = nextChange(element, 'decision');
    part(element, 'accept-button')!.click();
    await accepted;
    document.cookie = '_ga=GA1.1.123; path=/';
    document.cookie = '_ga_XYZ123=GS1.1; path=/';
    document.cookie = 'site_language=da; path=/';
    expect(document.cookie).to.contain('_ga=');
    await element.showPreferences();
    expect(switchFor(element, 'analytics').checked).to.equal(true, 'the dialog shows the decision in force');
    switchFor(element, 'analytics').click();
    const withdrawn = nextChange(element, 'decision');
    part(element, 'save-button')!.click();
    expect((await withdrawn).consent.choices['analytics']).to.equal(false);
    expect(document.cookie).not.to.contain('_ga');
    expect(document.cookie).to.contain('site_language=da');
    document.cookie = 'site_language=; expires=Thu, 01 Jan 1970 00:00:00 GMT; path=/';
  });

  describe('Global Privacy Control', () => {
    beforeEach(() => {
      Object.defineProperty(navigator, 'globalPrivacyControl', { value: true, configurable: true });
    });
    afterEach(() => {
      delete (navigator as { globalPrivacyControl?: boolean }).globalPrivacyControl;
    });

    it('opt-in: says GPC was honoured, and Accept all leaves marketing off', async () => {
      const element = await mountBanner();
      await expect(element).to.be.accessible();
      expect(part(element, 'gpc-notice')!.textContent).to.contain('Global Privacy Control').and.to.contain('Marketing');
      const decided = nextChange(element, 'decision');
      part(element, 'accept-button')!.click();
      const { consent } = await decided;
      expect(consent.choices).to.deep.equal({ necessary: true, functional: true, analytics: true, marketing: false });
      expect(consent.gpc).to.equal(true);
    });

    it('overrules a decision made before the browser sent GPC: records the refusal, keeps the rest, and says so', async () => {
      const config = await tenantConfig();
      storeDecision({ choices: { necessary: true, functional: false, analytics: true, marketing: true }, signals: ['analytics_storage', 'ad_storage'] });
      loaderSettings(config);
      const element = await fixture<ConsentBanner>(html`<porttask-consent-banner></porttask-consent-banner>`);
      const recorded = nextChange(element, 'recorded');
      const { consent } = await recorded;
      expect(consent.source).to.equal('gpc');
      expect(consent.gpc).to.equal(true);
      expect(consent.choices).to.deep.equal({ necessary: true, functional: false, analytics: true, marketing: false });
      expect(consent.receiptId).to.match(/^rcpt_/);
      await element.updateComplete;
      expect(part(element, 'gpc-notice')!.textContent).to.contain('Marketing');
      const update = gtagCalls.filter((call) => call[1] === 'update').at(-1)![2] as Record<string, string>;
      expect(update['ad_storage']).to.equal('denied');
      expect(update['analytics_storage']).to.equal('granted');
      await expect(element).to.be.accessible();
    });

    it('with the API down, applies a decision made earlier without its advertising signals', async () => {
      storeDecision({ choices: { necessary: true, functional: false, analytics: true, marketing: true }, signals: ['analytics_storage', 'ad_storage', 'ad_user_data', 'ad_personalization'] });
      const element = document.createElement('porttask-consent-banner') as ConsentBanner;
      element.setAttribute('api-url', unreachableApiUrl);
      element.setAttribute('publishable-key', publishableKey);
      const loaded = nextChange(element, 'loaded');
      (await fixture<HTMLElement>(html`<div></div>`)).append(element);
      await loaded;
      expect(gtagCalls.at(-1)).to.deep.equal(['consent', 'update', { ad_storage: 'denied', ad_user_data: 'denied', ad_personalization: 'denied', analytics_storage: 'granted' }]);
    });

    it('opt-out: records the GPC signal as the decision, refusing only sale/sharing, and tells the visitor', async () => {
      const config = await tenantConfig((value) => { value.consent.model = 'opt_out'; });
      loaderSettings(config);
      const element = await fixture<ConsentBanner>(html`<porttask-consent-banner></porttask-consent-banner>`);
      const recorded = nextChange(element, 'recorded');
      await waitUntil(() => element.ready);
      await element.updateComplete;
      await expect(element).to.be.accessible();
      expect(part(element, 'gpc-notice')).to.exist;
      const { consent } = await recorded;
      expect(consent.source).to.equal('gpc');
      expect(consent.choices).to.deep.equal({ necessary: true, functional: true, analytics: true, marketing: false });
      expect(consent.receiptId).to.match(/^rcpt_/);
    });
  });

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
    const closed = oneEvent(dialogOf(element), 'close');
    dialogOf(element).close();
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

  it('speaks Danish on a Danish page, and the tenant\'s own locale when it supplies texts', async () => {
    const config = await tenantConfig((value) => {
      value.consent.texts = {
        fr: { title: 'Vos choix de confidentialité', acceptAll: 'Tout accepter' },
        ar: { title: 'خيارات الخصوصية' },
        'pt-BR': { title: 'Suas escolhas de privacidade', policyLink: 'Política de privacidade (versão {version})', close: 'Fechar', alwaysOn: 'Sempre ativo' },
      };
    });
    const danish = await mountBanner(config);
    danish.locale = 'da';
    await waitUntil(() => part(danish, 'accept-button')?.textContent?.trim() === 'Accepter alle', 'Danish arrived');
    await expect(danish).to.be.accessible();
    expect(part(danish, 'banner')!.getAttribute('lang')).to.equal('da');
    expect(part(danish, 'policy-link')!.textContent).to.contain('3. april 2026');
    danish.locale = 'fr';
    await danish.updateComplete;
    expect(part(danish, 'title')!.textContent).to.equal('Vos choix de confidentialité');
    expect(part(danish, 'accept-button')!.textContent!.trim()).to.equal('Tout accepter');
    expect(part(danish, 'reject-button')!.textContent!.trim()).to.equal('Reject all', 'English for what the tenant left out');
    danish.locale = 'ar';
    await danish.updateComplete;
    expect(part(danish, 'title')!.textContent).to.equal('خيارات الخصوصية');
    expect(part(danish, 'banner')!.getAttribute('dir')).to.equal('rtl');
    await expect(danish).to.be.accessible();
    // A tenant locale with a region, asked for in any case, and every message overridable.
    danish.locale = 'pt-br';
    await danish.updateComplete;
    expect(part(danish, 'title')!.textContent).to.equal('Suas escolhas de privacidade');
    expect(part(danish, 'banner')!.getAttribute('lang')).to.equal('pt-BR');
    expect(part(danish, 'policy-link')!.textContent).to.equal(`Política de privacidade (versão ${config.policy!.version})`);
    await danish.showPreferences();
    expect(dialogOf(danish).querySelector('[part~="close-button"]')!.getAttribute('aria-label')).to.equal('Fechar');
    expect(dialogOf(danish).textContent).to.contain('Sempre ativo');
  });

  it('uses the same theme tokens as every other element, and takes the page\'s --porttask-* values', async () => {
    const element = await mountBanner();
    await expect(element).to.be.accessible();
    const reference = await fixture<HTMLElement>(html`<porttask-test-widget></porttask-test-widget>`);
    const tokens = ['font-family', 'font-size', 'line-height', 'color-background', 'color-surface', 'color-text', 'color-text-muted',
      'color-border', 'color-primary', 'color-on-primary', 'color-focus-ring', 'radius', 'radius-small',
      'spacing-extra-small', 'spacing-small', 'spacing-medium', 'spacing-large', 'focus-ring-width', 'focus-ring-offset'];
    for (const token of tokens) {
      const name = `--_porttask-${token}`;
      expect(getComputedStyle(element).getPropertyValue(name).trim(), name).to.equal(getComputedStyle(reference).getPropertyValue(name).trim());
    }
    const styles = new CSSStyleSheet();
    styles.replaceSync('porttask-consent-banner { --porttask-color-primary: rgb(122, 31, 92); }');
    document.adoptedStyleSheets = [...document.adoptedStyleSheets, styles];
    try {
      expect(getComputedStyle(part(element, 'accept-button')!).backgroundColor).to.equal('rgb(122, 31, 92)');
    } finally {
      document.adoptedStyleSheets = document.adoptedStyleSheets.filter((sheet) => sheet !== styles);
    }
  });

  it('follows a dark colour scheme, with its contrast still passing', async () => {
    await emulateMedia({ colorScheme: 'dark' });
    try {
      const element = await mountBanner();
      await expect(element).to.be.accessible();
      expect(getComputedStyle(part(element, 'banner')!).backgroundColor).to.equal('rgb(22, 25, 29)');
      await element.showPreferences();
      await expect(element).to.be.accessible();
    } finally {
      await emulateMedia({ colorScheme: 'light' });
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
