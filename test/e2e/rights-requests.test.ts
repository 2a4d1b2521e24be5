import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { readFile } from 'node:fs/promises';
import { unzipSync, strFromU8 } from 'fflate';
import type { Page } from 'playwright-core';
import { createClient, jurisdictionsGiving, type WidgetConfig } from '@porttask/sdk';
import { ExportLinks } from '../../server/src/rights/export/export-links.ts';
import { clockSettingsFor } from '../../server/src/rights/clock-settings.ts';
import { startClock, strictestClock } from '../../server/src/rights/clocks/index.ts';
import { startSmtpInbox, type SmtpInbox } from '../../server/src/testing/smtp-inbox.ts';
import { axeViolations } from './support/axe.ts';
import { startStack, type Stack } from './support/stack.ts';

/**
 * A visitor's privacy-rights request on the demo partner portal ("Your privacy rights": a
 * second origin with a strict CSP), against the real API and PostgreSQL, with the code mailed
 * to a real SMTP server in this process, and staff answering through the SDK. Once the access
 * bundle is built, the status page offers "Download your data": the button fetches the ZIP with
 * the publishable key and hands it to the browser (`page.waitForEvent('download')` receives
 * it); the ZIP is opened here with fflate. Then the link's expiry: a link the server's own
 * signing function makes with an expiry in the past is refused (410), and once the bundle's
 * stored expiry has passed the button on the open page says the download is gone.
 */
let stack: Stack;
let inbox: SmtpInbox;
before(async () => {
  inbox = await startSmtpInbox();
  stack = await startStack({ smtpUrl: inbox.url });
});
after(async () => {
  await stack?.close();
  await inbox?.close();
});

const dayInEnglish = (day: string) => new Intl.DateTimeFormat('en', { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(`${day}T00:00:00Z`));

async function demoConfig(): Promise<WidgetConfig> {
  const response = await fetch(`${stack.apiUrl}/v1/config`, { headers: { 'X-PortTask-Key': stack.keys.publishableKey, Origin: stack.portalUrl } });
  return (await response.json()) as WidgetConfig;
}

/** The visitor makes a request with the form and confirms it with the code from the mail; the request's reference and token. */
async function makeVerifiedRequest(page: Page, email: string): Promise<{ id: string; token: string; dueOn: string; receivedAt: Date }> {
  await page.goto(`${stack.portalUrl}/privacy-rights.html`);
  const form = page.locator('porttask-rights-request');
  await form.getByRole('heading', { name: 'Make a privacy request' }).waitFor();
  await page.getByRole('button', { name: 'Reject all' }).click(); // the consent banner, out of the way
  await form.getByRole('radio', { name: /Get a copy of my data/ }).check();
  await form.getByLabel('Email address').fill(email);
  await form.getByLabel('Name (optional)').fill('Ana Requester');
  const receivedAt = new Date();
  await form.getByRole('button', { name: 'Send request' }).click();
  const code = form.getByLabel('Code from the email');
  await code.waitFor();
  assert.equal(await code.getAttribute('autocomplete'), 'one-time-code');
  await code.fill(await inbox.waitForCode(email));
  await form.getByRole('button', { name: 'Confirm' }).click();
  await form.getByRole('heading', { name: 'Request received' }).waitFor();
  const id = (await form.locator('[part="reference"]').textContent())!.trim();
  const dueOn = (await form.locator('[part="due-date"] time').getAttribute('datetime'))!;
  const link = new URL((await form.getByRole('link', { name: 'Follow your request' }).getAttribute('href'))!, stack.portalUrl);
  const token = new URLSearchParams(link.hash.slice(1)).get('token')!;
  assert.match(token, /^rqt_[0-9a-z]{32}$/);
  return { id, token, dueOn, receivedAt };
}

describe('privacy-rights requests on the partner portal', () => {
  it('access request: code by mail, verified in the widget, the legal due date in the status widget, staff approve and complete; no CSP violation, axe clean', async () => {
    const { page, context, cspViolations } = await stack.newPage();
    const email = `ana.${Date.now().toString(36)}@example.com`;
    const request = await makeVerifiedRequest(page, email);

    // The deadline the clocks give for access under the demo tenant's laws: the earliest of
    // them (the GDPR's month, unless DPDP's 30 days or CCPA's 45 end sooner).
    const config = await demoConfig();
    const settings = clockSettingsFor(config.tenant.region);
    const expected = strictestClock(jurisdictionsGiving('access', config.jurisdictions), request.receivedAt, settings);
    assert.ok(config.jurisdictions.includes('gdpr'));
    assert.ok(expected.dueOn <= startClock('gdpr', request.receivedAt, settings).dueOn, 'never later than the GDPR allows');
    assert.equal(request.dueOn, expected.dueOn);
    const form = page.locator('porttask-rights-request');
    assert.equal((await form.locator('[part="due-date"]').textContent())!.trim(), dayInEnglish(expected.dueOn));

    // The confirmation's link opens the status on this page (as the mail's link does).
    await form.getByRole('link', { name: 'Follow your request' }).click();
    const status = page.locator('porttask-request-status');
    await status.locator('[part="status-badge"]', { hasText: 'Received' }).waitFor();
    assert.equal(new URL(page.url()).hash, `#request=${request.id}`, 'the token left the address bar');
    assert.equal((await status.locator('[part="due-date"]').textContent())!.trim(), dayInEnglish(expected.dueOn));
    const law = { gdpr: 'GDPR', uk_gdpr: 'UK GDPR', ccpa: 'CCPA (California)', dpdp: 'DPDP Act (India)', lgpd: 'LGPD (Brazil)', pdpa: 'PDPA (Singapore)' }[expected.jurisdiction];
    assert.match((await status.locator('[part="status"]').textContent())!, new RegExp(`Deadline set by\\s*${law.replace(/[()]/g, '\\$&')}`));
    assert.deepEqual(await axeViolations(page, ['porttask-rights-request', 'porttask-request-status']), []);

    // Staff answer through the SDK with the secret key; the requester sees it after a reload
    // (the tab kept the token; the address has only the request id).
    const staff = createClient({ apiUrl: stack.apiUrl, secretKey: stack.keys.secretKey });
    const seen = await staff.rightsRequests.get(request.id);
    assert.equal(seen.email, email);
    assert.equal(seen.status, 'pending');
    await staff.rightsRequests.approve(request.id);
    await staff.rightsRequests.complete(request.id);
    await page.reload();
    await status.locator('[part="status-badge"]', { hasText: 'Completed' }).waitFor();
    const steps = await status.locator('[part="timeline-entry"] .event').allTextContents();
    assert.deepEqual(steps.slice(-2), ['Request accepted', 'Request completed']);
    assert.equal(await status.getByRole('button', { name: 'Withdraw request' }).count(), 0, 'an answered request cannot be withdrawn');

    // The bundle is built by the export job after `complete`; the status answer carries the
    // link once it is ready (the requester reloads, as they would on opening the mail's link).
    const downloadButton = status.getByRole('button', { name: 'Download your data' });
    const deadline = Date.now() + 30_000;
    while ((await downloadButton.count()) === 0) {
      assert.ok(Date.now() < deadline, 'the bundle was built and offered within 30 s');
      await new Promise((resolve) => setTimeout(resolve, 500));
      await page.reload();
      await status.locator('[part="status-badge"]', { hasText: 'Completed' }).waitFor();
    }
    assert.deepEqual(await axeViolations(page, ['porttask-request-status']), []);

    // Clicked in the browser; the file the browser saves is a valid ZIP holding the subject's data.
    const [download] = await Promise.all([page.waitForEvent('download'), downloadButton.click()]);
    assert.equal(download.suggestedFilename(), `${request.id}.zip`);
    const files = unzipSync(new Uint8Array(await readFile((await download.path())!)));
    const json = (name: string) => JSON.parse(strFromU8(files[name]!)) as Array<Record<string, unknown>>;
    assert.ok(files['README.txt'], 'a README');
    const [madeRequest] = json('porttask/rights-requests.json');
    assert.equal(madeRequest?.id, request.id);
    assert.equal(madeRequest?.email, email);
    assert.equal(madeRequest?.name, 'Ana Requester');
    // The visitor rejected all on the consent banner first: that decision, of this browser's
    // subject id (which the form sent with the request), is in the bundle, and nobody else's.
    assert.ok(seen.consentSubjectId, 'the form sent the browser\'s consent subject id');
    const consents = json('porttask/consent-records.json');
    assert.ok(consents.length >= 1, 'the subject\'s consent records');
    assert.deepEqual([...new Set(consents.map((record) => record.subjectId))], [seen.consentSubjectId]);
    assert.ok(consents.every((record) => typeof record.choices === 'object' && record.choices !== null && typeof record.decidedAt === 'string'));
    const staffView = await staff.rightsRequests.get(request.id);
    assert.equal(staffView.export?.downloads, 1, 'the download was recorded');

    // Expiry, 1: a link signed by the server's own function (the stack's master key) with an
    // expiry in the past is refused by the API.
    const [built] = await stack.db.owner<{ id: string; tenant_id: string; environment: 'test' | 'live' }[]>`
      SELECT id, tenant_id, environment FROM rights_request_exports WHERE request_id = ${request.id}`;
    const pastLink = new ExportLinks(stack.masterKey).path({
      scope: { tenantId: built!.tenant_id, environment: built!.environment }, requestId: request.id, exportId: built!.id, expiresAt: new Date(Date.now() - 60_000),
    });
    const refused = await fetch(`${stack.apiUrl}${pastLink}`, { headers: { 'X-PortTask-Key': stack.keys.publishableKey, Origin: stack.portalUrl } });
    assert.equal(refused.status, 410);
    assert.equal(((await refused.json()) as { error: { code: string } }).error.code, 'DOWNLOAD_EXPIRED');

    // Expiry, 2: the page still shows the link it was given; the bundle's 7 days pass (its
    // stored expiry moved into the past, which the API checks too). The click is refused and
    // the element says so; a new status answer no longer offers a download.
    await stack.db.owner`UPDATE rights_request_exports SET expires_at = now() - interval '1 second' WHERE id = ${built!.id}`;
    await downloadButton.click();
    const problem = status.locator('.download [part="problem"]');
    await problem.waitFor();
    assert.equal((await problem.textContent())!.trim(), `This download is no longer available. Ask ${config.tenant.name} for a new answer.`);
    assert.deepEqual(await axeViolations(page, ['porttask-request-status']), []);
    await page.reload();
    await status.locator('[part="status-badge"]', { hasText: 'Completed' }).waitFor();
    assert.equal(await downloadButton.count(), 0, 'an expired bundle is not offered');
    assert.equal((await staff.rightsRequests.get(request.id)).export?.downloads, 1, 'refused downloads are not counted');

    assert.deepEqual(await cspViolations(), []);
    await context.close();
  });

  it('a request is withdrawn from the status page opened by its link, after the visitor confirms', async () => {
    const { page, context, cspViolations } = await stack.newPage();
    const request = await makeVerifiedRequest(page, `ben.${Date.now().toString(36)}@example.com`);
    await page.goto(`${stack.portalUrl}/privacy-rights.html#request=${request.id}&token=${request.token}`);
    const status = page.locator('porttask-request-status');
    await status.getByRole('button', { name: 'Withdraw request' }).click();
    await status.getByRole('button', { name: 'Yes, withdraw' }).click();
    await status.locator('[part="status-badge"]', { hasText: 'Withdrawn' }).waitFor();
    const staff = createClient({ apiUrl: stack.apiUrl, secretKey: stack.keys.secretKey });
    const withdrawn = await staff.rightsRequests.get(request.id);
    assert.equal(withdrawn.status, 'cancelled');
    assert.equal(withdrawn.events.at(-1)?.actor, 'requester');
    assert.deepEqual(await cspViolations(), []);
    await context.close();
  });
});
