import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { execFile } from 'node:child_process';
import { createRequire } from 'node:module';
import { promisify } from 'node:util';
import { after, before, describe, it } from 'node:test';
import type { Frame, Page } from 'playwright-core';
import { TOTP } from 'otpauth';
import { startSmtpInbox, type SmtpInbox } from '../../server/src/testing/smtp-inbox.ts';
import { startStack, type Stack } from './support/stack.ts';

/**
 * The embeddable login on the demo partner portal: a second origin with a strict CSP, the
 * real API and PostgreSQL, headless Chromium with third-party cookies blocked, mail through a
 * real SMTP server in this process.
 */
let stack: Stack;
let inbox: SmtpInbox;
before(async () => {
  inbox = await startSmtpInbox();
  stack = await startStack({ smtpUrl: inbox.url, chromiumArgs: ['--test-third-party-cookie-phaseout'] });
});
after(async () => {
  await stack?.close();
  await inbox?.close();
});

const PASSWORD = 'bollard-saffron-tidewater-58';
const NEW_PASSWORD = 'capstan-orchid-windlass-24';
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

async function loginFrame(page: Page, ready = 'form'): Promise<Frame> {
  const handle = await page.locator('porttask-login iframe').elementHandle();
  const frame = await handle!.contentFrame();
  await frame!.waitForSelector(ready);
  return frame!;
}

const storedRefreshToken = (page: Page) =>
  page.evaluate((key) => localStorage.getItem(`porttask.login.${key}`), stack.keys.publishableKey);

describe('sign-in on the partner portal', () => {
  it('signs up, confirms the email from a real mail, turns on TOTP, signs in with password and code, survives a reload, is verified by the portal\'s server, signing out revokes, and a new password keeps only this page signed in', async () => {
    const { page, context, cspViolations } = await stack.newPage();
    await page.goto(`${stack.portalUrl}/account.html`);
    let frame = await loginFrame(page);
    assert.deepEqual(await axeViolations(frame), [], 'the frame (sign-in form)');
    assert.deepEqual(await axeViolations(page, 'porttask-login'), [], 'the widget, signed out');

    await frame.getByRole('button', { name: 'No account yet? Create one' }).click();
    const signUp = frame.getByRole('region', { name: 'Create an account' });
    await signUp.getByLabel('Name').fill('Ida Havn');
    await signUp.getByLabel('Email', { exact: true }).fill('ida@agency.example');
    await signUp.getByLabel('Password').fill('password1');
    await signUp.getByRole('button', { name: 'Create account' }).click();
    await signUp.getByRole('alert').filter({ hasText: 'Tick the box' }).waitFor();
    await signUp.getByLabel(/I accept the privacy policy \(version 2026-04-03\)/).check();
    await signUp.getByRole('button', { name: 'Create account' }).click();
    await signUp.getByRole('alert').filter({ hasText: 'Answer the question about your age' }).waitFor();
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

    // The verification mail reached the SMTP server; its link confirms the address.
    const mail = await inbox.waitForMail('ida@agency.example', /verify-email/);
    const link = /(http:\/\/\S+\/embed\/verify-email\?\S+)/.exec(mail.text)![1]!;
    const mailPage = await context.newPage();
    await mailPage.goto(link);
    await mailPage.getByRole('status').filter({ hasText: 'Your email address is confirmed' }).waitFor();
    assert.deepEqual(await axeViolations(mailPage), [], 'the confirmation page');
    await mailPage.close();

    // Account security, in the frame: turn on TOTP (key shown as text, backup codes, first code).
    await page.locator('porttask-login').getByRole('button', { name: 'Account security' }).click();
    frame = await loginFrame(page, '#security-enable-form:not([hidden])');
    const security = frame.getByRole('region', { name: 'Account security' });
    await security.getByText('Two-step verification is off').waitFor();
    assert.deepEqual(await axeViolations(frame), [], 'the security view');
    await security.getByLabel('Password', { exact: true }).filter({ visible: true }).fill('not-my-password-1');
    await security.getByRole('button', { name: 'Turn on two-step verification' }).click();
    await security.getByRole('alert').filter({ hasText: 'The password is not right' }).waitFor();
    await security.getByLabel('Password', { exact: true }).filter({ visible: true }).fill(PASSWORD);
    await security.getByRole('button', { name: 'Turn on two-step verification' }).click();
    const addLink = security.getByRole('link', { name: 'Add to authenticator app' });
    await addLink.waitFor();
    assert.match(await addLink.getAttribute('href') ?? '', /^otpauth:\/\/totp\//);
    const key = (await security.locator('#security-secret').textContent())!;
    assert.match(key, /^[A-Z2-7]{32,}$/, 'the key, as text to type by hand');
    assert.equal(await security.locator('#security-backup-codes li').count(), 10);
    const backupCode = (await security.locator('#security-backup-codes li').first().textContent())!;
    assert.deepEqual(await axeViolations(frame), [], 'the security view, enrolling');
    const authenticator = new TOTP({ secret: key, digits: 6, period: 30 });
    const confirmCode = security.getByLabel('Code from your authenticator app');
    assert.equal(await confirmCode.getAttribute('autocomplete'), 'one-time-code');
    assert.equal(await confirmCode.getAttribute('inputmode'), 'numeric');
    await confirmCode.fill(authenticator.generate());
    await security.getByRole('button', { name: 'Confirm and turn on' }).click();
    await security.getByText('Two-step verification is on').first().waitFor();
    await security.getByRole('button', { name: 'Done' }).click();
    await page.getByText('Signed in as ida@agency.example').first().waitFor();

    // Sign out, then in again: password first, then the code; the tokens come after the code.
    await page.locator('porttask-login').getByRole('button', { name: 'Sign out' }).click();
    frame = await loginFrame(page);
    let signIn = frame.getByRole('region', { name: 'Sign in' });
    await signIn.getByLabel('Email').fill('ida@agency.example');
    await signIn.getByLabel('Password').fill(PASSWORD);
    await signIn.getByRole('button', { name: 'Sign in' }).click();
    const codeStep = frame.getByRole('region', { name: 'Two-step verification' });
    const code = codeStep.getByLabel('Code from your authenticator app');
    await code.waitFor();
    assert.equal(await code.evaluate((input) => input === document.activeElement), true, 'the code field has the focus');
    assert.equal(await storedRefreshToken(page), null, 'no tokens after the password alone');
    assert.deepEqual(await axeViolations(frame), [], 'the frame, code step');
    await code.fill(authenticator.generate() === '000000' ? '111111' : '000000');
    await codeStep.getByRole('button', { name: 'Verify' }).click();
    await codeStep.getByRole('alert').filter({ hasText: 'That code is not right' }).waitFor();
    assert.equal(await code.getAttribute('aria-invalid'), 'true');
    assert.deepEqual(await axeViolations(frame), [], 'the frame, code step with an error');
    await code.fill(authenticator.generate());
    await codeStep.getByRole('button', { name: 'Verify' }).click();
    await page.locator('#signed-in-area[data-verified-email="ida@agency.example"]').waitFor();
    const claims = await page.evaluate(() => (document.querySelector('porttask-login') as unknown as { claims: { email_verified: boolean } }).claims);
    assert.equal(claims.email_verified, true, 'the mail\'s link confirmed the address');
    const trail = await stack.db.owner<{ outcome: string }[]>`
      SELECT outcome FROM login_audit_events WHERE tenant_id = ${stack.keys.tenantId} ORDER BY sequence DESC LIMIT 4`;
    assert.deepEqual(trail.map((row) => row.outcome).reverse(), ['sign_out', 'mfa_challenged', 'mfa_failed', 'success']);

    const beforeReload = await storedRefreshToken(page);
    await page.reload();
    await page.locator('#signed-in-area[data-verified-email="ida@agency.example"]').waitFor();
    const renewedRefreshToken = await storedRefreshToken(page);
    assert.notEqual(renewedRefreshToken, beforeReload, 'the reload renewed the pair (rotation)');
    assert.notEqual(renewedRefreshToken, firstRefreshToken);

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

    // A backup code instead of the app: it signs in once.
    frame = await loginFrame(page);
    signIn = frame.getByRole('region', { name: 'Sign in' });
    await signIn.getByLabel('Email').fill('ida@agency.example');
    await signIn.getByLabel('Password').fill(PASSWORD);
    await signIn.getByRole('button', { name: 'Sign in' }).click();
    const backupStep = frame.getByRole('region', { name: 'Two-step verification' });
    await backupStep.getByRole('button', { name: 'Use a backup code instead' }).click();
    await backupStep.getByLabel('Backup code').fill(backupCode);
    assert.deepEqual(await axeViolations(frame), [], 'the frame, backup code');
    await backupStep.getByRole('button', { name: 'Verify' }).click();
    await page.locator('#signed-in-area[data-verified-email="ida@agency.example"]').waitFor();

    // A new password in the security view: every other sign-in ends, this page goes on with new tokens.
    const beforeChange = (await storedRefreshToken(page))!;
    await page.locator('porttask-login').getByRole('button', { name: 'Account security' }).click();
    frame = await loginFrame(page, '#security-password:not([hidden])');
    const passwordForm = frame.getByRole('form', { name: 'Change the password' });
    await passwordForm.getByLabel('Current password').fill(PASSWORD);
    await passwordForm.getByLabel('New password').fill('password123');
    await passwordForm.getByRole('button', { name: 'Change the password' }).click();
    await passwordForm.getByRole('alert').filter({ hasText: 'This password is too common' }).waitFor();
    await passwordForm.getByLabel('New password').fill(NEW_PASSWORD);
    await passwordForm.getByRole('button', { name: 'Change the password' }).click();
    await frame.getByRole('status').filter({ hasText: 'The password is changed' }).waitFor();
    assert.deepEqual(await axeViolations(frame), [], 'the security view, password changed');
    await page.waitForFunction(([key, before]) => localStorage.getItem(`porttask.login.${key}`) !== before, [stack.keys.publishableKey, beforeChange] as const);
    const oldSignIn = await fetch(`${stack.apiUrl}/v1/auth/token`, {
      method: 'POST',
      headers: { 'X-PortTask-Key': stack.keys.publishableKey, Origin: stack.portalUrl, 'Content-Type': 'application/json' },
      body: JSON.stringify({ refreshToken: beforeChange }),
    });
    assert.equal(oldSignIn.status, 401, 'the sign-in from before the change ended');
    await frame.getByRole('button', { name: 'Done' }).click();
    await page.reload();
    await page.locator('#signed-in-area[data-verified-email="ida@agency.example"]').waitFor();
    assert.deepEqual(await axeViolations(page, 'porttask-login'), [], 'the widget, signed in');
    assert.deepEqual(await cspViolations(), []);
    await context.close();
  });

  it('a sign-up below the age waits for a parent or guardian: their mail, their consent, then the account signs in', async () => {
    const { page, context, cspViolations } = await stack.newPage();
    await page.goto(`${stack.portalUrl}/account.html`);
    let frame = await loginFrame(page);
    await frame.getByRole('button', { name: 'No account yet? Create one' }).click();
    const signUp = frame.getByRole('region', { name: 'Create an account' });
    await signUp.getByLabel('Name').fill('Noah Havn');
    await signUp.getByLabel('Email', { exact: true }).fill('noah@agency.example');
    await signUp.getByLabel('Password').fill(PASSWORD);
    await signUp.getByLabel(/I accept the privacy policy/).check();
    await signUp.getByLabel(/I am under 18/).check();
    await signUp.getByLabel('Email of a parent or guardian').fill('karen@family.example');
    await signUp.getByRole('button', { name: 'Create account' }).click();
    await frame.getByRole('region', { name: 'We emailed your parent or guardian' }).waitFor();
    assert.deepEqual(await axeViolations(frame), [], 'the frame, waiting for the guardian');

    const mail = await inbox.waitForMail('karen@family.example', /guardian-consent/);
    const consentPage = await context.newPage();
    await consentPage.goto(/https?:\/\/\S+\/embed\/guardian-consent\?\S+/.exec(mail.text)![0]);
    assert.deepEqual(await axeViolations(consentPage), [], 'the guardian page');
    await consentPage.getByLabel('I am this person\'s parent or legal guardian.').check();
    await consentPage.getByLabel('Your full name').fill('Karen Havn');
    await consentPage.getByRole('button', { name: 'I consent' }).click();
    await consentPage.getByRole('status').filter({ hasText: 'Your consent is recorded' }).waitFor();
    await consentPage.close();

    await page.reload();
    frame = await loginFrame(page);
    const signIn = frame.getByRole('region', { name: 'Sign in' });
    await signIn.getByLabel('Email').fill('noah@agency.example');
    await signIn.getByLabel('Password').fill(PASSWORD);
    await signIn.getByRole('button', { name: 'Sign in' }).click();
    await page.locator('#signed-in-area[data-verified-email="noah@agency.example"]').waitFor();
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
