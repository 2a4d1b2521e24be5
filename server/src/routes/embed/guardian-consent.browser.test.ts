import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { axeViolations } from '../../../../test/e2e/support/axe.ts';
import { createAccountMailFixture, type AccountMailFixture } from '../../testing/account-mail-fixture.ts';
import { startFramedLogin, type FramedLogin } from '../../testing/framed-login.ts';

/*
 * A sign-up below the age in real Chromium: the login frame (the API's origin) framed by a page
 * of another origin asks for a guardian's email and shows the waiting state; the guardian's
 * mail link opens the consent page, answered with the keyboard alone. No page may break its
 * Content-Security-Policy; the consent page passes axe.
 */
let accounts: AccountMailFixture;
let login: FramedLogin;

before(async () => {
  accounts = await createAccountMailFixture();
  login = await startFramedLogin({
    fetch: accounts.app.fetch, owner: accounts.fixture.db.owner, tenantId: accounts.fixture.tenantA.tenant.id,
    portalPage: ({ frameSrc }) => `<!doctype html><html lang="en"><title>Portal</title><iframe title="Sign up" style="width:30rem;height:60rem" src="${frameSrc({ locale: 'en', mode: 'sign-up' })}"></iframe></html>`,
  });
});
after(async () => {
  await login?.close();
  await accounts?.close();
});

function watchCsp(page: Page, violations: string[]): void {
  page.on('console', (message) => { if (/Content.Security.Policy|Refused to/i.test(message.text())) violations.push(message.text()); });
}

describe('guardian consent in Chromium', () => {
  it('asks the frame for a guardian, shows the waiting state, and takes the consent by keyboard on the page; no CSP violation, axe clean', async () => {
    const violations: string[] = [];
    const page = await login.browser.newPage();
    watchCsp(page, violations);
    await page.goto(login.portalUrl);
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
    const consent = await login.browser.newPage();
    watchCsp(consent, violations);
    await consent.goto(`${login.api.url}${link.pathname}${link.search}`);
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
