import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { TOTP } from 'otpauth';
import { createAppFixture, type AppFixture, type TestTenant } from '../../testing/app-fixture.ts';

let fixture: AppFixture;
before(async () => { fixture = await createAppFixture(); });
after(async () => { await fixture.close(); });

const PASSWORD = 'mooring-clover-anchor-71';
const ADULT_ACCEPTANCE = { acceptedPolicyVersion: null, acceptedTermsVersion: null, locale: 'en', confirmedMinimumAge: true };

/** A POST of the login frame: from the API's own origin, naming the key and the page. */
async function frame(tenant: TestTenant, path: string, body: unknown, accessToken?: string) {
  const response = await fixture.request(`/embed/login${path}`, {
    method: 'POST',
    headers: {
      Origin: 'http://localhost', 'Content-Type': 'application/json', 'X-PortTask-Key': tenant.publishableKey, 'X-PortTask-Parent-Origin': tenant.origin,
      ...(accessToken ? { Authorization: `Bearer ${accessToken}` } : {}),
    },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: await response.json() };
}

describe('the login frame\'s second factor', () => {
  it('turns TOTP on in the security view, then signs in with password and code; the tokens come only after the code', async () => {
    const up = await frame(fixture.tenantA, '/sign-up', { name: 'Ane Kaj', email: 'ane@portal-a.example', password: PASSWORD, acceptance: ADULT_ACCEPTANCE });
    assert.equal(up.status, 200, JSON.stringify(up.body));
    const access = up.body.accessToken as string;

    assert.deepEqual((await frame(fixture.tenantA, '/security/status', {}, access)).body, { secondFactor: false, email: 'ane@portal-a.example' });
    assert.equal((await frame(fixture.tenantA, '/security/status', {})).status, 401, 'no token, no view');
    assert.equal((await frame(fixture.tenantB, '/security/status', {}, access)).status, 401, 'another tenant\'s key refuses the token');
    const wrongPassword = await frame(fixture.tenantA, '/security/enable', { password: 'not-the-password-9' }, access);
    assert.equal(wrongPassword.status, 400);
    assert.equal(wrongPassword.body.error.code, 'INVALID_PASSWORD');

    const enabled = await frame(fixture.tenantA, '/security/enable', { password: PASSWORD }, access);
    assert.equal(enabled.status, 200, JSON.stringify(enabled.body));
    assert.match(enabled.body.uri, /^otpauth:\/\/totp\//);
    assert.equal(enabled.body.backupCodes.length, 10);
    const totp = new TOTP({ secret: enabled.body.secret, digits: 6, period: 30 });
    assert.equal((await frame(fixture.tenantA, '/security/confirm', { code: 'abcdef' }, access)).status, 422);
    assert.deepEqual((await frame(fixture.tenantA, '/security/confirm', { code: totp.generate() }, access)).body, { secondFactor: true });
    assert.deepEqual((await frame(fixture.tenantA, '/security/status', {}, access)).body, { secondFactor: true, email: 'ane@portal-a.example' });
    const [sessions] = await fixture.db.owner`SELECT count(*)::int AS n FROM auth_sessions s JOIN auth_users u ON u.tenant_id = s.tenant_id AND u.environment = s.environment AND u.id = s.user_id WHERE u.email = 'ane@portal-a.example'`;
    assert.equal(sessions!.n, 1, 'the view\'s sessions ended with its calls (the one left is the sign-up\'s)');

    const first = await frame(fixture.tenantA, '/sign-in', { email: 'ane@portal-a.example', password: PASSWORD });
    assert.equal(first.status, 200);
    assert.equal(first.body.accessToken, undefined, 'no tokens after the password alone');
    assert.deepEqual(first.body.secondFactor.methods, ['totp', 'backup']);
    const challenge = first.body.secondFactor.challenge as string;
    const wrong = await frame(fixture.tenantA, '/second-factor', { challenge, method: 'totp', code: '000000' === totp.generate() ? '111111' : '000000' });
    assert.equal(wrong.status, 401);
    assert.equal(wrong.body.error.code, 'INVALID_CODE');
    assert.equal((await frame(fixture.tenantB, '/second-factor', { challenge, method: 'totp', code: totp.generate() })).status, 401, 'the challenge is nothing in tenant B');
    assert.equal((await frame(fixture.tenantA, '/second-factor', { challenge: Buffer.from('porttask.session_token=x').toString('base64url'), method: 'totp', code: totp.generate() })).status, 401);
    const signedIn = await frame(fixture.tenantA, '/second-factor', { challenge, method: 'totp', code: totp.generate() });
    assert.equal(signedIn.status, 200, JSON.stringify(signedIn.body));
    assert.match(signedIn.body.refreshToken, /^rt_/);

    const backup = await frame(fixture.tenantA, '/second-factor', {
      challenge: (await frame(fixture.tenantA, '/sign-in', { email: 'ane@portal-a.example', password: PASSWORD })).body.secondFactor.challenge,
      method: 'backup', code: enabled.body.backupCodes[3],
    });
    assert.equal(backup.status, 200, JSON.stringify(backup.body));

    assert.equal((await frame(fixture.tenantA, '/security/disable', { password: 'not-the-password-9' }, signedIn.body.accessToken)).status, 400);
    assert.deepEqual((await frame(fixture.tenantA, '/security/disable', { password: PASSWORD }, signedIn.body.accessToken)).body, { secondFactor: false });
    const plain = await frame(fixture.tenantA, '/sign-in', { email: 'ane@portal-a.example', password: PASSWORD });
    assert.match(plain.body.refreshToken, /^rt_/, 'the password alone signs in again');
  });

  it('the code step is a labelled one-time-code field; the security view is its own mode; both speak en, da, de and hi', async () => {
    const page = async (query: Record<string, string>) =>
      await (await fixture.request(`/embed/login?${new URLSearchParams({ key: fixture.tenantA.publishableKey, origin: fixture.tenantA.origin, ...query })}`)).text();
    const signIn = await page({});
    assert.match(signIn, /<label for="second-factor-code" id="second-factor-label">Code from your authenticator app<\/label>/);
    assert.match(signIn, /<input id="second-factor-code"[^>]*inputmode="numeric" autocomplete="one-time-code"/);
    assert.match(signIn, /<p id="second-factor-error" class="error" role="alert">/);
    assert.doesNotMatch(signIn, /id="security"/);
    const security = await page({ mode: 'security' });
    assert.match(security, /<title>Account security<\/title>/);
    assert.match(security, /<section id="security" aria-labelledby="security-title">/);
    assert.doesNotMatch(security, /id="second-factor"/);
    assert.ok([...security.matchAll(/<script\b([^>]*)>/g)].every((match) => /\bsrc=|type="application\/json"/.test(match[1]!)), 'no inline script');
    const titles = { da: 'Totrinsbekræftelse', de: 'Bestätigung in zwei Schritten', hi: 'दो-चरणीय सत्यापन' };
    for (const [locale, title] of Object.entries(titles)) assert.ok((await page({ locale })).includes(`<h1 id="second-factor-title">${title}</h1>`), locale);
  });
});
