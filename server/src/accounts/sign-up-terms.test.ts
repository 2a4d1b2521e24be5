import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { createAppFixture, type AppFixture, type TestTenant } from '../testing/app-fixture.ts';
import { acceptanceStatement, ageOn, ageStatement } from './sign-up-terms.ts';

let fixture: AppFixture;
before(async () => {
  fixture = await createAppFixture();
  // Tenant A: a published policy, terms of use, and "I am at least 18". Tenant B: a date of birth, 16.
  await fixture.db.owner`UPDATE tenants SET policy_version = '2026-05-01', policy_url = 'https://portal-a.example/privacy', policy_last_updated = '2026-05-01' WHERE id = ${fixture.tenantA.tenant.id}`;
  await fixture.db.owner`INSERT INTO account_sign_up_settings (tenant_id, environment, terms_version, terms_url) VALUES (${fixture.tenantA.tenant.id}, 'live', 'T-3', 'https://portal-a.example/terms')`;
  await fixture.db.owner`INSERT INTO account_sign_up_settings (tenant_id, environment, age_gate, minimum_age) VALUES (${fixture.tenantB.tenant.id}, 'live', 'date_of_birth', 16)`;
});
after(async () => { await fixture.close(); });

const PASSWORD = 'tugboat-lantern-quinoa-47';

function signUp(tenant: TestTenant, email: string, acceptance: unknown) {
  return fixture.request('/embed/login/sign-up', {
    method: 'POST',
    headers: { Origin: 'http://localhost', 'X-PortTask-Key': tenant.publishableKey, 'X-PortTask-Parent-Origin': tenant.origin, 'Content-Type': 'application/json' },
    body: JSON.stringify({ email, password: PASSWORD, name: 'Ida Havn', acceptance }),
  });
}
const accountsNamed = async (email: string) => (await fixture.db.owner`SELECT count(*)::int AS n FROM auth_users WHERE email = ${email}`)[0]!.n as number;
const acceptancesOf = (email: string) => fixture.db.owner`
  SELECT a.* FROM account_acceptances a JOIN auth_users u USING (tenant_id, environment) WHERE a.user_id = u.id AND u.email = ${email}`;

describe('sign-up acceptance and age gate', () => {
  it('records the policy and terms versions and the hash of the exact statement shown, in its language', async () => {
    const response = await signUp(fixture.tenantA, 'ida@portal-a.example', { acceptedPolicyVersion: '2026-05-01', acceptedTermsVersion: 'T-3', locale: 'da', confirmedMinimumAge: true });
    assert.equal(response.status, 200, await response.clone().text());
    const [record] = await acceptancesOf('ida@portal-a.example');
    assert.equal(record!.privacy_policy_version, '2026-05-01');
    assert.equal(record!.terms_version, 'T-3');
    assert.equal(record!.locale, 'da');
    assert.equal(record!.age_check, 'self_declaration');
    const statement = `${acceptanceStatement('da', { policy: { version: '2026-05-01', url: '' }, terms: { version: 'T-3', url: '' } })}\n${ageStatement('da', 18)}`;
    assert.equal(statement, 'Jeg accepterer privatlivspolitikken (version 2026-05-01) og brugsvilkårene (version T-3).\nJeg er mindst 18 år.');
    assert.deepEqual(record!.statement_hash, createHash('sha256').update(statement).digest());
    // The frame shows that very sentence.
    const page = await (await fixture.request(`/embed/login?key=${fixture.tenantA.publishableKey}&origin=${encodeURIComponent(fixture.tenantA.origin)}&locale=da`)).text();
    assert.ok(page.includes('Jeg accepterer privatlivspolitikken (version 2026-05-01) og brugsvilkårene (version T-3).'));
  });

  it('the record is append-only for the API\'s database role', async () => {
    await assert.rejects(fixture.db.sql`UPDATE account_acceptances SET terms_version = 'T-9'`, /permission denied/);
    await assert.rejects(fixture.db.sql`DELETE FROM account_acceptances`, /permission denied/);
  });

  it('under the age, or without confirming it, sign-up asks for a guardian\'s email (422) and stores nothing', async () => {
    const missing = await signUp(fixture.tenantA, 'young@portal-a.example', { acceptedPolicyVersion: '2026-05-01', acceptedTermsVersion: 'T-3', locale: 'en', confirmedMinimumAge: false });
    assert.equal(missing.status, 422);
    const error = (await missing.json()).error;
    assert.equal(error.code, 'GUARDIAN_EMAIL_REQUIRED');
    assert.match(error.message, /Below 18 an account needs the consent of a parent or guardian.*Nothing was stored/);
    assert.equal(await accountsNamed('young@portal-a.example'), 0);

    const today = new Date();
    const fifteen = `${today.getUTCFullYear() - 15}-01-01`;
    const child = await signUp(fixture.tenantB, 'child@portal-b.example', { acceptedPolicyVersion: null, acceptedTermsVersion: null, locale: 'en', dateOfBirth: fifteen });
    assert.equal(child.status, 422, 'the date-of-birth gate too');
    assert.equal((await child.json()).error.code, 'GUARDIAN_EMAIL_REQUIRED');
    // This app sends no mail (no job queue): a guardian cannot be asked, so the sign-up is refused.
    const noMail = await signUp(fixture.tenantB, 'child@portal-b.example', { acceptedPolicyVersion: null, acceptedTermsVersion: null, locale: 'en', dateOfBirth: fifteen, guardianEmail: 'parent@family.example' });
    assert.equal(noMail.status, 403);
    assert.equal((await noMail.json()).error.code, 'UNDER_AGE');
    assert.equal(await accountsNamed('child@portal-b.example'), 0);
    const [audited] = await fixture.db.owner`SELECT count(*)::int AS n FROM login_audit_events WHERE tenant_id = ${fixture.tenantB.tenant.id} AND outcome = 'sign_up'`;
    assert.equal(audited!.n, 0, 'not even an audit row');
  });

  it('with guardian consent turned off, under the age is refused: 403 UNDER_AGE', async () => {
    await fixture.db.owner`UPDATE account_sign_up_settings SET guardian_consent = false WHERE tenant_id = ${fixture.tenantA.tenant.id}`;
    try {
      const refused = await signUp(fixture.tenantA, 'young@portal-a.example', { acceptedPolicyVersion: '2026-05-01', acceptedTermsVersion: 'T-3', locale: 'en', confirmedMinimumAge: false });
      assert.equal(refused.status, 403);
      const error = (await refused.json()).error;
      assert.equal(error.code, 'UNDER_AGE');
      assert.match(error.message, /aged 18 or over\. Nothing was stored/);
      assert.equal(await accountsNamed('young@portal-a.example'), 0);
    } finally {
      await fixture.db.owner`UPDATE account_sign_up_settings SET guardian_consent = true WHERE tenant_id = ${fixture.tenantA.tenant.id}`;
    }
  });

  it('a date-of-birth gate lets an adult through and keeps only that the check passed', async () => {
    const birth = '1990-06-15';
    const response = await signUp(fixture.tenantB, 'adult@portal-b.example', { acceptedPolicyVersion: null, acceptedTermsVersion: null, locale: 'de', dateOfBirth: birth });
    assert.equal(response.status, 200, await response.clone().text());
    const [record] = await acceptancesOf('adult@portal-b.example');
    assert.equal(record!.age_check, 'date_of_birth');
    assert.equal(record!.minimum_age, 16);
    const [stored] = await fixture.db.owner`SELECT count(*)::int AS n FROM account_acceptances WHERE row_to_json(account_acceptances)::text LIKE '%1990%'`;
    assert.equal(stored!.n, 0, 'the date of birth is not stored');
    assert.equal(ageOn('2010-03-02', new Date('2026-03-01T12:00:00Z')), 15);
    assert.equal(ageOn('2010-03-01', new Date('2026-03-01T12:00:00Z')), 16);
  });

  it('an outdated policy version, or none at all through /api/auth, is refused', async () => {
    const outdated = await signUp(fixture.tenantA, 'late@portal-a.example', { acceptedPolicyVersion: '2026-01-01', acceptedTermsVersion: 'T-3', locale: 'en', confirmedMinimumAge: true });
    assert.equal(outdated.status, 422);
    assert.equal((await outdated.json()).error.code, 'UNKNOWN_POLICY_VERSION');
    const direct = await fixture.request('/api/auth/sign-up/email', {
      method: 'POST',
      headers: { 'X-PortTask-Key': fixture.tenantA.publishableKey, Origin: fixture.tenantA.origin, 'Content-Type': 'application/json' },
      body: JSON.stringify({ email: 'direct@portal-a.example', password: PASSWORD, name: 'Direct' }),
    });
    assert.equal(direct.status, 422);
    assert.equal((await direct.json()).error.code, 'ACCEPTANCE_REQUIRED');
    assert.equal(await accountsNamed('direct@portal-a.example'), 0);
  });
});
