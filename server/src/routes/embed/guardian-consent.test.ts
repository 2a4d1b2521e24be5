import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { expireGuardianRequests } from '../../accounts/guardian/guardian-jobs.ts';
import { GUARDIAN_MAILS_PER_DAY } from '../../accounts/guardian/guardian-consents.ts';
import { createAccountMailFixture, FRAME_ORIGIN, type AccountMailFixture } from '../../testing/account-mail-fixture.ts';
import type { TestTenant } from '../../testing/app-fixture.ts';
import { assertRateLimited } from '../../testing/rate-limited.ts';
import { eraseAccountOf } from '../../rights/fulfilment/account-erasure.ts';
import { SigningKeys } from '../../accounts/tokens/signing-keys.ts';
import { TokenService } from '../../accounts/tokens/token-service.ts';
import { gatherAccountTables } from '../../rights/export/account-contents.ts';

/*
 * Minors' accounts: sign-up below the age through the login frame → pending account (no
 * session, no token) → the guardian's mail (real SMTP) → the consent page → consent, refusal
 * or 14 days without an answer.
 */
let accounts: AccountMailFixture;
before(async () => { accounts = await createAccountMailFixture(); });
after(async () => { await accounts.close(); });

const PASSWORD = 'tugboat-lantern-quinoa-47';
const acceptance = (extra: Record<string, unknown>) => ({ acceptedPolicyVersion: null, acceptedTermsVersion: null, locale: 'en', confirmedMinimumAge: false, ...extra });
const signUpMinor = (tenant: TestTenant, email: string, guardianEmail: string | undefined, locale = 'en') =>
  accounts.fromFrame(tenant, '/sign-up', { email, password: PASSWORD, name: 'Young Sailor', acceptance: acceptance({ locale, ...(guardianEmail ? { guardianEmail } : {}) }) });
const accountRow = async (tenant: TestTenant, email: string) =>
  (await accounts.fixture.db.owner<{ id: string; guardian_consent: string | null }[]>`
    SELECT id, guardian_consent FROM auth_users WHERE tenant_id = ${tenant.tenant.id} AND environment = 'live' AND email = ${email}`)[0];
const consentRecords = async (userId: string) =>
  await accounts.fixture.db.owner<{ decision: string; statement_hash: Buffer | null; guardian_name_sealed: Buffer | null; subject_key_id: string | null }[]>`
    SELECT decision, statement_hash, guardian_name_sealed, subject_key_id FROM guardian_consents WHERE user_id = ${userId} ORDER BY decided_at`;

function guardianLinkIn(text: string): URL {
  const match = /https?:\/\/\S+\/embed\/guardian-consent\?\S+/.exec(text);
  assert.ok(match, `no guardian link in: ${text}`);
  return new URL(match[0]);
}
const page = (link: URL) => accounts.app.request(`${link.pathname}${link.search}`);
async function answer(link: URL, fields: Record<string, string>, origin: string | null = FRAME_ORIGIN): Promise<Response> {
  const form = new URLSearchParams({ tenant: link.searchParams.get('tenant')!, environment: link.searchParams.get('environment')!, token: link.searchParams.get('token')!, locale: link.searchParams.get('locale') ?? 'en', ...fields });
  return await accounts.app.request('/embed/guardian-consent', {
    method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'User-Agent': 'GuardianTest/1', ...(origin ? { Origin: origin } : {}) }, body: form.toString(),
  });
}
const consent = (link: URL) => answer(link, { decision: 'consent', declared: 'on', guardianName: 'Karen Havn' });

describe('guardian consent for a minor\'s account', () => {
  it('asks for a guardian\'s email below the age (422, nothing stored) and refuses the account\'s own address', async () => {
    const { tenantA } = accounts.fixture;
    const missing = await signUpMinor(tenantA, 'noah@portal-a.example', undefined);
    assert.equal(missing.status, 422);
    assert.equal(((await missing.json()) as { error: { code: string } }).error.code, 'GUARDIAN_EMAIL_REQUIRED');
    const same = await signUpMinor(tenantA, 'noah@portal-a.example', 'Noah@Portal-A.example');
    assert.equal(same.status, 422);
    const body = (await same.json()) as { error: { code: string; issues: { path: unknown[] }[] } };
    assert.equal(body.error.code, 'VALIDATION_FAILED');
    assert.deepEqual(body.error.issues.map((issue) => issue.path.slice(-2)), [['acceptance', 'guardianEmail']]);
    assert.equal(await accountRow(tenantA, 'noah@portal-a.example'), undefined, 'nothing stored');
  });

  it('keeps the account unusable until the guardian consents: no session, no token; then it signs in', async () => {
    const { tenantA } = accounts.fixture;
    const signedUp = await signUpMinor(tenantA, 'ida@portal-a.example', 'karen@family.example', 'da');
    assert.equal(signedUp.status, 202, await signedUp.clone().text());
    assert.deepEqual(await signedUp.json(), { status: 'guardian_consent_pending' });
    const account = await accountRow(tenantA, 'ida@portal-a.example');
    assert.equal(account?.guardian_consent, 'pending');

    const pending = await accounts.fromFrame(tenantA, '/sign-in', { email: 'ida@portal-a.example', password: PASSWORD });
    assert.equal(pending.status, 403);
    assert.equal(((await pending.json()) as { error: { code: string } }).error.code, 'GUARDIAN_CONSENT_PENDING');
    const wrong = await accounts.fromFrame(tenantA, '/sign-in', { email: 'ida@portal-a.example', password: 'not-the-password-9' });
    assert.equal(wrong.status, 401, 'a wrong password gets the usual answer');
    assert.equal(((await wrong.json()) as { error: { code: string } }).error.code, 'INVALID_EMAIL_OR_PASSWORD');
    // better-auth's own endpoint refuses the session too, and sets no cookie.
    const direct = await accounts.app.request('/api/auth/sign-in/email', {
      method: 'POST', headers: { 'X-PortTask-Key': tenantA.publishableKey, Origin: tenantA.origin, 'Content-Type': 'application/json' },
      body: JSON.stringify({ email: 'ida@portal-a.example', password: PASSWORD }),
    });
    assert.equal(direct.status, 403);
    assert.equal(direct.headers.get('set-cookie'), null);
    const [held] = await accounts.fixture.db.owner<{ sessions: number; tokens: number }[]>`
      SELECT (SELECT count(*)::int FROM auth_sessions WHERE user_id = ${account!.id}) AS sessions,
             (SELECT count(*)::int FROM auth_refresh_tokens WHERE user_id = ${account!.id}) AS tokens`;
    assert.deepEqual({ ...held }, { sessions: 0, tokens: 0 }, 'no session and no refresh token exist');
    const outcomes = await accounts.outcomes(tenantA);
    assert.ok(outcomes.includes('sign_up'));
    assert.equal(outcomes.filter((outcome) => outcome === 'guardian_consent_pending').length, 2);

    const users = await accounts.app.request('/v1/users', { headers: { Authorization: `Bearer ${tenantA.secretKey}` } });
    const listed = ((await users.json()) as { data: { email: string; guardianConsent: string | null }[] }).data.find((user) => user.email === 'ida@portal-a.example');
    assert.equal(listed?.guardianConsent, 'pending', 'the staff list shows the state');

    const mail = await accounts.inbox.waitForMail('karen@family.example', /guardian-consent/);
    assert.match(mail.subject, /samtykke/i, 'in the language of the sign-up');
    assert.match(mail.text, /i••@portal-a\.example/, 'the child\'s address, masked');
    const link = guardianLinkIn(mail.text);
    const shown = await page(link);
    assert.equal(shown.status, 200);
    const csp = shown.headers.get('content-security-policy') ?? '';
    assert.match(csp, /default-src 'none'/);
    assert.doesNotMatch(csp, /script-src/);
    assert.match(csp, /frame-ancestors 'none'/);
    const html = await shown.text();
    assert.doesNotMatch(html, /<script/);
    assert.match(html, /<html lang="da">/);
    assert.ok(html.includes(tenantA.tenant.name), 'names the tenant');
    assert.ok(html.includes(tenantA.origin), 'names the site');
    assert.doesNotMatch(html, /ida@portal-a/, 'the child\'s address only masked');

    assert.equal((await answer(link, { decision: 'consent', guardianName: 'Karen Havn' })).status, 422, 'the declaration is needed');
    assert.equal((await answer(link, { decision: 'consent', declared: 'on', guardianName: '  ' })).status, 422, 'a name is needed');
    assert.equal((await answer(link, { decision: 'consent', declared: 'on', guardianName: 'Karen Havn' }, 'https://evil.example')).status, 400, 'only a form of the API origin');

    const given = await consent(link);
    assert.equal(given.status, 200, await given.clone().text());
    assert.match(await given.text(), /Dit samtykke er registreret/);
    assert.equal((await accountRow(tenantA, 'ida@portal-a.example'))?.guardian_consent, 'given');
    const [record] = await consentRecords(account!.id);
    assert.equal(record?.decision, 'given');
    assert.equal(record?.statement_hash?.length, 32);
    assert.ok(record?.guardian_name_sealed && !record.guardian_name_sealed.toString('latin1').includes('Karen'), 'the name is sealed');
    const signedIn = await accounts.signIn(tenantA, 'ida@portal-a.example', PASSWORD);
    assert.equal(signedIn.status, 200, 'usable after consent');
    assert.equal((await consent(link)).status, 400, 'the link works once');
    assert.equal((await page(link)).status, 400);
    assert.ok((await accounts.outcomes(tenantA)).includes('guardian_consent_given'));
  });

  it('through /api/auth too: 202, no cookie, the guardian mailed; the token service issues nothing to a pending account', async () => {
    const { tenantA } = accounts.fixture;
    const signedUp = await accounts.app.request('/api/auth/sign-up/email', {
      method: 'POST', headers: { 'X-PortTask-Key': tenantA.publishableKey, Origin: tenantA.origin, 'Content-Type': 'application/json' },
      body: JSON.stringify({ email: 'theo@portal-a.example', password: PASSWORD, name: 'Theo', acceptance: acceptance({ guardianEmail: 'rita@family.example' }) }),
    });
    assert.equal(signedUp.status, 202, await signedUp.clone().text());
    assert.deepEqual(await signedUp.json(), { status: 'guardian_consent_pending' });
    assert.equal(signedUp.headers.get('set-cookie'), null);
    await accounts.inbox.waitForMail('rita@family.example', /guardian-consent/);
    const account = await accountRow(tenantA, 'theo@portal-a.example');
    assert.equal(account?.guardian_consent, 'pending');
    const tokens = new TokenService(accounts.fixture.db.sql, new SigningKeys(accounts.fixture.db.sql, accounts.fixture.masterKey), undefined as never, 'http://localhost');
    await assert.rejects(
      tokens.issue(accounts.fixture.db.sql, { tenantId: tenantA.tenant.id, environment: 'live' }, account!.id, { apiKeyId: 'key', origin: tenantA.origin, publishableKey: tenantA.publishableKey }),
      (error: { status?: number }) => error.status === 401,
    );
  });

  it('refuses another tenant\'s, another environment\'s and an altered link', async () => {
    const { tenantA, tenantB } = accounts.fixture;
    assert.equal((await signUpMinor(tenantA, 'oskar@portal-a.example', 'lene@family.example')).status, 202);
    const link = guardianLinkIn((await accounts.inbox.waitForMail('lene@family.example', /guardian-consent/)).text);
    const inB = new URL(link);
    inB.searchParams.set('tenant', tenantB.tenant.id);
    const inTest = new URL(link);
    inTest.searchParams.set('environment', 'test');
    const altered = new URL(link);
    altered.searchParams.set('token', `${link.searchParams.get('token')!.slice(0, -2)}AA`);
    for (const wrong of [inB, inTest, altered]) {
      assert.equal((await page(wrong)).status, 400, wrong.search);
      assert.equal((await consent(wrong)).status, 400, wrong.search);
    }
    assert.equal((await accountRow(tenantA, 'oskar@portal-a.example'))?.guardian_consent, 'pending');
  });

  it('erases the account when the guardian refuses; the record says refused and its personal parts no longer open', async () => {
    const { tenantA } = accounts.fixture;
    assert.equal((await signUpMinor(tenantA, 'ella@portal-a.example', 'mads@family.example')).status, 202);
    const account = await accountRow(tenantA, 'ella@portal-a.example');
    const link = guardianLinkIn((await accounts.inbox.waitForMail('mads@family.example', /guardian-consent/)).text);
    const refused = await answer(link, { decision: 'refuse', declared: 'on', guardianName: 'Mads Holm' });
    assert.equal(refused.status, 200);
    assert.equal(await accountRow(tenantA, 'ella@portal-a.example'), undefined, 'the account is erased');
    const [record] = await consentRecords(account!.id);
    assert.equal(record?.decision, 'refused');
    const [key] = await accounts.fixture.db.owner<{ shredded: boolean }[]>`SELECT wrapped_key IS NULL AS shredded FROM subject_keys WHERE id = ${record!.subject_key_id}`;
    assert.equal(key?.shredded, true, 'the child\'s key is shredded with the account');
    assert.equal((await accounts.signIn(tenantA, 'ella@portal-a.example', PASSWORD)).status, 401);
    assert.ok((await accounts.outcomes(tenantA)).includes('guardian_consent_refused'));
  });

  it('erases an account nobody answered for within 14 days (the daily job)', async () => {
    const { tenantA } = accounts.fixture;
    assert.equal((await signUpMinor(tenantA, 'liv@portal-a.example', 'sofie@family.example')).status, 202);
    const account = await accountRow(tenantA, 'liv@portal-a.example');
    // Before the erasure: the mail is sealed under the child's key and is shredded with it.
    const link = guardianLinkIn((await accounts.inbox.waitForMail('sofie@family.example', /guardian-consent/)).text);
    const { encryption } = accounts.mail.rights;
    assert.equal(await expireGuardianRequests(accounts.fixture.db.sql, encryption), 0, 'not yet');
    await accounts.fixture.db.owner`UPDATE auth_users SET created_at = now() - interval '14 days 1 minute' WHERE id = ${account!.id}`;
    assert.equal(await expireGuardianRequests(accounts.fixture.db.sql, encryption), 1);
    assert.equal(await accountRow(tenantA, 'liv@portal-a.example'), undefined);
    assert.deepEqual((await consentRecords(account!.id)).map((record) => record.decision), ['expired']);
    assert.equal((await page(link)).status, 400, 'the link died with the account');
  });

  it('sends the guardian mail again for the right password only, a limited number of times; the old link stops working', async () => {
    const { tenantA } = accounts.fixture;
    assert.equal((await signUpMinor(tenantA, 'emil@portal-a.example', 'jens@family.example')).status, 202);
    const first = guardianLinkIn((await accounts.inbox.waitForMail('jens@family.example', /guardian-consent/)).text);
    const resend = (password: string) => accounts.fromFrame(tenantA, '/guardian-mail', { email: 'emil@portal-a.example', password });
    assert.equal((await resend('not-the-password-9')).status, 401);
    const sentBefore = accounts.inbox.received.length;
    for (let sent = 0; sent < GUARDIAN_MAILS_PER_DAY; sent += 1) assert.equal((await resend(PASSWORD)).status, 202);
    await assertRateLimited(await resend(PASSWORD), 'guardian-mail', { preflight: true }); // same-origin: no CORS exposure
    const latest = await accounts.inbox.waitForMail('jens@family.example', /guardian-consent/, { after: sentBefore + GUARDIAN_MAILS_PER_DAY - 1 });
    assert.equal((await page(first)).status, 400, 'a new mail replaces the old link');
    assert.equal((await consent(guardianLinkIn(latest.text))).status, 200);
  });

  it('an access bundle holds the guardian\'s answer; a deletion request shreds its personal parts and keeps the proof', async () => {
    const { tenantA } = accounts.fixture;
    const scope = { tenantId: tenantA.tenant.id, environment: 'live' as const };
    const { encryption } = accounts.mail.rights;
    assert.equal((await signUpMinor(tenantA, 'vera@portal-a.example', 'tove@family.example')).status, 202);
    const account = await accountRow(tenantA, 'vera@portal-a.example');
    assert.equal((await consent(guardianLinkIn((await accounts.inbox.waitForMail('tove@family.example', /guardian-consent/)).text))).status, 200);
    const tables = await gatherAccountTables(accounts.fixture.db.sql, encryption, scope, 'vera@portal-a.example');
    const guardian = tables.find((table) => table.name === 'account-guardian-consents');
    assert.deepEqual(guardian?.rows.map((row) => ({ decision: row.decision, name: row.guardianName, email: row.guardianEmail })), [{ decision: 'given', name: 'Karen Havn', email: 'tove@family.example' }]);

    await accounts.fixture.db.sql.begin((sql) => eraseAccountOf(sql, encryption, scope, 'vera@portal-a.example'));
    const [record] = await consentRecords(account!.id);
    assert.equal(record?.decision, 'given', 'the proof stays');
    const opened = await encryption.openSubjects(accounts.fixture.db.sql, scope, [record!.subject_key_id!]);
    assert.equal(opened.get(record!.subject_key_id!), null, 'the guardian\'s name and email no longer open');
  });

  it('the date-of-birth gate: below the age the account waits for a guardian; an adult signs up as before', async () => {
    const { tenantB } = accounts.fixture;
    const put = await accounts.app.request('/v1/sign-up-settings', {
      method: 'PUT', headers: { Authorization: `Bearer ${tenantB.secretKey}`, 'Content-Type': 'application/json' }, body: JSON.stringify({ ageGate: 'date_of_birth' }),
    });
    assert.equal(put.status, 200, await put.clone().text());
    const fifteen = `${new Date().getUTCFullYear() - 15}-01-01`;
    const child = await accounts.fromFrame(tenantB, '/sign-up', { email: 'moa@portal-b.example', password: PASSWORD, name: 'Moa', acceptance: { acceptedPolicyVersion: null, acceptedTermsVersion: null, locale: 'de', dateOfBirth: fifteen, guardianEmail: 'ulla@family.example' } });
    assert.equal(child.status, 202, await child.clone().text());
    assert.equal((await accountRow(tenantB, 'moa@portal-b.example'))?.guardian_consent, 'pending');
    const mail = await accounts.inbox.waitForMail('ulla@family.example', /guardian-consent/);
    assert.match(mail.subject, /Zustimmung/);
    const adult = await accounts.fromFrame(tenantB, '/sign-up', { email: 'jon@portal-b.example', password: PASSWORD, name: 'Jon', acceptance: { acceptedPolicyVersion: null, acceptedTermsVersion: null, locale: 'de', dateOfBirth: '1990-06-15', guardianEmail: 'ignored@family.example' } });
    assert.equal(adult.status, 200, 'an adult\'s guardian address is not used');
    assert.equal((await accountRow(tenantB, 'jon@portal-b.example'))?.guardian_consent, null);
  });

  it('refuses below the age with 403 UNDER_AGE when the tenant turned guardian consent off', async () => {
    const { tenantB } = accounts.fixture;
    const put = await accounts.app.request('/v1/sign-up-settings', {
      method: 'PUT', headers: { Authorization: `Bearer ${tenantB.secretKey}`, 'Content-Type': 'application/json' }, body: JSON.stringify({ guardianConsent: false }),
    });
    assert.equal(put.status, 200, await put.clone().text());
    assert.equal(((await put.json()) as { guardianConsent: boolean }).guardianConsent, false);
    const refused = await signUpMinor(tenantB, 'alma@portal-b.example', 'per@family.example');
    assert.equal(refused.status, 403);
    assert.equal(((await refused.json()) as { error: { code: string } }).error.code, 'UNDER_AGE');
    assert.equal(await accountRow(tenantB, 'alma@portal-b.example'), undefined);
  });
});
