import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { readAuditRows } from '../../login-audit/login-audit.queries.ts';
import { createAppFixture, type AppFixture, type TestTenant } from '../../testing/app-fixture.ts';

let fixture: AppFixture;
before(async () => { fixture = await createAppFixture(); });
after(async () => { await fixture.close(); });

const PASSWORD = 'mooring-clover-anchor-71';
const NEW_PASSWORD = 'quay-marigold-sextant-38';
const EMAIL = 'changer@portal-a.example';

/** A POST of the login frame: from the API's own origin, naming the key and the page. */
async function frame(tenant: TestTenant, path: string, body: unknown, accessToken?: string) {
  const response = await fixture.request(`/embed/login${path}`, {
    method: 'POST',
    headers: {
      Origin: 'http://localhost', 'Content-Type': 'application/json', 'X-PortTask-Key': tenant.publishableKey, 'X-PortTask-Parent-Origin': tenant.origin,
      'User-Agent': 'PasswordChangeTest/1', ...(accessToken ? { Authorization: `Bearer ${accessToken}` } : {}),
    },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: await response.json(), cacheControl: response.headers.get('Cache-Control') };
}

const renew = (tenant: TestTenant, refreshToken: string) => fixture.request('/v1/auth/token', {
  method: 'POST',
  headers: { 'X-PortTask-Key': tenant.publishableKey, Origin: tenant.origin, 'Content-Type': 'application/json' },
  body: JSON.stringify({ refreshToken }),
});

function betterAuth(path: string, body?: unknown, cookie?: string) {
  return fixture.request(`/api/auth${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { 'X-PortTask-Key': fixture.tenantA.publishableKey, Origin: fixture.tenantA.origin, 'Content-Type': 'application/json', ...(cookie ? { Cookie: cookie } : {}) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
}

describe('changing the password in the login frame\'s account-security view', () => {
  it('checks the current password and the sign-up policy, signs out every other sign-in, keeps this page signed in with new tokens, and is audited', async () => {
    const up = await frame(fixture.tenantA, '/sign-up', { name: 'Chan Ger', email: EMAIL, password: PASSWORD, acceptance: { acceptedPolicyVersion: null, acceptedTermsVersion: null, locale: 'en', confirmedMinimumAge: true } });
    assert.equal(up.status, 200, JSON.stringify(up.body));
    const here = up.body as { accessToken: string; refreshToken: string };
    const elsewhere = (await frame(fixture.tenantA, '/sign-in', { email: EMAIL, password: PASSWORD })).body as { refreshToken: string };
    const session = await betterAuth('/sign-in/email', { email: EMAIL, password: PASSWORD });
    const cookie = session.headers.getSetCookie().map((value) => value.split(';')[0]).join('; ');
    const change = (body: unknown, accessToken: string | null = here.accessToken, tenant = fixture.tenantA) => frame(tenant, '/security/password', body, accessToken ?? undefined);

    assert.equal((await change({ currentPassword: PASSWORD, newPassword: NEW_PASSWORD }, null)).status, 401, 'no access token, no change');
    assert.equal((await change({ currentPassword: PASSWORD, newPassword: NEW_PASSWORD }, here.accessToken, fixture.tenantB)).status, 401, 'another tenant\'s key refuses the token');
    assert.equal((await change({ currentPassword: PASSWORD, newPassword: 'x'.repeat(129) })).status, 422);
    assert.equal((await change({ currentPassword: '', newPassword: NEW_PASSWORD })).status, 422);
    const wrong = await change({ currentPassword: 'not-the-password-9', newPassword: NEW_PASSWORD });
    assert.equal(wrong.status, 400);
    assert.equal(wrong.body.error.code, 'INVALID_PASSWORD');
    // The sign-up's policy, with its codes (the frame shows the sign-up's words for them).
    const common = await change({ currentPassword: PASSWORD, newPassword: 'password123' });
    assert.equal(common.body.error.code, 'PASSWORD_COMMON');
    assert.equal((await change({ currentPassword: PASSWORD, newPassword: 'short' })).body.error.code, 'PASSWORD_TOO_SHORT');
    assert.match((await change({ currentPassword: PASSWORD, newPassword: 'aaaaaaaaaaaa' })).body.error.code, /^PASSWORD_(WEAK|COMMON)$/);
    const stillIn = await renew(fixture.tenantA, elsewhere.refreshToken);
    assert.equal(stillIn.status, 200, 'a refused change ends nothing');
    const elsewhereNow = (await stillIn.json()) as { refreshToken: string };

    const changed = await change({ currentPassword: PASSWORD, newPassword: NEW_PASSWORD });
    assert.equal(changed.status, 200, JSON.stringify(changed.body));
    assert.equal(changed.cacheControl, 'no-store');
    const next = changed.body as { accessToken: string; refreshToken: string; tokenType: string };
    assert.equal(next.tokenType, 'Bearer');

    // Everywhere else is signed out: the other frame sign-in, the better-auth session, and this page's old tokens.
    assert.equal((await renew(fixture.tenantA, here.refreshToken)).status, 401);
    assert.equal((await renew(fixture.tenantA, elsewhereNow.refreshToken)).status, 401, 'the other device\'s sign-in ended');
    assert.equal(await (await betterAuth('/get-session', undefined, cookie)).json(), null, 'the session ended');
    // This page goes on with the new pair.
    assert.equal((await renew(fixture.tenantA, next.refreshToken)).status, 200);
    assert.equal((await frame(fixture.tenantA, '/security/status', {}, next.accessToken)).status, 200);
    const [sessions] = await fixture.db.owner`SELECT count(*)::int AS n FROM auth_sessions s JOIN auth_users u ON u.tenant_id = s.tenant_id AND u.environment = s.environment AND u.id = s.user_id WHERE u.email = ${EMAIL}`;
    assert.equal(sessions!.n, 0, 'the view\'s own session for the call ended with it');

    assert.equal((await frame(fixture.tenantA, '/sign-in', { email: EMAIL, password: PASSWORD })).status, 401, 'the old password is refused');
    assert.equal((await frame(fixture.tenantA, '/sign-in', { email: EMAIL, password: NEW_PASSWORD })).status, 200);
    const trail = await readAuditRows(fixture.db.owner, { tenantId: fixture.tenantA.tenant.id, environment: 'live' }, 0, 1_000);
    const recorded = trail.filter((row) => row.outcome === 'password_changed');
    assert.equal(recorded.length, 1, trail.map((row) => row.outcome).join());
    assert.equal(recorded[0]!.userAgent, 'PasswordChangeTest/1');
  });
});
