import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { chromium, type Browser, type Page } from 'playwright-core';
import { axeViolations } from '../../../../test/e2e/support/axe.ts';
import { insertApiKey } from '../../auth/api-keys.queries.ts';
import { listen, type Listening } from '../../runtime/listen.ts';
import { createAccountMailFixture, type AccountMailFixture } from '../../testing/account-mail-fixture.ts';

/*
 * A sign-up below the age in real Chromium: the login frame (the API's origin) framed by a page
 * of another origin asks for a guardian's email and shows the waiting state; the guardian's
 * mail link opens the consent page, answered with the keyboard alone. No page may break its
 * Content-Security-Policy; the consent page passes axe.
 */
let accounts: AccountMailFixture;
let api: Listening;
let portal: Server;
let portalOrigin: string;
let publishableKey: string;
let browser: Browser;

before(async () => {
  accounts = await createAccountMailFixture();
  api = await listen(accounts.app.fetch, { port: 0, host: '127.0.0.1' });
  portal = createServer((request, response) => {
    response.setHeader('Content-Type', 'text/html; charset=utf-8');
    response.end(`<!doctype html><html lang="en"><title>Portal</title><iframe title="Sign up" style="width:30rem;height:60rem" src="${api.url}/embed/login?${new URLSearchParams({ key: publishableKey, origin: portalOrigin, locale: 'en', mode: 'sign-up' })}"></iframe></html>`);
  });
  await new Promise<void>((resolve) => portal.listen(0, '127.0.0.1', resolve));
  portalOrigin = `http://localhost:${(portal.address() as AddressInfo).port}`;
  publishableKey = (await insertApiKey(accounts.fixture.db.owner, { tenantId: accounts.fixture.tenantA.tenant.id, kind: 'publishable', environment: 'live', allowedOrigins: [portalOrigin] })).token;
  browser = await chromium.launch({ executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'], headless: true });
});
after(async () => {
  await browser?.close();
  await new Promise((resolve) => portal?.close(resolve));
  await api?.close(1_000);
  await accounts?.close();
});

function watchCsp(page: Page, violations: string[]): void {
  page.on('console', (message) => { if (/Content.Security.Policy|Refused to/i.test(message.text())) violations.push(message.text()); });
}

describe('guardian consent in Chromium', () => {
  it('asks the frame for a guardian, shows the waiting state, and takes the consent by keyboard on the page; no CSP violation, axe clean', async () => {
    const violations: string[] = [];
    const page = await browser.newPage();
    watchCsp(page, violations);
    await page.goto(`${portalOrigin}/`);
    const frame = page.frameLocator('iframe');
    const signUp = frame.getByRole('region', { name: 'Create an account' });
    await signUp.getByLabel('Name').fill('Noah Havn');
    await signUp.getByLabel('Email', { exact: true }).fill('noah@portal-a.example');
    await signUp.getByLabel('Password').fill('tugboat-lantern-quinoa-47');
    assert.equal(await signUp.getByLabel('Email of a parent or guardian').isVisible(), false, 'asked only below the age');
    await signUp.getByRole('button', { name: 'Create account' }).click();
    await signUp.getByRole('alert').filter({ hasText: 'Answer the question about your age' }).waitFor();
    await signUp.getByLabel(/I am under 18/).check();
    await signUp.getByLabel('Email of a parent or guardian').fill('noah@portal-a.example');
    await signUp.getByRole('button', { name: 'Create account' }).click();
    await signUp.getByRole('alert').filter({ hasText: 'not yours' }).waitFor();
    await signUp.getByLabel('Email of a parent or guardian').fill('karen@family.example');
    await signUp.getByRole('button', { name: 'Create account' }).click();
    const waiting = frame.getByRole('region', { name: 'We emailed your parent or guardian' });
    await waiting.waitFor();
    await frame.getByRole('status').filter({ hasText: 'cannot be used yet' }).waitFor();
    assert.equal(await frame.locator(':focus').textContent(), 'We emailed your parent or guardian', 'focus on the new state');

    const mail = await accounts.inbox.waitForMail('karen@family.example', /guardian-consent/);
    const link = new URL(/https?:\/\/\S+\/embed\/guardian-consent\?\S+/.exec(mail.text)![0]);
    const consent = await browser.newPage();
    watchCsp(consent, violations);
    await consent.goto(`${api.url}${link.pathname}${link.search}`);
    await consent.getByRole('heading', { name: 'Consent for a young person\'s account' }).waitFor();
    assert.deepEqual(await axeViolations(consent, ['main']), [], 'the consent page');
    // Keyboard alone: the declaration, the name, then the consent button.
    await consent.getByLabel('I am this person\'s parent or legal guardian.').focus();
    await consent.keyboard.press('Space');
    await consent.keyboard.press('Tab');
    await consent.keyboard.type('Karen Havn');
    await consent.keyboard.press('Tab');
    assert.equal(await consent.locator(':focus').textContent(), 'I consent');
    await consent.keyboard.press('Enter');
    await consent.getByRole('status').filter({ hasText: 'Your consent is recorded' }).waitFor();
    assert.deepEqual(await axeViolations(consent, ['main']), [], 'the result page');
    assert.equal((await accounts.signIn(accounts.fixture.tenantA, 'noah@portal-a.example', 'tugboat-lantern-quinoa-47')).status, 200);
    assert.deepEqual(violations, []);
  });
});
