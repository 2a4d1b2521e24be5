import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { after, before, describe, it } from 'node:test';
import { createClient, NotFoundError, PermissionDeniedError, ValidationError } from '@porttask/sdk';
import { readAuditRows } from '../../login-audit/login-audit.queries.ts';
import { runCli } from '../../testing/cli-process.ts';
import { createAppFixture, type AppFixture, type TestTenant } from '../../testing/app-fixture.ts';
import { listen, type Listening } from '../../runtime/listen.ts';

let fixture: AppFixture;
let server: Listening;
before(async () => {
  fixture = await createAppFixture();
  server = await listen(fixture.app.fetch, { port: 0, host: '127.0.0.1' });
  for (const [tenant, email] of [[fixture.tenantA, 'officer@portal-a.example'], [fixture.tenantA, 'agent@portal-a.example'], [fixture.tenantB, 'other@portal-b.example']] as const) {
    const response = await signIn(tenant, email, '/sign-up/email', { name: 'Staff', acceptance: { acceptedPolicyVersion: null, acceptedTermsVersion: null, locale: 'en', confirmedMinimumAge: true } });
    assert.equal(response.status, 200, await response.text());
  }
});
after(async () => {
  await server.close(1_000);
  await fixture.close();
});

const PASSWORD = 'tugboat-lantern-quinoa-47';
const EXAMPLE = fileURLToPath(new URL('../../../../examples/node-sdk/sign-out-everywhere.ts', import.meta.url));
function signIn(tenant: TestTenant, email: string, path = '/sign-in/email', extra: Record<string, unknown> = {}) {
  return fixture.request(`/api/auth${path}`, {
    method: 'POST',
    headers: { 'X-PortTask-Key': tenant.publishableKey, Origin: tenant.origin, 'Content-Type': 'application/json' },
    body: JSON.stringify({ email, password: PASSWORD, ...extra }),
  });
}
const partner = (tenant: TestTenant) => createClient({ apiUrl: server.url, secretKey: tenant.secretKey });
/** A token pair from the login frame (posted from the API's own origin, http://localhost in-process). */
async function frameTokens(tenant: TestTenant, email: string): Promise<{ refreshToken: string }> {
  const response = await fixture.request('/embed/login/sign-in', {
    method: 'POST',
    headers: { Origin: 'http://localhost', 'X-PortTask-Key': tenant.publishableKey, 'X-PortTask-Parent-Origin': tenant.origin, 'Content-Type': 'application/json' },
    body: JSON.stringify({ email, password: PASSWORD }),
  });
  assert.equal(response.status, 200, await response.clone().text());
  return (await response.json()) as { refreshToken: string };
}
const renew = (tenant: TestTenant, refreshToken: string) => fixture.request('/v1/auth/token', {
  method: 'POST',
  headers: { 'X-PortTask-Key': tenant.publishableKey, Origin: tenant.origin, 'Content-Type': 'application/json' },
  body: JSON.stringify({ refreshToken }),
});

describe('/v1/users (secret key), client.users and porttask users', () => {
  it('lists the tenant environment\'s accounts with roles, in email order, across pages', async () => {
    const page = await partner(fixture.tenantA).users.list({ limit: 1 });
    assert.deepEqual(page.data.map((user) => [user.email, user.role, user.disabled]), [['agent@portal-a.example', 'member', false]]);
    const all = [];
    for await (const user of partner(fixture.tenantA).users.list({ limit: 1 })) all.push(user.email);
    assert.deepEqual(all, ['agent@portal-a.example', 'officer@portal-a.example']);
    const b = await partner(fixture.tenantB).users.list();
    assert.deepEqual(b.data.map((user) => user.email), ['other@portal-b.example']);
  });

  it('sets a role; another tenant\'s account is not found; bad roles and publishable keys are refused', async () => {
    const officer = (await partner(fixture.tenantA).users.list()).data.find((user) => user.email.startsWith('officer'))!;
    assert.equal((await partner(fixture.tenantA).users.setRole(officer.id, 'privacy_officer')).role, 'privacy_officer');
    assert.deepEqual((await partner(fixture.tenantA).users.list({ role: 'privacy_officer' })).data.map((user) => user.id), [officer.id]);
    await assert.rejects(partner(fixture.tenantB).users.setRole(officer.id, 'owner'), NotFoundError);
    await assert.rejects(partner(fixture.tenantA).users.setRole(officer.id, 'superuser' as never), ValidationError);
    await assert.rejects(async () => await createClient({ apiUrl: server.url, publishableKey: fixture.tenantA.publishableKey }).users.list(), PermissionDeniedError);
  });

  it('disabling ends the sessions and the refresh tokens at once, and refuses sign-in with the usual answer', async () => {
    const agent = (await partner(fixture.tenantA).users.list()).data.find((user) => user.email.startsWith('agent'))!;
    const session = await signIn(fixture.tenantA, 'agent@portal-a.example');
    assert.equal(session.status, 200);
    const { refreshToken } = await frameTokens(fixture.tenantA, 'agent@portal-a.example');
    const disabled = await partner(fixture.tenantA).users.disable(agent.id);
    assert.equal(disabled.disabled, true);
    const [sessions] = await fixture.db.owner`SELECT count(*)::int AS n FROM auth_sessions WHERE user_id = ${agent.id}`;
    assert.equal(sessions!.n, 0);
    const renewal = await renew(fixture.tenantA, refreshToken);
    assert.equal(renewal.status, 401, 'the refresh token is refused right after');
    assert.equal((await renewal.json()).error.code, 'INVALID_REFRESH_TOKEN');
    const [live] = await fixture.db.owner`SELECT count(*)::int AS n FROM auth_refresh_tokens WHERE user_id = ${agent.id} AND revoked_at IS NULL`;
    assert.equal(live!.n, 0, 'revoked, not merely refused at use');
    const refused = await signIn(fixture.tenantA, 'agent@portal-a.example');
    assert.equal(refused.status, 401);
    assert.equal((await refused.json()).code, 'INVALID_EMAIL_OR_PASSWORD');
  });

  it('signs an account out everywhere: sessions and every sign-in of the login end, it can sign in again, audited; other tenants and environments see no such account', async () => {
    await signIn(fixture.tenantA, 'roamer@portal-a.example', '/sign-up/email', { name: 'Roamer', acceptance: { acceptedPolicyVersion: null, acceptedTermsVersion: null, locale: 'en', confirmedMinimumAge: true } });
    const roamer = (await partner(fixture.tenantA).users.list()).data.find((user) => user.email === 'roamer@portal-a.example')!;
    const session = await signIn(fixture.tenantA, 'roamer@portal-a.example');
    const cookie = session.headers.getSetCookie().map((value) => value.split(';')[0]).join('; ');
    const phone = await frameTokens(fixture.tenantA, 'roamer@portal-a.example');
    const laptop = await frameTokens(fixture.tenantA, 'roamer@portal-a.example');
    const getSession = () => fixture.request('/api/auth/get-session', { headers: { 'X-PortTask-Key': fixture.tenantA.publishableKey, Origin: fixture.tenantA.origin, Cookie: cookie } });
    assert.equal((await (await getSession()).json())?.user?.email, 'roamer@portal-a.example');

    await assert.rejects(partner(fixture.tenantB).users.signOut(roamer.id), NotFoundError, 'another tenant');
    const testEnvironment = createClient({ apiUrl: server.url, secretKey: fixture.tenantA.testSecretKey });
    await assert.rejects(testEnvironment.users.signOut(roamer.id), NotFoundError, 'another environment');
    await assert.rejects(partner(fixture.tenantA).users.signOut('no such id!'), ValidationError);
    const before = (await renew(fixture.tenantA, laptop.refreshToken));
    assert.equal(before.status, 200, 'nothing ended yet');
    const laptopNext = (await before.json()) as { refreshToken: string };

    const sessions = async () => (await fixture.db.owner`SELECT count(*)::int AS n FROM auth_sessions WHERE user_id = ${roamer.id}`)[0]!.n as number;
    const sessionsBefore = await sessions();
    assert.ok(sessionsBefore >= 2, 'the sign-up\'s session and the sign-in\'s at least');
    const signedOut = await partner(fixture.tenantA).users.signOut(roamer.id);
    assert.deepEqual(signedOut, { userId: roamer.id, sessionsEnded: sessionsBefore, signInsRevoked: 2 }, 'every session; the phone\'s and the laptop\'s sign-ins');
    assert.equal(await sessions(), 0);
    assert.equal(await (await getSession()).json(), null, 'the session ended');
    for (const refreshToken of [phone.refreshToken, laptopNext.refreshToken]) {
      const renewal = await renew(fixture.tenantA, refreshToken);
      assert.equal(renewal.status, 401);
      assert.equal((await renewal.json()).error.code, 'INVALID_REFRESH_TOKEN');
    }
    const trail = await readAuditRows(fixture.db.owner, { tenantId: fixture.tenantA.tenant.id, environment: 'live' }, 0, 10_000);
    const recorded = trail.filter((row) => row.outcome === 'signed_out_everywhere');
    assert.deepEqual(recorded.map((row) => row.accountId), [roamer.id]);
    assert.equal((await signIn(fixture.tenantA, 'roamer@portal-a.example')).status, 200, 'the account still signs in');
    assert.equal((await partner(fixture.tenantA).users.list()).data.find((user) => user.id === roamer.id)?.disabled, false);
    const again = await partner(fixture.tenantA).users.signOut(roamer.id);
    assert.deepEqual(again, { userId: roamer.id, sessionsEnded: 1, signInsRevoked: 0 }, 'only what was signed in since');

    // The partner script of examples/node-sdk, against this API.
    const { refreshToken } = await frameTokens(fixture.tenantA, 'roamer@portal-a.example');
    const example = (emailOrId: string) => promisify(execFile)(process.execPath, ['--conditions=source', '--import', import.meta.resolve('tsx'), EXAMPLE, emailOrId], {
      env: { ...process.env, PORTTASK_API_URL: server.url, PORTTASK_SECRET_KEY: fixture.tenantA.secretKey },
    });
    const { stdout } = await example('Roamer@portal-a.example');
    assert.match(stdout, /signed out everywhere: 1 sign-ins of the login and \d+ sessions ended/);
    assert.equal((await renew(fixture.tenantA, refreshToken)).status, 401);
    await assert.rejects(example('nobody@portal-a.example'), (error: { code?: number; stderr?: string }) => error.code === 1 && /No account/.test(error.stderr ?? ''));
  });

  it('porttask users list|role|disable work from the command line', async () => {
    const env = { DATABASE_URL: fixture.db.url, PORTTASK_MASTER_KEY: fixture.masterKey.toString('base64') };
    const listed = await runCli(['users', 'list', '--tenant', fixture.tenantB.tenant.id, '--json'], env);
    assert.equal(listed.code, 0, listed.stderr);
    const [other] = JSON.parse(listed.stdout);
    const signedIn = await frameTokens(fixture.tenantB, 'other@portal-b.example');
    assert.equal((await runCli(['users', 'sign-out', '--tenant', fixture.tenantA.tenant.id, '--user', other.id], env)).code, 2, 'B\'s account is not in A');
    const signedOut = await runCli(['users', 'sign-out', '--tenant', fixture.tenantB.tenant.id, '--user', other.id, '--json'], env);
    assert.equal(signedOut.code, 0, signedOut.stderr);
    assert.equal(JSON.parse(signedOut.stdout).signInsRevoked, 1);
    assert.equal((await renew(fixture.tenantB, signedIn.refreshToken)).status, 401, 'porttask users sign-out ends the sign-in');
    const trailB = await readAuditRows(fixture.db.owner, { tenantId: fixture.tenantB.tenant.id, environment: 'live' }, 0, 10_000);
    assert.equal(trailB.at(-1)?.outcome, 'signed_out_everywhere');
    const { refreshToken } = await frameTokens(fixture.tenantB, 'other@portal-b.example');
    const promoted = await runCli(['users', 'role', '--tenant', fixture.tenantB.tenant.id, '--user', other.id, '--role', 'admin', '--json'], env);
    assert.equal(JSON.parse(promoted.stdout).role, 'admin');
    assert.equal((await runCli(['users', 'role', '--tenant', fixture.tenantB.tenant.id, '--user', other.id, '--role', 'king'], env)).code, 2);
    const missing = await runCli(['users', 'disable', '--tenant', fixture.tenantA.tenant.id, '--user', other.id], env);
    assert.equal(missing.code, 2, 'B\'s account is not in A');
    const disabled = await runCli(['users', 'disable', '--tenant', fixture.tenantB.tenant.id, '--user', other.id], env);
    assert.equal(disabled.code, 0, disabled.stderr);
    assert.equal((await renew(fixture.tenantB, refreshToken)).status, 401, 'the CLI ends the refresh tokens too');
  });
});
