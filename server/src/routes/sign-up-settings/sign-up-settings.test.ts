import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createClient, ValidationError } from '@porttask/sdk';
import { listen, type Listening } from '../../runtime/listen.ts';
import { createAppFixture, type AppFixture, type TestTenant } from '../../testing/app-fixture.ts';
import { runCli } from '../../testing/cli-process.ts';

let fixture: AppFixture;
let server: Listening;
before(async () => {
  fixture = await createAppFixture();
  server = await listen(fixture.app.fetch, { port: 0, host: '127.0.0.1' });
});
after(async () => {
  await server.close(1_000);
  await fixture.close();
});

const asPartner = (tenant: TestTenant, key = tenant.secretKey) => createClient({ apiUrl: server.url, secretKey: key });
const put = (tenant: TestTenant, body: unknown, key = tenant.secretKey) => fixture.request('/v1/sign-up-settings', {
  method: 'PUT', headers: { Authorization: `Bearer ${key}`, 'Content-Type': 'application/json' }, body: JSON.stringify(body),
});
function signUp(tenant: TestTenant, email: string, acceptance: Record<string, unknown>) {
  return fixture.request('/embed/login/sign-up', {
    method: 'POST',
    headers: { Origin: 'http://localhost', 'X-PortTask-Key': tenant.publishableKey, 'X-PortTask-Parent-Origin': tenant.origin, 'Content-Type': 'application/json' },
    body: JSON.stringify({ email, password: 'tugboat-lantern-quinoa-47', name: 'Ida Havn', acceptance: { acceptedPolicyVersion: null, acceptedTermsVersion: null, locale: 'en', ...acceptance } }),
  });
}
const accountsNamed = async (email: string) => (await fixture.db.owner`SELECT count(*)::int AS n FROM auth_users WHERE email = ${email}`)[0]!.n as number;

describe('/v1/sign-up-settings, client.signUpSettings and porttask accounts settings', () => {
  it('answers the defaults until set: open, the policy asked, no terms, "at least 18"', async () => {
    const settings = await asPartner(fixture.tenantA).signUpSettings.get();
    assert.deepEqual(settings, {
      environment: 'live', signUpOpen: true, requirePrivacyPolicy: true, privacyPolicyVersion: null, terms: null,
      ageGate: 'self_declaration', guardianConsent: true, agesOfDigitalConsent: null, minimumAge: 18, jurisdictions: ['gdpr'],
    });
  });

  it('a member state\'s age of digital consent lowers the gate to it; the frame asks it and the acceptance records it', async () => {
    const settings = await asPartner(fixture.tenantA).signUpSettings.update({ agesOfDigitalConsent: { gdpr: 15 }, terms: { version: 'T-3', url: 'https://portal-a.example/terms' } });
    assert.deepEqual({ ages: settings.agesOfDigitalConsent, minimumAge: settings.minimumAge, terms: settings.terms }, { ages: { gdpr: 15 }, minimumAge: 15, terms: { version: 'T-3', url: 'https://portal-a.example/terms' } });
    const page = await (await fixture.request(`/embed/login?key=${fixture.tenantA.publishableKey}&origin=${encodeURIComponent(fixture.tenantA.origin)}&mode=sign-up`)).text();
    assert.ok(page.includes('I am at least 15 years old.'), 'the frame asks the new age');
    const response = await signUp(fixture.tenantA, 'fifteen@portal-a.example', { acceptedTermsVersion: 'T-3', confirmedMinimumAge: true });
    assert.equal(response.status, 200, await response.clone().text());
    const [record] = await fixture.db.owner`SELECT a.minimum_age, a.terms_version FROM account_acceptances a JOIN auth_users u ON u.id = a.user_id WHERE u.email = 'fifteen@portal-a.example'`;
    assert.deepEqual({ ...record }, { minimum_age: 15, terms_version: 'T-3' });
    // Defaults for a law left out; the highest of the tenant's laws is what the gate asks.
    await fixture.db.owner`UPDATE tenants SET jurisdictions = '{gdpr,dpdp}' WHERE id = ${fixture.tenantA.tenant.id}`;
    try {
      const both = await asPartner(fixture.tenantA).signUpSettings.get();
      assert.deepEqual({ ages: both.agesOfDigitalConsent, minimumAge: both.minimumAge }, { ages: { gdpr: 15, dpdp: 18 }, minimumAge: 18 });
    } finally {
      await fixture.db.owner`UPDATE tenants SET jurisdictions = '{gdpr}' WHERE id = ${fixture.tenantA.tenant.id}`;
    }
  });

  it('an age outside its law\'s range is 422 naming the law, and nothing is written', async () => {
    const before = await asPartner(fixture.tenantB).signUpSettings.get();
    for (const [ages, law] of [[{ dpdp: 16 }, 'dpdp'], [{ gdpr: 12 }, 'gdpr'], [{ gdpr: 17 }, 'gdpr'], [{ uk_gdpr: 16 }, 'uk_gdpr']] as const) {
      const response = await put(fixture.tenantB, { agesOfDigitalConsent: ages });
      assert.equal(response.status, 422, JSON.stringify(ages));
      const { error } = await response.json();
      assert.equal(error.code, 'VALIDATION_FAILED');
      assert.deepEqual(error.issues[0].path, ['body', 'agesOfDigitalConsent', law]);
    }
    await assert.rejects(asPartner(fixture.tenantB).signUpSettings.update({ agesOfDigitalConsent: { dpdp: 17 } }), ValidationError);
    assert.deepEqual(await asPartner(fixture.tenantB).signUpSettings.get(), before);
    // Bounded: an unknown law or field, a long terms version, a non-web URL.
    for (const body of [{ agesOfDigitalConsent: { coppa: 13 } }, { open: false }, { terms: { version: 'v'.repeat(65), url: 'https://b.example/t' } }, { terms: { version: 'T', url: 'javascript:alert(1)' } }]) {
      assert.equal((await put(fixture.tenantB, body)).status, 422, JSON.stringify(body));
    }
  });

  it('closed: sign-up is 403 SIGN_UP_CLOSED and stores nothing; per environment, and never another tenant\'s', async () => {
    const closed = await asPartner(fixture.tenantB).signUpSettings.update({ signUpOpen: false, agesOfDigitalConsent: { dpdp: 18 } });
    assert.equal(closed.signUpOpen, false);
    const refused = await signUp(fixture.tenantB, 'nobody@portal-b.example', { confirmedMinimumAge: true });
    assert.equal(refused.status, 403);
    assert.equal((await refused.json()).error.code, 'SIGN_UP_CLOSED');
    assert.equal(await accountsNamed('nobody@portal-b.example'), 0);
    const frame = await (await fixture.request(`/embed/login?key=${fixture.tenantB.publishableKey}&origin=${encodeURIComponent(fixture.tenantB.origin)}&mode=sign-up`)).text();
    assert.match(frame, /data-mode="sign-in"/, 'the frame opens on sign-in');
    assert.ok(!frame.includes('data-show="sign-up"'), 'and offers no way to sign up');
    assert.equal((await asPartner(fixture.tenantB, fixture.tenantB.testSecretKey).signUpSettings.get()).signUpOpen, true, 'the test environment is its own');
    assert.equal((await asPartner(fixture.tenantA).signUpSettings.get()).signUpOpen, true, 'tenant A is untouched');
    await asPartner(fixture.tenantB).signUpSettings.update({});
  });

  it('the privacy policy can be left out of what a sign-up accepts', async () => {
    await fixture.db.owner`UPDATE tenants SET policy_version = '2026-05-01', policy_url = 'https://portal-b.example/privacy', policy_last_updated = '2026-05-01' WHERE id = ${fixture.tenantB.tenant.id}`;
    assert.equal((await asPartner(fixture.tenantB).signUpSettings.get()).privacyPolicyVersion, '2026-05-01');
    assert.equal((await signUp(fixture.tenantB, 'no.policy@portal-b.example', { confirmedMinimumAge: true })).status, 422, 'the policy is asked by default');
    await asPartner(fixture.tenantB).signUpSettings.update({ requirePrivacyPolicy: false });
    const response = await signUp(fixture.tenantB, 'no.policy@portal-b.example', { confirmedMinimumAge: true });
    assert.equal(response.status, 200, await response.clone().text());
  });

  it('porttask accounts settings show|set: partial changes, the same range checks', async () => {
    const env = { DATABASE_URL: fixture.db.url };
    const tenant = fixture.tenantB.tenant.id;
    const set = await runCli(['accounts', 'settings', 'set', '--tenant', tenant, '--closed', '--age', 'dpdp=18', '--terms-version', 'T-9', '--terms-url', 'https://portal-b.example/terms', '--json'], env);
    assert.equal(set.code, 0, set.stderr);
    const settings = JSON.parse(set.stdout);
    assert.deepEqual({ open: settings.signUpOpen, policy: settings.requirePrivacyPolicy, ages: settings.agesOfDigitalConsent, terms: settings.terms.version }, { open: false, policy: false, ages: { dpdp: 18 }, terms: 'T-9' });
    const shown = await runCli(['accounts', 'settings', 'show', '--tenant', tenant], env);
    assert.match(shown.stdout, /sign-up: +closed[\s\S]*digital consent: dpdp 18[\s\S]*at least 18/);
    const wrong = await runCli(['accounts', 'settings', 'set', '--tenant', tenant, '--age', 'dpdp=16'], env);
    assert.equal(wrong.code, 2);
    assert.match(wrong.stderr, /dpdp must be 18/);
    assert.equal((await runCli(['accounts', 'settings', 'set', '--tenant', tenant, '--open'], env)).code, 0);
    assert.equal((await asPartner(fixture.tenantB).signUpSettings.get()).signUpOpen, true);
    const off = await runCli(['accounts', 'settings', 'set', '--tenant', tenant, '--guardian-consent', 'off'], env);
    assert.equal(off.code, 0, off.stderr);
    assert.match(off.stdout, /below the age: +sign-up refused/);
    assert.equal((await asPartner(fixture.tenantB).signUpSettings.get()).guardianConsent, false);
    assert.equal((await asPartner(fixture.tenantB).signUpSettings.update({ guardianConsent: true })).guardianConsent, true, 'through the SDK');
    assert.equal((await runCli(['accounts', 'settings', 'set', '--tenant', tenant, '--guardian-consent', 'maybe'], env)).code, 2);
  });
});
