import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { hashPassword } from 'better-auth/crypto';
import { createAppFixture, type AppFixture, type TestTenant } from '../testing/app-fixture.ts';

/** Every statement the app pool sends, with its parameters, in order. */
const statements: { query: string; parameters: unknown[] }[] = [];
let fixture: AppFixture;
before(async () => { fixture = await createAppFixture({ onAppQuery: (query, parameters) => statements.push({ query, parameters }) }); });
after(async () => { await fixture.close(); });

const PASSWORD = 'quayside-marmalade-orbit-58';
const OTHER_PASSWORD = 'lighthouse-fennel-cobalt-71';
const ADULT_ACCEPTANCE = { acceptedPolicyVersion: null, acceptedTermsVersion: null, locale: 'en', confirmedMinimumAge: true };

async function call(tenant: TestTenant, path: string, body?: unknown, cookie?: string) {
  const response = await fixture.request(`/api/auth${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { 'X-PortTask-Key': tenant.publishableKey, Origin: tenant.origin, 'Content-Type': 'application/json', 'User-Agent': 'ScopeTest/1', ...(cookie ? { Cookie: cookie } : {}) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const cookies = response.headers.getSetCookie().map((value) => value.split(';')[0]!).filter((pair) => !pair.endsWith('='));
  return { status: response.status, body: await response.json().catch(() => null), cookie: cookies.join('; ') };
}

const AUTH_TABLE = /\bauth_(users|sessions|accounts|verifications|two_factors)\b/;

/** The statements since `from` that read, change or delete an auth_* table without naming tenant and environment. */
function unscoped(from: number, tenant: TestTenant) {
  return statements.slice(from).filter(({ query, parameters }) => {
    if (!AUTH_TABLE.test(query)) return false;
    const names = /tenant_id/.test(query) && /environment/.test(query);
    const values = parameters.includes(tenant.tenant.id) || query.includes(tenant.tenant.id);
    return !(names && values);
  });
}

describe('every better-auth query is limited to one tenant and environment', () => {
  it('sign-up, sign-in, get-session, second factor, reset request and sign-out send no auth_* statement without tenant and environment', async () => {
    const tenant = fixture.tenantA;
    const from = statements.length;
    const email = 'recorded@portal-a.example';
    const up = await call(tenant, '/sign-up/email', { email, password: PASSWORD, name: 'Rec Order', acceptance: ADULT_ACCEPTANCE });
    assert.equal(up.status, 200, JSON.stringify(up.body));
    const enable = await call(tenant, '/two-factor/enable', { password: PASSWORD }, up.cookie);
    assert.equal(enable.status, 200, JSON.stringify(enable.body));
    const signIn = await call(tenant, '/sign-in/email', { email, password: PASSWORD });
    assert.equal(signIn.status, 200, JSON.stringify(signIn.body));
    const session = await call(tenant, '/get-session', undefined, signIn.cookie || up.cookie);
    assert.equal(session.status, 200);
    const reset = await call(tenant, '/request-password-reset', { email, redirectTo: `${tenant.origin}/reset` });
    assert.ok(reset.status < 500, JSON.stringify(reset.body));
    const out = await call(tenant, '/sign-out', {}, signIn.cookie || up.cookie);
    assert.equal(out.status, 200, JSON.stringify(out.body));
    const touching = statements.slice(from).filter(({ query }) => AUTH_TABLE.test(query));
    assert.ok(touching.length >= 10, `recorded ${touching.length} auth statements`);
    assert.ok(touching.some(({ query }) => /auth_accounts/.test(query) && /^select/i.test(query.trim())), 'the credential read is among them');
    assert.deepEqual(unscoped(from, tenant).map(({ query }) => query), []);
  });

  it('an account row of another tenant with the same user id is never read by this tenant\'s sign-in', async () => {
    const a = fixture.tenantA;
    const b = fixture.tenantB;
    const email = 'twin@portal-a.example';
    const up = await call(a, '/sign-up/email', { email, password: PASSWORD, name: 'Twin A', acceptance: ADULT_ACCEPTANCE });
    assert.equal(up.status, 200, JSON.stringify(up.body));
    const [user] = await fixture.db.owner`SELECT id FROM auth_users WHERE tenant_id = ${a.tenant.id} AND email = ${email}`;
    const id = user!.id as string;
    // Tenant B gets a user and a credential with A's user id (and the same account id), its own password.
    await fixture.db.owner`INSERT INTO auth_users (tenant_id, environment, id, email, name, email_verified) VALUES (${b.tenant.id}, 'live', ${id}, 'twin@portal-b.example', 'Twin B', true)`;
    const [ownAccount] = await fixture.db.owner`SELECT id FROM auth_accounts WHERE tenant_id = ${a.tenant.id} AND user_id = ${id}`;
    await fixture.db.owner`INSERT INTO auth_accounts (tenant_id, environment, id, user_id, account_id, provider_id, password)
      VALUES (${b.tenant.id}, 'live', ${ownAccount!.id as string}, ${id}, ${id}, 'credential', ${await hashPassword(OTHER_PASSWORD)})`;
    const from = statements.length;
    const foreignPassword = await call(a, '/sign-in/email', { email, password: OTHER_PASSWORD });
    assert.equal(foreignPassword.status, 401, 'B\'s password does not open A\'s account');
    const ownPassword = await call(a, '/sign-in/email', { email, password: PASSWORD });
    assert.equal(ownPassword.status, 200, JSON.stringify(ownPassword.body));
    const session = await call(a, '/get-session', undefined, ownPassword.cookie);
    assert.equal(session.body?.user?.name, 'Twin A', 'the session\'s user is A\'s, not B\'s twin');
    assert.deepEqual(unscoped(from, a).map(({ query }) => query), []);
    const fromB = statements.length;
    const inB = await call(b, '/sign-in/email', { email: 'twin@portal-b.example', password: PASSWORD });
    assert.equal(inB.status, 401, 'A\'s password does not open B\'s twin');
    assert.deepEqual(unscoped(fromB, b).map(({ query }) => query), []);
  });
});
