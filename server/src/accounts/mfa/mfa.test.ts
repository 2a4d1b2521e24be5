import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { TOTP, URI } from 'otpauth';
import { readAuditRows } from '../../login-audit/login-audit.queries.ts';
import { createAppFixture, type AppFixture, type TestTenant } from '../../testing/app-fixture.ts';

let fixture: AppFixture;
before(async () => { fixture = await createAppFixture(); });
after(async () => { await fixture.close(); });

const PASSWORD = 'harbour-quince-lattice-93';
const ADULT_ACCEPTANCE = { acceptedPolicyVersion: null, acceptedTermsVersion: null, locale: 'en', confirmedMinimumAge: true };

async function call(tenant: TestTenant, path: string, body?: unknown, cookie?: string) {
  const response = await fixture.request(`/api/auth${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { 'X-PortTask-Key': tenant.publishableKey, Origin: tenant.origin, 'Content-Type': 'application/json', 'User-Agent': 'MfaTest/1', ...(cookie ? { Cookie: cookie } : {}) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const cookies = response.headers.getSetCookie().map((value) => value.split(';')[0]!).filter((pair) => !pair.endsWith('='));
  return { status: response.status, body: await response.json().catch(() => null), cookie: cookies.join('; ') };
}

const outcomes = async (tenant: TestTenant) =>
  (await readAuditRows(fixture.db.owner, { tenantId: tenant.tenant.id, environment: 'live' }, 0, 10_000)).map((row) => row.outcome);

/** An account with TOTP switched on: its authenticator and its backup codes. */
async function enrolled(tenant: TestTenant, email: string) {
  const up = await call(tenant, '/sign-up/email', { email, password: PASSWORD, name: 'Mate Ship', acceptance: ADULT_ACCEPTANCE });
  assert.equal(up.status, 200, JSON.stringify(up.body));
  const wrongPassword = await call(tenant, '/two-factor/enable', { password: 'not-the-password-1' }, up.cookie);
  assert.equal(wrongPassword.status, 400, 'enabling needs the password');
  const enable = await call(tenant, '/two-factor/enable', { password: PASSWORD }, up.cookie);
  assert.equal(enable.status, 200, JSON.stringify(enable.body));
  assert.equal(enable.body.backupCodes.length, 10);
  const totp = URI.parse(enable.body.totpURI) as TOTP;
  assert.equal(totp.digits, 6);
  assert.equal(totp.period, 30);
  const confirm = await call(tenant, '/two-factor/verify-totp', { code: totp.generate() }, enable.cookie || up.cookie);
  assert.equal(confirm.status, 200, JSON.stringify(confirm.body));
  return { totp, backupCodes: enable.body.backupCodes as string[], cookie: confirm.cookie };
}

const passwordStep = async (tenant: TestTenant, email: string) => {
  const answer = await call(tenant, '/sign-in/email', { email, password: PASSWORD });
  assert.equal(answer.status, 200, JSON.stringify(answer.body));
  return answer;
};

describe('TOTP second factor (better-auth twoFactor, per tenant)', () => {
  it('enables with the password and a first code, is stored encrypted, and is audited', async () => {
    const { totp } = await enrolled(fixture.tenantA, 'enrol@portal-a.example');
    const [row] = await fixture.db.owner`
      SELECT u.two_factor_enabled, f.verified, f.secret, f.backup_codes FROM auth_users u
      JOIN auth_two_factors f USING (tenant_id, environment) WHERE f.user_id = u.id AND u.email = 'enrol@portal-a.example'`;
    assert.equal(row!.two_factor_enabled, true);
    assert.equal(row!.verified, true);
    assert.ok(!String(row!.secret).includes(totp.secret.base32) && !String(row!.secret).includes(totp.secret.latin1), 'the secret is not stored in clear');
    assert.doesNotMatch(String(row!.backup_codes), /[A-Za-z0-9]{5}-[A-Za-z0-9]{5}/, 'backup codes are not stored in clear');
    assert.deepEqual((await outcomes(fixture.tenantA)).slice(-2), ['sign_up', 'mfa_enabled']);
  });

  it('asks for the code after the password; only the code signs in', async () => {
    const { totp } = await enrolled(fixture.tenantA, 'signin@portal-a.example');
    const first = await passwordStep(fixture.tenantA, 'signin@portal-a.example');
    assert.equal(first.body.twoFactorRedirect, true);
    assert.deepEqual(first.body.twoFactorMethods, ['totp']);
    assert.equal(first.body.token, undefined, 'no session before the second factor');
    assert.match(first.cookie, /two_factor=/);
    assert.doesNotMatch(first.cookie, /session_token=/);
    const tooLong = await call(fixture.tenantA, '/two-factor/verify-totp', { code: '1'.repeat(33) }, first.cookie);
    assert.equal(tooLong.status, 422, 'bounded before better-auth');
    assert.equal(tooLong.body.error.code, 'VALIDATION_FAILED');
    const wrong = await call(fixture.tenantA, '/two-factor/verify-totp', { code: '000000' }, first.cookie);
    assert.equal(wrong.status, 401);
    assert.equal(wrong.body.code, 'INVALID_CODE');
    const right = await call(fixture.tenantA, '/two-factor/verify-totp', { code: totp.generate() }, first.cookie);
    assert.equal(right.status, 200, JSON.stringify(right.body));
    assert.ok(right.body.token);
    assert.equal(right.body.user.email, 'signin@portal-a.example');
    assert.deepEqual((await outcomes(fixture.tenantA)).slice(-3), ['mfa_challenged', 'mfa_failed', 'success'], 'the over-long code never reached better-auth');
    const remember = await call(fixture.tenantA, '/two-factor/verify-totp', { code: totp.generate(), trustDevice: true }, (await passwordStep(fixture.tenantA, 'signin@portal-a.example')).cookie);
    assert.equal(remember.status, 400, 'devices are not remembered');
  });

  it('a backup code signs in once', async () => {
    const { backupCodes } = await enrolled(fixture.tenantA, 'backup@portal-a.example');
    const first = await passwordStep(fixture.tenantA, 'backup@portal-a.example');
    const used = await call(fixture.tenantA, '/two-factor/verify-backup-code', { code: backupCodes[0] }, first.cookie);
    assert.equal(used.status, 200, JSON.stringify(used.body));
    assert.deepEqual((await outcomes(fixture.tenantA)).slice(-3), ['mfa_challenged', 'mfa_backup_code', 'success']);
    const again = await call(fixture.tenantA, '/two-factor/verify-backup-code', { code: backupCodes[0] }, (await passwordStep(fixture.tenantA, 'backup@portal-a.example')).cookie);
    assert.equal(again.status, 401);
    assert.equal(again.body.code, 'INVALID_BACKUP_CODE');
    assert.equal((await outcomes(fixture.tenantA)).at(-1), 'mfa_failed');
  });

  it('ten wrong codes lock the account: then even the right code and the right password are refused', async () => {
    const { totp } = await enrolled(fixture.tenantA, 'lock@portal-a.example');
    let challenge = (await passwordStep(fixture.tenantA, 'lock@portal-a.example')).cookie;
    for (let attempt = 1; attempt <= 10; attempt += 1) {
      // better-auth allows 5 codes per password step; then the password is asked again.
      if (attempt === 6) challenge = (await passwordStep(fixture.tenantA, 'lock@portal-a.example')).cookie;
      const wrong = await call(fixture.tenantA, '/two-factor/verify-totp', { code: '123456' === totp.generate() ? '654321' : '123456' }, challenge);
      assert.equal(wrong.status, 401, `attempt ${attempt}`);
    }
    const withRightCode = await call(fixture.tenantA, '/two-factor/verify-totp', { code: totp.generate() }, challenge);
    assert.equal(withRightCode.status, 401);
    assert.equal(withRightCode.body.code, 'INVALID_CODE', 'the same answer as a wrong code');
    const password = await call(fixture.tenantA, '/sign-in/email', { email: 'lock@portal-a.example', password: PASSWORD });
    assert.equal(password.status, 401);
    assert.equal(password.body.code, 'INVALID_EMAIL_OR_PASSWORD');
    const trail = await outcomes(fixture.tenantA);
    assert.equal(trail.filter((outcome) => outcome === 'mfa_failed').length >= 10, true);
    assert.deepEqual(trail.slice(-2), ['locked', 'locked']);
  });

  it('disabling needs the password; afterwards the password alone signs in', async () => {
    const { cookie } = await enrolled(fixture.tenantA, 'off@portal-a.example');
    assert.equal((await call(fixture.tenantA, '/two-factor/disable', { password: 'not-the-password-1' }, cookie)).status, 400);
    const off = await call(fixture.tenantA, '/two-factor/disable', { password: PASSWORD }, cookie);
    assert.equal(off.status, 200, JSON.stringify(off.body));
    const signIn = await passwordStep(fixture.tenantA, 'off@portal-a.example');
    assert.ok(signIn.body.token);
    assert.deepEqual((await outcomes(fixture.tenantA)).slice(-2), ['mfa_disabled', 'success']);
    const [row] = await fixture.db.owner`SELECT count(*)::int AS n FROM auth_two_factors f JOIN auth_users u ON u.tenant_id = f.tenant_id AND u.environment = f.environment AND u.id = f.user_id WHERE u.email = 'off@portal-a.example'`;
    assert.equal(row!.n, 0);
  });

  it("tenant A's second factor is invisible to tenant B: its challenge, codes and session do nothing there", async () => {
    const { totp, backupCodes, cookie } = await enrolled(fixture.tenantA, 'shared@portal.example');
    const challenge = (await passwordStep(fixture.tenantA, 'shared@portal.example')).cookie;
    const inB = await call(fixture.tenantB, '/two-factor/verify-totp', { code: totp.generate() }, challenge);
    assert.equal(inB.status, 401);
    assert.equal((await call(fixture.tenantB, '/two-factor/verify-backup-code', { code: backupCodes[1] }, challenge)).status, 401);
    assert.equal((await call(fixture.tenantB, '/two-factor/disable', { password: PASSWORD }, cookie)).status, 401);
    // The same email in B is another account, with no second factor.
    await call(fixture.tenantB, '/sign-up/email', { email: 'shared@portal.example', password: PASSWORD, name: 'Other', acceptance: ADULT_ACCEPTANCE });
    const inBSignIn = await passwordStep(fixture.tenantB, 'shared@portal.example');
    assert.ok(inBSignIn.body.token, 'B signs in with the password alone');
    assert.equal(inBSignIn.body.twoFactorRedirect, undefined);
    const [rows] = await fixture.db.owner`SELECT count(*)::int AS n FROM auth_two_factors WHERE tenant_id = ${fixture.tenantB.tenant.id}`;
    assert.equal(rows!.n, 0);
    // A's challenge still works in A: B's attempts changed nothing.
    assert.equal((await call(fixture.tenantA, '/two-factor/verify-totp', { code: totp.generate() }, challenge)).status, 200);
  });
});
