import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { readAuditRows } from '../login-audit/login-audit.queries.ts';
import { createAppFixture, type AppFixture } from '../testing/app-fixture.ts';

let fixture: AppFixture;
before(async () => { fixture = await createAppFixture(); });
after(async () => { await fixture.close(); });

const PASSWORD = 'cargo-thistle-lantern-84';
const NEW_PASSWORD = 'anchor-velvet-pelican-29';
const ADULT_ACCEPTANCE = { acceptedPolicyVersion: null, acceptedTermsVersion: null, locale: 'en', confirmedMinimumAge: true };

async function call(path: string, body?: unknown, cookie?: string) {
  const tenant = fixture.tenantA;
  const response = await fixture.request(`/api/auth${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { 'X-PortTask-Key': tenant.publishableKey, Origin: tenant.origin, 'Content-Type': 'application/json', 'User-Agent': 'ChangeTest/1', ...(cookie ? { Cookie: cookie } : {}) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const cookies = response.headers.getSetCookie().map((value) => value.split(';')[0]!).filter((pair) => !pair.endsWith('='));
  return { status: response.status, body: await response.json().catch(() => null), cookie: cookies.join('; ') };
}

describe('change password', () => {
  it('applies the password policy, ends the other sessions and the refresh tokens, and is audited', async () => {
    const email = 'changer@portal-a.example';
    const up = await call('/sign-up/email', { email, password: PASSWORD, name: 'Chan Ger', acceptance: ADULT_ACCEPTANCE });
    assert.equal(up.status, 200, JSON.stringify(up.body));
    const other = await call('/sign-in/email', { email, password: PASSWORD });
    assert.equal(other.status, 200);
    const scope = { tenantId: fixture.tenantA.tenant.id, environment: 'live' as const };
    const userId = up.body.user.id as string;
    // A token pair from the login frame (posted from the API's own origin, http://localhost in-process).
    const frame = await fixture.request('/embed/login/sign-in', {
      method: 'POST',
      headers: { Origin: 'http://localhost', 'X-PortTask-Key': fixture.tenantA.publishableKey, 'X-PortTask-Parent-Origin': fixture.tenantA.origin, 'Content-Type': 'application/json' },
      body: JSON.stringify({ email, password: PASSWORD }),
    });
    assert.equal(frame.status, 200, await frame.clone().text());
    const openTokens = async () => (await fixture.db.owner`SELECT count(*)::int AS n FROM auth_refresh_tokens WHERE tenant_id = ${scope.tenantId} AND user_id = ${userId} AND revoked_at IS NULL`)[0]!.n as number;
    assert.equal(await openTokens(), 1);

    const common = await call('/change-password', { currentPassword: PASSWORD, newPassword: 'password123' }, up.cookie);
    assert.equal(common.status, 400);
    assert.equal(common.body.code, 'PASSWORD_COMMON');
    const weak = await call('/change-password', { currentPassword: PASSWORD, newPassword: 'aaaaaaaaaaaa' }, up.cookie);
    assert.equal(weak.status, 400);
    assert.match(weak.body.code, /^PASSWORD_(WEAK|COMMON)$/);

    const changed = await call('/change-password', { currentPassword: PASSWORD, newPassword: NEW_PASSWORD }, up.cookie);
    assert.equal(changed.status, 200, JSON.stringify(changed.body));
    assert.equal((await call('/get-session', undefined, other.cookie)).body, null, 'the other session ended');
    assert.equal((await call('/get-session', undefined, changed.cookie || up.cookie)).body?.user?.email, email, 'this one goes on');
    assert.equal(await openTokens(), 0, 'the frame\'s refresh token is revoked');
    assert.equal((await call('/sign-in/email', { email, password: PASSWORD })).status, 401);
    assert.equal((await call('/sign-in/email', { email, password: NEW_PASSWORD })).status, 200);
    const outcomes = (await readAuditRows(fixture.db.owner, scope, 0, 1_000)).map((row) => row.outcome);
    assert.ok(outcomes.includes('password_changed'), outcomes.join());
  });
});
