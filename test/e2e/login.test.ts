import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { execFile } from 'node:child_process';
import { createRequire } from 'node:module';
import { promisify } from 'node:util';
import { after, before, describe, it } from 'node:test';
import type { Frame, Page } from 'playwright-core';
import { startStack, type Stack } from './support/stack.ts';

/**
 * The embeddable login on the demo partner portal: a second origin with a strict CSP, the
 * real API and PostgreSQL, headless Chromium with third-party cookies blocked.
 */
let stack: Stack;
before(async () => { stack = await startStack({ chromiumArgs: ['--test-third-party-cookie-phaseout'] }); });
after(async () => { await stack?.close(); });

const PASSWORD = 'bollard-saffron-tidewater-58';
const run = promisify(execFile);
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** axe-core's violations (WCAG 2.x A/AA) in a page or frame, by rule id. */
async function axeViolations(target: Page | Frame, selector?: string): Promise<string[]> {
  await target.evaluate(axeSource);
  return await target.evaluate(async (context) => {
    const axe = (globalThis as unknown as { axe: { run(context: unknown, options: unknown): Promise<{ violations: { id: string; nodes: unknown[] }[] }> } }).axe;
    const result = await axe.run(context ?? document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] } });
    return result.violations.map((violation) => `${violation.id} (${violation.nodes.length})`);
  }, selector);
}

async function loginFrame(page: Page): Promise<Frame> {
  const handle = await page.locator('porttask-login iframe').elementHandle();
  const frame = await handle!.contentFrame();
  await frame!.waitForSelector('form');
  return frame!;
}

const storedRefreshToken = (page: Page) =>
  page.evaluate((key) => localStorage.getItem(`porttask.login.${key}`), stack.keys.publishableKey);

describe('sign-in on the partner portal', () => {
  it('signs up in the frame, survives a reload, is verified by the portal\'s server, and signing out revokes', async () => {
    const { page, context, cspViolations } = await stack.newPage();
    await page.goto(`${stack.portalUrl}/account.html`);
    let frame = await loginFrame(page);
    assert.deepEqual(await axeViolations(frame), [], 'the frame (sign-in form)');
    assert.deepEqual(await axeViolations(page, 'porttask-login'), [], 'the widget, signed out');

    await frame.getByRole('button', { name: 'No account yet? Create one' }).click();
    const signUp = frame.getByRole('region', { name: 'Create an account' });
    await signUp.getByLabel('Name').fill('Ida Havn');
    await signUp.getByLabel('Email').fill('ida@agency.example');
    await signUp.getByLabel('Password').fill('password1');
    await signUp.getByRole('button', { name: 'Create account' }).click();
    await signUp.getByRole('alert').filter({ hasText: 'Tick the box' }).waitFor();
    await signUp.getByLabel(/I accept the privacy policy \(version 2026-04-03\)/).check();
    await signUp.getByRole('button', { name: 'Create account' }).click();
    await signUp.getByRole('alert').filter({ hasText: 'Nothing you typed was stored' }).waitFor();
    await signUp.getByLabel('I am at least 18 years old.').check();
    await signUp.getByRole('button', { name: 'Create account' }).click();
    await signUp.getByRole('alert').filter({ hasText: 'too common' }).waitFor();
    assert.deepEqual(await axeViolations(frame), [], 'the frame with an error shown');
    assert.equal(await signUp.getByLabel('Password').getAttribute('aria-invalid'), 'true');

    await signUp.getByLabel('Password').fill(PASSWORD);
    await signUp.getByRole('button', { name: 'Create account' }).click();
    // The portal's server verified the token (with @porttask/sdk/server) before showing this.
    await page.locator('#signed-in-area[data-verified-email="ida@agency.example"]').waitFor();
    await page.getByText('Signed in as ida@agency.example').first().waitFor();
    assert.deepEqual(await axeViolations(page, 'porttask-login'), [], 'the widget, signed in');
    const [acceptance] = await stack.db.owner`
      SELECT a.privacy_policy_version, a.age_check FROM account_acceptances a JOIN auth_users u ON u.tenant_id = a.tenant_id AND u.environment = a.environment AND u.id = a.user_id
      WHERE u.email = 'ida@agency.example'`;
    assert.deepEqual({ ...acceptance }, { privacy_policy_version: '2026-04-03', age_check: 'self_declaration' }, 'acceptance recorded');
    const firstRefreshToken = await storedRefreshToken(page);
    assert.match(firstRefreshToken ?? '', /^rt_/);
    const cookies = await context.cookies(stack.apiUrl);
    assert.deepEqual(cookies, [], 'nothing rests on a cookie of the API origin');

    await page.reload();
    await page.locator('#signed-in-area[data-verified-email="ida@agency.example"]').waitFor();
    const renewedRefreshToken = await storedRefreshToken(page);
    assert.notEqual(renewedRefreshToken, firstRefreshToken, 'the reload renewed the pair (rotation)');

    // The Node example of a partner's server accepts the token, and refuses it for another site.
    const accessToken = await page.evaluate(() => (document.querySelector('porttask-login') as unknown as { accessToken: string }).accessToken);
    const example = (origin: string) => run(process.execPath, ['--conditions=source', '--import', 'tsx', 'examples/node-sdk/verify-login-token.ts', accessToken], {
      env: { ...process.env, PORTTASK_API_URL: stack.apiUrl, PORTTASK_PUBLISHABLE_KEY: stack.keys.publishableKey, PORTAL_ORIGIN: origin },
    });
    assert.equal(JSON.parse((await example(stack.portalUrl)).stdout).email, 'ida@agency.example');
    await assert.rejects(example('https://elsewhere.example'), /Refused/);

    await page.locator('porttask-login').getByRole('button', { name: 'Sign out' }).click();
    await page.locator('porttask-login iframe').waitFor();
    assert.equal(await page.locator('#signed-in-area').isHidden(), true);
    assert.equal(await storedRefreshToken(page), null);
    const afterSignOut = await fetch(`${stack.apiUrl}/v1/auth/token`, {
      method: 'POST',
      headers: { 'X-PortTask-Key': stack.keys.publishableKey, Origin: stack.portalUrl, 'Content-Type': 'application/json' },
      body: JSON.stringify({ refreshToken: renewedRefreshToken }),
    });
    assert.equal(afterSignOut.status, 401, 'the refresh token no longer works');

    // Signing in again in the frame: the same account.
    frame = await loginFrame(page);
    const signIn = frame.getByRole('region', { name: 'Sign in' });
    await signIn.getByLabel('Email').fill('ida@agency.example');
    await signIn.getByLabel('Password').fill(PASSWORD);
    await signIn.getByRole('button', { name: 'Sign in' }).click();
    await page.locator('#signed-in-area[data-verified-email="ida@agency.example"]').waitFor();
    assert.deepEqual(await cspViolations(), []);
    await context.close();
  });

  it('a frame opened from an origin the key does not allow refuses to render', async () => {
    const foreignPortal = await stack.startForeignPortal();
    const { page, context } = await stack.newPage();
    await page.goto(`${foreignPortal}/account.html`);
    const frame = await (await page.locator('porttask-login iframe').elementHandle())!.contentFrame();
    await page.waitForTimeout(500);
    assert.equal(await frame!.locator('form').count(), 0, 'the frame is refused');

    // A foreign page naming the portal's origin (which the key allows): the frame's CSP
    // allows only that origin to frame it, so the browser refuses to render it here.
    const query = new URLSearchParams({ key: stack.keys.publishableKey, origin: stack.portalUrl });
    await page.evaluate((src) => {
      const iframe = document.createElement('iframe');
      iframe.id = 'impostor';
      iframe.title = 'impostor';
      iframe.src = src;
      document.body.append(iframe);
    }, `${stack.apiUrl}/embed/login?${query}`);
    await page.waitForTimeout(1_000);
    const impostor = await (await page.locator('#impostor').elementHandle())!.contentFrame();
    assert.equal(await impostor!.locator('form').count(), 0, 'frame-ancestors refused it');
    await context.close();
  });
});
