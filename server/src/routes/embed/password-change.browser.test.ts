import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { after, before, describe, it } from 'node:test';
import type { Frame } from 'playwright-core';
import { createAppFixture, type AppFixture } from '../../testing/app-fixture.ts';
import { startFramedLogin, type FramedLogin } from '../../testing/framed-login.ts';

/*
 * The account-security view's password change in real Chromium: the login frame (the API's
 * origin) framed by a page of another origin, which hands it the access token as
 * <porttask-login> does and receives the new tokens. In Danish; axe-core clean; no CSP
 * violation in the frame.
 */
let fixture: AppFixture;
let login: FramedLogin;

const PASSWORD = 'ferry-juniper-compass-19';
const NEW_PASSWORD = 'harbour-kettle-violin-93';
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** The partner's page, standing in for <porttask-login>'s messages (this page has no CSP; the frame has its own). */
const portalPage = ({ api, frameSrc }: FramedLogin) => `<!doctype html><html lang="da"><title>Portal</title>
<iframe title="Kontosikkerhed" style="width:30rem;height:60rem" src="${frameSrc({ locale: 'da', mode: 'security' })}"></iframe>
<script>
  const apiOrigin = ${JSON.stringify(new URL(api.url).origin)};
  const frame = document.querySelector('iframe');
  window.handed = [];
  addEventListener('message', (event) => {
    if (event.origin !== apiOrigin || event.source !== frame.contentWindow) return;
    if (event.data.type === 'porttask-login:security-ready') frame.contentWindow.postMessage({ type: 'porttask-login:access-token', accessToken: decodeURIComponent(location.hash.slice(1)) }, apiOrigin);
    if (event.data.type === 'porttask-login:tokens') window.handed.push(event.data);
  });
</script></html>`;

before(async () => {
  fixture = await createAppFixture();
  login = await startFramedLogin({ fetch: fixture.app.fetch, owner: fixture.db.owner, tenantId: fixture.tenantA.tenant.id, portalPage });
});
after(async () => {
  await login?.close();
  await fixture?.close();
});

/** A sign-up in the frame, as the frame's script posts it: the tokens the element would hold. */
async function signedUp(email: string): Promise<{ accessToken: string; refreshToken: string }> {
  const response = await fetch(`${login.api.url}/embed/login/sign-up`, {
    method: 'POST',
    headers: { Origin: new URL(login.api.url).origin, 'X-PortTask-Key': login.publishableKey, 'X-PortTask-Parent-Origin': login.portalOrigin, 'Content-Type': 'application/json' },
    body: JSON.stringify({ email, password: PASSWORD, name: 'Kaj Havn', acceptance: { acceptedPolicyVersion: null, acceptedTermsVersion: null, locale: 'da', confirmedMinimumAge: true } }),
  });
  assert.equal(response.status, 200, await response.clone().text());
  return (await response.json()) as { accessToken: string; refreshToken: string };
}

const renew = (refreshToken: string) => fetch(`${login.api.url}/v1/auth/token`, {
  method: 'POST',
  headers: { 'X-PortTask-Key': login.publishableKey, Origin: login.portalOrigin, 'Content-Type': 'application/json' },
  body: JSON.stringify({ refreshToken }),
});

async function axeViolations(frame: Frame): Promise<string[]> {
  await frame.evaluate(axeSource);
  return await frame.evaluate(async () => {
    const axe = (globalThis as unknown as { axe: { run(context: unknown, options: unknown): Promise<{ violations: { id: string; nodes: unknown[] }[] }> } }).axe;
    const result = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] } });
    return result.violations.map((violation) => `${violation.id} (${violation.nodes.length})`);
  });
}

describe('password change in the account-security view, in Chromium', () => {
  it('refuses a wrong current password and a common new one in Danish, then changes it and hands the page new tokens; axe clean, no CSP violation', async () => {
    const tokens = await signedUp('kaj@portal-a.example');
    const page = await login.browser.newPage();
    const violations: string[] = [];
    page.on('console', (message) => { if (/Content.Security.Policy|Refused to/i.test(message.text())) violations.push(message.text()); });
    await page.goto(`${login.portalUrl}#${encodeURIComponent(tokens.accessToken)}`);
    const frame = page.frameLocator('iframe');
    const form = frame.getByRole('form', { name: 'Skift adgangskoden' });
    await form.waitFor();
    const content = (await (await page.locator('iframe').elementHandle())!.contentFrame())!;
    assert.deepEqual(await axeViolations(content), [], 'the security view with the password form');
    assert.equal(await content.locator('#security-username').inputValue(), 'kaj@portal-a.example', 'a password manager learns whose password changes');

    await form.getByLabel('Nuværende adgangskode').fill('ikke-adgangskoden-7');
    await form.getByLabel('Ny adgangskode').fill(NEW_PASSWORD);
    await form.getByRole('button', { name: 'Skift adgangskoden' }).click();
    await form.getByRole('alert').filter({ hasText: 'Adgangskoden er forkert.' }).waitFor();
    assert.equal(await form.getByLabel('Nuværende adgangskode').getAttribute('aria-invalid'), 'true');

    await form.getByLabel('Nuværende adgangskode').fill(PASSWORD);
    await form.getByLabel('Ny adgangskode').fill('password123');
    await form.getByRole('button', { name: 'Skift adgangskoden' }).click();
    await form.getByRole('alert').filter({ hasText: 'Denne adgangskode er for almindelig' }).waitFor();
    assert.equal(await form.getByLabel('Ny adgangskode').getAttribute('aria-invalid'), 'true');
    assert.equal(await form.getByLabel('Nuværende adgangskode').getAttribute('aria-invalid'), null);
    assert.deepEqual(await axeViolations(content), [], 'with an error shown');

    await form.getByLabel('Ny adgangskode').fill(NEW_PASSWORD);
    await form.getByRole('button', { name: 'Skift adgangskoden' }).click();
    await frame.getByRole('status').filter({ hasText: 'Adgangskoden er skiftet.' }).waitFor();
    assert.equal(await form.getByLabel('Ny adgangskode').inputValue(), '', 'the form is cleared');
    const handed = await page.evaluate(() => (window as unknown as { handed: { tokens: { refreshToken: string }; replaced: boolean }[] }).handed);
    assert.equal(handed.length, 1);
    assert.equal(handed[0]!.replaced, true);
    assert.equal((await renew(tokens.refreshToken)).status, 401, 'the old sign-in ended');
    assert.equal((await renew(handed[0]!.tokens.refreshToken)).status, 200, 'the page goes on with the new one');
    assert.deepEqual(await axeViolations(content), [], 'after the change');
    assert.deepEqual(violations, []);
  });
});
