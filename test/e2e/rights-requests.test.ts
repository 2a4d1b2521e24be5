import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { createClient, jurisdictionsGiving, type WidgetConfig } from '@porttask/sdk';
import { clockSettingsFor } from '../../server/src/rights/clock-settings.ts';
import { startClock, strictestClock } from '../../server/src/rights/clocks/index.ts';
import { startSmtpInbox, type SmtpInbox } from '../../server/src/testing/smtp-inbox.ts';
import { axeViolations } from './support/axe.ts';
import { startStack, type Stack } from './support/stack.ts';

/**
 * A visitor's privacy-rights request on the demo partner portal ("Your privacy rights": a
 * second origin with a strict CSP), against the real API and PostgreSQL, with the code mailed
 * to a real SMTP server in this process, and staff answering through the SDK. On an API that
 * builds exports, the status page offers "Download your data" after `complete` (the button
 * fetches the ZIP with the publishable key; `page.waitForEvent('download')` receives it).
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
    assert.deepEqual(await axeViolations(page, ['porttask-request-status']), []);

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
