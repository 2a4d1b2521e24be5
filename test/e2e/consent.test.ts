import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import type { ConsentRecord, Page as ResultPage } from '@porttask/sdk';
import { startStack, type Stack } from './support/stack.ts';

/**
 * The consent banner on the demo partner portal: a second origin with a strict CSP, the real
 * API and PostgreSQL, headless Chromium.
 */
let stack: Stack;
before(async () => { stack = await startStack(); });
after(async () => { await stack?.close(); });

interface BannerState { decided: boolean; subjectId: string | null; receiptId: string | null; choices: Record<string, boolean> }

const bannerState = (page: Page) =>
  page.evaluate(() => (document.querySelector('porttask-consent-banner') as unknown as { getConsent(): BannerState }).getConsent());

async function asPartner<T>(path: string): Promise<T> {
  const response = await fetch(`${stack.apiUrl}${path}`, { headers: { Authorization: `Bearer ${stack.keys.secretKey}` } });
  assert.equal(response.status, 200, await response.clone().text());
  return (await response.json()) as T;
}

const recordsOf = (subjectId: string) => asPartner<ResultPage<ConsentRecord>>(`/v1/consents?subjectId=${subjectId}`);

async function openPortal(page: Page): Promise<void> {
  await page.goto(stack.portalUrl);
  await page.getByRole('region', { name: 'Your privacy choices' }).waitFor();
}

describe('consent on the partner portal', () => {
  it('Reject all: the server holds a record refusing every optional purpose, and the receipt matches; no CSP violation', async () => {
    const { page, context, cspViolations } = await stack.newPage();
    await openPortal(page);
    await page.getByRole('button', { name: 'Reject all' }).click();
    await page.waitForFunction(() => (document.querySelector('porttask-consent-banner') as unknown as { getConsent(): { receiptId: string | null } }).getConsent().receiptId);
    const state = await bannerState(page);
    assert.equal(await page.getByRole('region', { name: 'Your privacy choices' }).count(), 0, 'the banner closed');

    const record = await asPartner<ConsentRecord>(`/v1/consents/${state.receiptId}`);
    assert.equal(record.receiptId, state.receiptId);
    assert.equal(record.subjectId, state.subjectId);
    assert.deepEqual(record.choices, { necessary: true, functional: false, analytics: false, marketing: false });
    assert.equal(record.source, 'banner');
    assert.equal(record.policyVersion, '2026-04-03');
    assert.match(record.bannerTextHash, /^[0-9a-f]{64}$/);
    assert.equal(record.ipAddress, '127.0.0.1');
    assert.match(record.userAgent ?? '', /Chrome/);
    assert.equal((await recordsOf(state.subjectId!)).data.length, 1);

    // The page shows the state and the receipt; the held-back analytics script never ran.
    await page.locator(`#consent-state[data-receipt-id="${state.receiptId}"]`).waitFor();
    assert.equal(await page.evaluate(() => (globalThis as { demoAnalyticsRuns?: number }).demoAnalyticsRuns ?? 0), 0);
    assert.deepEqual(await cspViolations(), []);
    await context.close();
  });

  it('the CDN build styles the banner through its tokens (short private names inside) and follows the page\'s --porttask-* values', async () => {
    const { page, context } = await stack.newPage();
    await openPortal(page);
    const accept = page.getByRole('button', { name: 'Accept all' });
    const style = () => accept.evaluate((button) => {
      const banner = button.closest('[part~="banner"]')!;
      return { background: getComputedStyle(button).backgroundColor, radius: getComputedStyle(banner).borderTopLeftRadius, padding: getComputedStyle(banner).paddingTop };
    });
    const before = await style();
    // Unresolved var() would leave these at their initial values (transparent, 0px).
    assert.notEqual(before.background, 'rgba(0, 0, 0, 0)', JSON.stringify(before));
    assert.notEqual(before.radius, '0px', JSON.stringify(before));
    assert.notEqual(before.padding, '0px', JSON.stringify(before));
    await page.evaluate(() => (document.querySelector('porttask-consent-banner') as HTMLElement).style.setProperty('--porttask-color-primary', 'rgb(122, 31, 92)'));
    assert.equal((await style()).background, 'rgb(122, 31, 92)');
    await context.close();
  });

  it('Google Consent Mode: the default comes before the Google tag, and a returning visitor\'s choice is replayed before it too', async () => {
    const { page, context, cspViolations } = await stack.newPage();
    const dataLayer = () => page.evaluate(() => (window as unknown as { dataLayer: ArrayLike<unknown>[] }).dataLayer.map((entry) => Array.from(entry)));
    const position = (entries: unknown[][], first: string, second?: string) => entries.findIndex((entry) => entry[0] === first && (second === undefined || entry[1] === second));
    await openPortal(page);
    let entries = await dataLayer();
    const denied = { ad_storage: 'denied', ad_user_data: 'denied', ad_personalization: 'denied', analytics_storage: 'denied' };
    assert.deepEqual(entries[0], ['consent', 'default', { ...denied, wait_for_update: 500 }], 'the first thing in dataLayer');
    assert.ok(position(entries, 'config') > 0, 'the Google tag ran after it');
    assert.equal(entries.filter((entry) => entry[0] === 'consent' && entry[1] === 'default').length, 1, 'the banner did not set a second default');
    assert.equal(position(entries, 'consent', 'update'), -1, 'nothing granted before a choice');

    await page.getByRole('button', { name: 'Accept all' }).click();
    await page.waitForFunction(() => (window as unknown as { dataLayer: ArrayLike<unknown>[] }).dataLayer.some((entry) => entry[1] === 'update'));
    await page.reload();
    await page.waitForFunction(() => (document.querySelector('porttask-consent-banner') as unknown as { ready: boolean } | null)?.ready);
    entries = await dataLayer();
    const granted = { ad_storage: 'granted', ad_user_data: 'granted', ad_personalization: 'granted', analytics_storage: 'granted' };
    assert.deepEqual(entries[1], ['consent', 'update', granted], 'replayed right after the default');
    assert.ok(position(entries, 'config') > 1, 'before the Google tag');
    // With Global Privacy Control on, nothing is replayed before the banner knows what GPC refuses.
    await page.addInitScript(() => Object.defineProperty(navigator, 'globalPrivacyControl', { value: true }));
    await page.reload();
    await page.waitForFunction(() => (document.querySelector('porttask-consent-banner') as unknown as { ready: boolean } | null)?.ready);
    entries = await dataLayer();
    assert.ok(position(entries, 'consent', 'update') > position(entries, 'config'), 'no grant before the Google tag under GPC');
    assert.deepEqual(await cspViolations(), []);
    await context.close();
  });

  it('a click before the deciding code could load leaves the banner up, and the next click decides', async () => {
    const { page, context } = await stack.newPage();
    let reachable = false;
    await context.route(/\/consent-decision-[^/]+\.js$/, (route) => (reachable ? route.continue() : route.abort()));
    await openPortal(page);
    await page.getByRole('button', { name: 'Accept all' }).click();
    await new Promise((resolve) => setTimeout(resolve, 500)); // the refused fetch and its handling
    assert.equal(await page.getByRole('region', { name: 'Your privacy choices' }).count(), 1, 'the banner is still up');
    assert.equal((await bannerState(page)).decided, false, 'nothing decided');
    reachable = true;
    await page.getByRole('button', { name: 'Accept all' }).click();
    await page.waitForFunction(() => (document.querySelector('porttask-consent-banner') as unknown as { getConsent(): { receiptId: string | null } }).getConsent().receiptId);
    assert.equal(await page.getByRole('region', { name: 'Your privacy choices' }).count(), 0, 'the banner closed');
    await context.close();
  });

  it('API stopped, decision made, API started: exactly one record arrives', async () => {
    const { page, context, cspViolations } = await stack.newPage();
    await openPortal(page);
    // The deciding code is fetched right after the banner's first frame, from the API's origin:
    // this test is about the API going away after that (a loaded machine can take longer).
    await page.waitForFunction(() => performance.getEntriesByType('resource').some((entry) => /\/consent-decision-[^/]+\.js$/.test(entry.name)));
    await stack.stopApi();
    try {
      await page.getByRole('button', { name: 'Accept all' }).click();
      // Decided and applied on the device at once: the analytics script ran, nothing reached the server.
      await page.waitForFunction(() => (globalThis as { demoAnalyticsRuns?: number }).demoAnalyticsRuns === 1);
      await new Promise((resolve) => setTimeout(resolve, 1_500)); // a retry or two fail meanwhile
      const waiting = await bannerState(page);
      assert.equal(waiting.decided, true);
      assert.equal(waiting.receiptId, null);
    } finally {
      await stack.startApi();
    }
    await page.waitForFunction(
      () => (document.querySelector('porttask-consent-banner') as unknown as { getConsent(): { receiptId: string | null } }).getConsent().receiptId,
      undefined,
      { timeout: 30_000 },
    );
    const state = await bannerState(page);
    // A reload flushes anything still queued; nothing must be recorded twice.
    await page.reload();
    await page.locator('#consent-state').getByText('allowed').first().waitFor();
    await new Promise((resolve) => setTimeout(resolve, 500));
    const records = await recordsOf(state.subjectId!);
    assert.equal(records.data.length, 1);
    assert.equal(records.data[0]!.receiptId, state.receiptId);
    assert.deepEqual(records.data[0]!.choices, { necessary: true, functional: true, analytics: true, marketing: true });
    assert.deepEqual(await cspViolations(), []);
    await context.close();
  });

  it('withdrawing through the preferences link clears the analytics cookie and is recorded too', async () => {
    const { page, context, cspViolations } = await stack.newPage();
    await openPortal(page);
    await page.getByRole('button', { name: 'Accept all' }).click();
    await page.waitForFunction(() => document.cookie.includes('_pk_id.demo='));
    await page.getByRole('button', { name: 'Privacy choices' }).click();
    const dialog = page.getByRole('dialog', { name: 'Privacy preferences' });
    await dialog.waitFor();
    await dialog.getByRole('switch', { name: 'Analytics' }).uncheck();
    await dialog.getByRole('button', { name: 'Save choices' }).click();
    await page.waitForFunction(() => !document.cookie.includes('_pk_id.demo='));
    await page.waitForFunction(
      () => (document.querySelector('porttask-consent-banner') as unknown as { getConsent(): { source: string; receiptId: string | null } }).getConsent().receiptId,
    );
    const state = await bannerState(page);
    const records = await recordsOf(state.subjectId!);
    assert.deepEqual(records.data.map((record) => [record.source, record.choices['analytics']]), [['banner', true], ['preferences', false]]);
    assert.deepEqual(await cspViolations(), []);
    await context.close();
  });

  // On loopback the request reaches the API before the page is gone even without `keepalive`,
  // so this checks that the decision is sent at once (not deferred) and recorded once; it
  // cannot tell keepalive's effect on a slow network apart.
  it('a decision made just before the page closes still arrives, once', async () => {
    const { page, context } = await stack.newPage();
    await openPortal(page);
    const countRecords = async () => Number((await stack.db.owner`SELECT count(*)::int AS n FROM consent_records`)[0]!.n);
    const before = await countRecords();
    await page.getByRole('button', { name: 'Reject all' }).click();
    // The request starts in the same task that queues the decision; close the page right then.
    await page.waitForFunction(() => Object.keys(localStorage).some((key) => key.startsWith('porttask-consent-pending')));
    await page.close();
    const deadline = Date.now() + 10_000;
    while ((await countRecords()) === before && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
    assert.equal(await countRecords(), before + 1);
    await context.close();
  });

  it('asks again after the partner publishes a new policy version, and records under it', async () => {
    const { page, context, cspViolations } = await stack.newPage();
    await openPortal(page);
    await page.getByRole('button', { name: 'Accept all' }).click();
    await page.getByRole('region', { name: 'Your privacy choices' }).waitFor({ state: 'detached' });
    // The first decision is on the server before the policy changes (its sender is a lazy chunk,
    // so without this wait the decision could still be queued at the reload and be sent after the second).
    await page.waitForFunction(() => (document.querySelector('porttask-consent-banner') as unknown as { getConsent(): { receiptId: string | null } }).getConsent().receiptId);

    const published = await fetch(`${stack.apiUrl}/v1/consent-config/policy-versions`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${stack.keys.secretKey}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ version: '2026-12-01', url: `${stack.portalUrl}/privacy.html`, lastUpdated: '2026-12-01' }),
    });
    assert.equal(published.status, 201);
    // The configuration is cacheable for a minute; a visitor arriving later gets the new one.
    const devtools = await context.newCDPSession(page);
    await devtools.send('Network.clearBrowserCache');
    await page.reload();
    await page.getByRole('region', { name: 'Your privacy choices' }).waitFor();
    const before = await bannerState(page);
    assert.equal(before.decided, false);
    await page.getByRole('button', { name: 'Reject all' }).click();
    await page.waitForFunction(() => (document.querySelector('porttask-consent-banner') as unknown as { getConsent(): { receiptId: string | null } }).getConsent().receiptId);
    const after = await bannerState(page);
    const records = await recordsOf(after.subjectId!);
    assert.deepEqual(records.data.map((record) => record.policyVersion), ['2026-04-03', '2026-12-01']);
    assert.deepEqual(await cspViolations(), []);
    await context.close();
  });
});
