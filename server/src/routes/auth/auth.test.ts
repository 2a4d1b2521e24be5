import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { readAuditRows } from '../../login-audit/login-audit.queries.ts';
import { createAppFixture, type AppFixture, type TestTenant } from '../../testing/app-fixture.ts';

let fixture: AppFixture;
before(async () => { fixture = await createAppFixture(); });
after(async () => { await fixture.close(); });

const PASSWORD = 'tugboat-lantern-quinoa-47';

function call(tenant: TestTenant, path: string, body?: unknown, headers: Record<string, string> = {}) {
  return fixture.request(`/api/auth${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { 'X-PortTask-Key': tenant.publishableKey, Origin: tenant.origin, 'Content-Type': 'application/json', 'User-Agent': 'AuthTest/1', ...headers },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
}
/** The fixture's tenants publish no policy or terms, and ask "I am at least 18". */
const ADULT_ACCEPTANCE = { acceptedPolicyVersion: null, acceptedTermsVersion: null, locale: 'en', confirmedMinimumAge: true };
const signUp = (tenant: TestTenant, email: string, password = PASSWORD) => call(tenant, '/sign-up/email', { email, password, name: 'Port Agent', acceptance: ADULT_ACCEPTANCE });
const signIn = (tenant: TestTenant, email: string, password = PASSWORD) => call(tenant, '/sign-in/email', { email, password });
const outcomes = async (tenant: TestTenant) => (await readAuditRows(fixture.db.owner, { tenantId: tenant.tenant.id, environment: 'live' }, 0, 1_000)).map((row) => row.outcome);

describe('accounts on better-auth, per tenant', () => {
  it('signs up and signs in with email and password; both are in the audit trail', async () => {
    const up = await signUp(fixture.tenantA, 'agent@portal-a.example');
    assert.equal(up.status, 200, await up.clone().text());
    const inResponse = await signIn(fixture.tenantA, 'agent@portal-a.example');
    assert.equal(inResponse.status, 200, await inResponse.clone().text());
    const session = await inResponse.json();
    assert.ok(session.token);
    assert.equal(session.user.email, 'agent@portal-a.example');
    assert.ok(inResponse.headers.get('set-cookie')?.includes('HttpOnly'));
    assert.deepEqual((await outcomes(fixture.tenantA)).slice(-2), ['sign_up', 'success']);
    const [stored] = await fixture.db.owner`SELECT tenant_id, environment, role FROM auth_users WHERE email = 'agent@portal-a.example'`;
    assert.deepEqual({ ...stored }, { tenant_id: fixture.tenantA.tenant.id, environment: 'live', role: 'member' });
  });

  it('refuses weak and common passwords at sign-up', async () => {
    const common = await signUp(fixture.tenantA, 'weak@portal-a.example', 'password123');
    assert.equal(common.status, 400);
    assert.equal((await common.json()).code, 'PASSWORD_COMMON');
  });

  it('refuses an email over 254 and a name over 200 characters with 422 in the error shape, storing nothing', async () => {
    const longEmail = `${'a'.repeat(64)}@${'b'.repeat(187)}.dk`;
    assert.equal(longEmail.length, 255);
    const email = await call(fixture.tenantA, '/sign-up/email', { email: longEmail, password: PASSWORD, name: 'Port Agent' });
    assert.equal(email.status, 422);
    const emailError = (await email.json()).error;
    assert.equal(emailError.code, 'VALIDATION_FAILED');
    assert.deepEqual(emailError.issues[0].path, ['body', 'email']);
    assert.ok(emailError.requestId);
    const name = await call(fixture.tenantA, '/sign-up/email', { email: 'long-name@portal-a.example', password: PASSWORD, name: 'N'.repeat(201) });
    assert.equal(name.status, 422);
    assert.deepEqual((await name.json()).error.issues[0].path, ['body', 'name']);
    const [stored] = await fixture.db.owner`SELECT count(*)::int AS n FROM auth_users WHERE email = 'long-name@portal-a.example' OR length(email) > 254`;
    assert.equal(stored!.n, 0);
    const edge = await call(fixture.tenantA, '/sign-up/email', { email: `${'a'.repeat(64)}@${'b'.repeat(186)}.dk`, password: PASSWORD, name: 'N'.repeat(200), acceptance: ADULT_ACCEPTANCE });
    assert.equal(edge.status, 200, 'exactly 254 and 200 characters are accepted');
  });

  it('the same email in two tenants is two accounts; one tenant\'s password and session do not work in the other', async () => {
    assert.equal((await signUp(fixture.tenantA, 'shared@example.com')).status, 200);
    assert.equal((await signIn(fixture.tenantB, 'shared@example.com')).status, 401, 'no account in B yet');
    assert.equal((await signUp(fixture.tenantB, 'shared@example.com', 'harbour-crane-violet-93')).status, 200);
    assert.equal((await signIn(fixture.tenantB, 'shared@example.com')).status, 401, 'A\'s password in B');
    const a = await signIn(fixture.tenantA, 'shared@example.com');
    const cookie = a.headers.getSetCookie().map((value) => value.split(';')[0]).join('; ');
    const own = await (await call(fixture.tenantA, '/get-session', undefined, { Cookie: cookie })).json();
    assert.equal(own?.user?.email, 'shared@example.com');
    const foreign = await (await call(fixture.tenantB, '/get-session', undefined, { Cookie: cookie })).json();
    assert.equal(foreign, null, 'A\'s session is nothing in B');
  });

  it('answers unknown email, wrong password and a locked account alike, audits each, and locks after 10 failures', async () => {
    await signUp(fixture.tenantB, 'locked@portal-b.example');
    const earlier = (await outcomes(fixture.tenantB)).length;
    const unknown = await signIn(fixture.tenantB, 'nobody@portal-b.example');
    const wrong = await signIn(fixture.tenantB, 'locked@portal-b.example', 'not-the-password-1');
    assert.equal(unknown.status, 401);
    assert.equal(wrong.status, 401);
    const unknownBody = await unknown.json();
    assert.deepEqual(await wrong.json(), unknownBody);
    for (let attempt = 0; attempt < 9; attempt += 1) await signIn(fixture.tenantB, 'locked@portal-b.example', `wrong-${attempt}`);
    const locked = await signIn(fixture.tenantB, 'locked@portal-b.example');
    assert.equal(locked.status, 401, 'the right password is refused while locked');
    assert.deepEqual(await locked.json(), unknownBody);
    const trail = (await outcomes(fixture.tenantB)).slice(earlier);
    assert.equal(trail.filter((outcome) => outcome === 'unknown_email').length, 1);
    assert.equal(trail.filter((outcome) => outcome === 'wrong_password').length, 10);
    assert.equal(trail.at(-1), 'locked');
    const [plaintext] = await fixture.db.owner`SELECT count(*)::int AS n FROM login_audit_events WHERE email_sealed LIKE '%@%'`;
    assert.equal(plaintext!.n, 0);
  });
});
