import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { strFromU8, unzipSync } from 'fflate';
import { createLogger } from '../../logger.ts';
import { AuditKeys } from '../../login-audit/audit-keys.ts';
import { verifyChain } from '../../login-audit/chain-maintenance.ts';
import { subjectEmailSealer } from '../../login-audit/subject-email-sealer.ts';
import { mailPlace } from '../../mail/mail-outbox.ts';
import { startExportWorker } from '../../rights/export/export-worker.ts';
import type { DataScope } from '../../tenants/data-scope.ts';
import type { TestTenant } from '../../testing/app-fixture.ts';
import { createRightsFixture, visitorHeaders, type RightsFixture } from '../../testing/rights-fixture.ts';
import { waitFor } from '../../testing/wait-for.ts';

/*
 * A person with an account on the partner's embedded sign-in (better-auth, per tenant
 * environment) makes privacy requests with the same address: an access request's bundle holds
 * the account, its sign-up acceptance and its login audit entries (nobody else's); a deletion
 * request deletes the account with its sessions, login methods and refresh tokens, keeps the
 * acceptance as proof without IP and browser, and shreds the address in the login audit trail,
 * whose chain still verifies. Another tenant's account of the same address is untouched.
 */
let rights: RightsFixture;
const PASSWORD = 'tugboat-lantern-quinoa-47';
const owner = () => rights.fixture.db.owner;
const scopeOf = (tenant: TestTenant): DataScope => ({ tenantId: tenant.tenant.id, environment: 'live' });

before(async () => {
  rights = await createRightsFixture();
  await startExportWorker({ sql: rights.fixture.db.sql, jobs: rights.jobs, encryption: rights.encryption, logger: createLogger('silent'), pollingIntervalSeconds: 0.5 });
});
after(() => rights.close());

const loginHeaders = (tenant: TestTenant) => ({
  Origin: 'http://localhost', 'X-PortTask-Key': tenant.publishableKey, 'X-PortTask-Parent-Origin': tenant.origin, 'Content-Type': 'application/json', 'User-Agent': 'AccountTest/1.0',
});
async function signUp(tenant: TestTenant, email: string) {
  const response = await rights.app.request('/embed/login/sign-up', {
    method: 'POST', headers: loginHeaders(tenant),
    body: JSON.stringify({ email, password: PASSWORD, name: 'Ida Havn', acceptance: { acceptedPolicyVersion: null, acceptedTermsVersion: null, locale: 'en', confirmedMinimumAge: true } }),
  });
  assert.equal(response.status, 200, await response.clone().text());
  const [user] = await owner()<{ id: string }[]>`SELECT id FROM auth_users WHERE tenant_id = ${tenant.tenant.id} AND environment = 'live' AND email = ${email}`;
  return user!.id;
}
async function signInWrong(tenant: TestTenant, email: string) {
  const response = await rights.app.request('/embed/login/sign-in', { method: 'POST', headers: loginHeaders(tenant), body: JSON.stringify({ email, password: 'not-the-password-1' }) });
  assert.ok(response.status >= 400 && response.status < 500, `a refused sign-in: ${response.status}`);
}
async function answer(tenant: TestTenant, type: 'access' | 'deletion', email: string) {
  const { id, requesterToken } = await rights.verifiedRequest(tenant, { type, email });
  assert.equal((await rights.staff(tenant, `/v1/rights-requests/${id}/approve`, { method: 'POST' })).response.status, 200);
  const completed = await rights.staff(tenant, `/v1/rights-requests/${id}/complete`, { method: 'POST' });
  assert.equal(completed.response.status, 200, JSON.stringify(completed.body));
  return { id, requesterToken };
}
const sealedEmailsOf = (tenant: TestTenant) => owner()<{ sequence: string; email_sealed: string | null; account_id: string | null; outcome: string; ip_address: string | null }[]>`
  SELECT sequence::text, email_sealed, account_id, outcome, host(ip_address) AS ip_address FROM login_audit_events
  WHERE tenant_id = ${tenant.tenant.id} AND environment = 'live' ORDER BY login_audit_events.sequence`;

describe('privacy requests reach the requester\'s account', () => {
  test('an access bundle holds the account, its sign-up acceptance and its login audit entries, and nobody else\'s', async () => {
    const tenant = rights.fixture.tenantA;
    const email = 'ida.access@portal-a.example';
    const userId = await signUp(tenant, email);
    await signInWrong(tenant, email);
    await signUp(tenant, 'someone.else@portal-a.example');
    await signInWrong(tenant, 'someone.else@portal-a.example');
    await signInWrong(tenant, 'nobody.here@portal-a.example');

    const { id, requesterToken } = await answer(tenant, 'access', email);
    const downloadUrl = await waitFor(async () => {
      const status = await rights.app.request(`/v1/rights-requests/${id}`, { headers: { ...visitorHeaders(tenant), 'X-PortTask-Requester-Token': requesterToken } });
      return ((await status.json()) as { downloadUrl?: string }).downloadUrl;
    }, 'the bundle');
    const url = new URL(downloadUrl);
    const response = await rights.app.request(`${url.pathname}${url.search}`, { headers: visitorHeaders(tenant) });
    assert.equal(response.status, 200);
    const files = unzipSync(new Uint8Array(await response.arrayBuffer()));
    const json = (name: string) => JSON.parse(strFromU8(files[name]!)) as Array<Record<string, unknown>>;

    const [account, ...others] = json('porttask/account.json');
    assert.equal(others.length, 0);
    assert.deepEqual({ id: account!.id, email: account!.email, name: account!.name, role: account!.role, emailVerified: account!.emailVerified },
      { id: userId, email, name: 'Ida Havn', role: 'member', emailVerified: false });
    assert.match(String(account!.createdAt), /^\d{4}-\d\d-\d\dT/);
    assert.deepEqual(json('porttask/account-sign-in-methods.json').map((method) => method.method), ['credential']);
    assert.doesNotMatch(strFromU8(files['porttask/account-sign-in-methods.json']!), /scrypt|password"/i, 'never the password hash');
    const [acceptance] = json('porttask/account-sign-up-acceptances.json');
    assert.equal(acceptance!.accountId, userId);
    assert.equal(acceptance!.locale, 'en');
    const events = json('porttask/login-events.json');
    assert.deepEqual(events.map((event) => event.outcome), ['sign_up', 'wrong_password']);
    assert.ok(events.every((event) => event.email === email && event.accountId === userId));
    const text = Object.values(files).map((file) => strFromU8(file)).join('\n');
    assert.doesNotMatch(text, /someone\.else|nobody\.here/, 'no one else\'s sign-ins');
    assert.match(strFromU8(files['README.txt']!), /porttask\/login-events\.csv \(2 rows\): the security log/);
  });

  test('a deletion deletes the account, its sessions, login methods and refresh tokens, shreds the address in the login audit (the chain still verifies), and the mail says what was kept', async () => {
    const tenant = rights.fixture.tenantA;
    const other = rights.fixture.tenantB;
    const email = 'ida.delete@portal-a.example';
    const userId = await signUp(tenant, email);
    await signInWrong(tenant, email);
    const otherUserId = await signUp(other, email);
    const neighbourId = await signUp(tenant, 'neighbour@portal-a.example');
    const sealer = subjectEmailSealer(rights.fixture.db.sql, rights.encryption);
    const before = await sealedEmailsOf(tenant);
    const mine = before.filter((row) => row.account_id === userId);
    assert.equal(mine.length, 2);
    for (const row of mine) assert.equal(await sealer.open(scopeOf(tenant), row.email_sealed!), email, 'readable before');
    const counts = async (table: string, user: string) => (await owner()`SELECT count(*)::int AS n FROM ${owner()(table)} WHERE user_id = ${user}`)[0]!.n as number;
    assert.ok((await counts('auth_sessions', userId)) + (await counts('auth_refresh_tokens', userId)) > 0, 'signed in with a session or refresh token');
    assert.equal(await counts('auth_accounts', userId), 1);

    const { id } = await answer(tenant, 'deletion', email);

    assert.equal((await owner()`SELECT 1 FROM auth_users WHERE id = ${userId}`).length, 0, 'the account is gone');
    for (const table of ['auth_sessions', 'auth_accounts', 'auth_refresh_tokens']) assert.equal(await counts(table, userId), 0, table);
    assert.equal((await owner()`SELECT 1 FROM auth_verifications WHERE value = ${userId} OR strpos(identifier, ${email}) > 0`).length, 0);
    const [kept] = await owner()<{ ip_address: string | null; user_agent: string | null; locale: string }[]>`SELECT ip_address, user_agent, locale FROM account_acceptances WHERE user_id = ${userId}`;
    assert.deepEqual(kept, { ip_address: null, user_agent: null, locale: 'en' }, 'the acceptance is kept as proof, without IP and browser');

    // The trail keeps every row, time, IP and outcome; the address no longer opens; the chain verifies.
    const afterwards = await sealedEmailsOf(tenant);
    assert.deepEqual([...afterwards.slice(0, before.length)], [...before], 'no row changed');
    for (const row of afterwards.filter((entry) => entry.account_id === userId)) assert.equal(await sealer.open(scopeOf(tenant), row.email_sealed!), null, 'shredded');
    const verified = await verifyChain(owner(), new AuditKeys(rights.fixture.masterKey), scopeOf(tenant));
    assert.equal(verified.intact, true, JSON.stringify(verified));

    // Nobody else is touched: the neighbour, and the same address at another tenant.
    assert.equal((await owner()`SELECT 1 FROM auth_users WHERE id = ${neighbourId}`).length, 1);
    assert.equal((await owner()`SELECT 1 FROM auth_users WHERE id = ${otherUserId} AND tenant_id = ${other.tenant.id}`).length, 1);
    const [otherRow] = (await sealedEmailsOf(other)).filter((row) => row.account_id === otherUserId);
    assert.equal(await sealer.open(scopeOf(other), otherRow!.email_sealed!), email);
    const neighbourRow = afterwards.find((row) => row.account_id === neighbourId);
    assert.equal(await sealer.open(scopeOf(tenant), neighbourRow!.email_sealed!), 'neighbour@portal-a.example');

    // A later sign-up with the address starts afresh, under a new key.
    const again = await signUp(tenant, email);
    assert.notEqual(again, userId);
    const [fresh] = (await sealedEmailsOf(tenant)).filter((row) => row.account_id === again);
    assert.equal(await sealer.open(scopeOf(tenant), fresh!.email_sealed!), email);

    // The farewell mail names the account and the security log in "what was kept, and why".
    const [mail] = await owner()<{ id: string; subject_key_id: string; text_body: Buffer }[]>`
      SELECT id, subject_key_id, text_body FROM mail_outbox WHERE tenant_id = ${tenant.tenant.id} AND template = 'request_erased' ORDER BY created_at DESC LIMIT 1`;
    const cipher = (await rights.encryption.openSubjects(rights.fixture.db.sql, scopeOf(tenant), [mail!.subject_key_id])).get(mail!.subject_key_id)!;
    const text = cipher.decrypt(mail!.text_body, mailPlace(mail!.id, 'text_body'));
    assert.ok(text.includes(id));
    assert.match(text, /Your account with Tenant A is deleted/);
    assert.match(text, /security log of sign-ins .* is kept .*\(GDPR Art\. 6\(1\)\(f\) and 32\)/);
  });

  test('the application role cannot delete accounts itself, only through erase_account', async () => {
    await assert.rejects(rights.fixture.db.sql`DELETE FROM auth_users`, /permission denied/);
    await assert.rejects(rights.fixture.db.sql`DELETE FROM account_acceptances`, /permission denied/);
    await assert.rejects(rights.fixture.db.sql`UPDATE account_acceptances SET ip_address = NULL`, /permission denied/);
    const [none] = await rights.fixture.db.sql<{ erased: boolean }[]>`SELECT erase_account(${rights.fixture.tenantA.tenant.id}, 'live', 'no_such_user') AS erased`;
    assert.equal(none!.erased, false);
  });
});
