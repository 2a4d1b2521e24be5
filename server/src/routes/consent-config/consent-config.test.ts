import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createAppFixture, type AppFixture, type TestTenant } from '../../testing/app-fixture.ts';
import { waitFor } from '../../testing/wait-for.ts';

let fixture: AppFixture;
before(async () => {
  fixture = await createAppFixture();
  await fixture.db.owner`UPDATE tenants SET policy_version = 'v1', policy_url = 'https://portal.example/privacy-v1', policy_last_updated = '2026-01-15'`;
});
after(async () => { await fixture.close(); });

const send = (tenant: TestTenant, method: string, path: string, body?: unknown) =>
  fixture.request(path, {
    method,
    headers: { Authorization: `Bearer ${tenant.secretKey}`, 'Content-Type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
const widgetConfig = async (tenant: TestTenant) =>
  (await fixture.request('/v1/config', { headers: { 'X-PortTask-Key': tenant.publishableKey, Origin: tenant.origin } })).json();

const CONFIG = {
  model: 'opt_in',
  honourGpc: true,
  expiryDays: 90,
  purposes: [
    { key: 'necessary', required: true, texts: { en: { name: 'Necessary' } } },
    {
      key: 'statistics', consentModeSignals: ['analytics_storage'],
      services: [{ name: 'Matomo', cookies: ['_pk_id*', '_pk_ses*'] }],
      texts: { en: { name: 'Statistics', description: 'Visits, anonymously.' }, da: { name: 'Statistik' } },
    },
  ],
  texts: { fr: { title: 'Vos choix', acceptAll: 'Tout accepter' } },
};

describe('consent configuration', () => {
  it('serves defaults by jurisdiction until the tenant configures consent: GDPR opt-in, with four purposes and 182 days', async () => {
    const config = await widgetConfig(fixture.tenantA);
    assert.equal(config.consent.configured, false);
    assert.equal(config.consent.model, 'opt_in');
    assert.equal(config.consent.expiryDays, 182);
    assert.deepEqual(config.consent.purposes.map((purpose: { key: string }) => purpose.key), ['necessary', 'functional', 'analytics', 'marketing']);
    assert.equal(config.consent.purposes[0].required, true);
    assert.deepEqual(config.policy, { version: 'v1', url: 'https://portal.example/privacy-v1', lastUpdated: '2026-01-15' });
  });

  it('replaces the configuration through the secret-key API; GET /v1/config shows it, the other tenant keeps its own', async () => {
    const saved = await send(fixture.tenantA, 'PUT', '/v1/consent-config', CONFIG);
    assert.equal(saved.status, 200, await saved.clone().text());
    const config = await widgetConfig(fixture.tenantA);
    assert.equal(config.consent.configured, true);
    assert.equal(config.consent.expiryDays, 90);
    assert.deepEqual(config.consent.purposes[1].services, [{ name: 'Matomo', cookies: ['_pk_id*', '_pk_ses*'] }]);
    assert.equal(config.consent.purposes[1].optOutByGpc, false, 'defaults are applied');
    assert.equal(config.consent.texts.fr.title, 'Vos choix');
    assert.equal((await widgetConfig(fixture.tenantB)).consent.configured, false);
    // Records now validate against the new purposes.
    const post = (choices: Record<string, boolean>) => fixture.request('/v1/consents', {
      method: 'POST',
      headers: { 'X-PortTask-Key': fixture.tenantA.publishableKey, Origin: fixture.tenantA.origin, 'Content-Type': 'application/json' },
      body: JSON.stringify({ subjectId: 'subject_config_1', choices, policyVersion: 'v1', bannerTextHash: 'a'.repeat(64), locale: 'fr', source: 'api', gpc: false }),
    });
    assert.equal((await post({ statistics: true })).status, 201);
    assert.equal((await (await post({ marketing: true })).json()).error.code, 'UNKNOWN_PURPOSE');
  });

  it('refuses a configuration without a strictly necessary purpose, with duplicate keys, or from a publishable key', async () => {
    const noRequired = { ...CONFIG, purposes: [CONFIG.purposes[1]] };
    assert.equal((await send(fixture.tenantA, 'PUT', '/v1/consent-config', noRequired)).status, 422);
    const duplicate = { ...CONFIG, purposes: [CONFIG.purposes[0], CONFIG.purposes[1], CONFIG.purposes[1]] };
    assert.equal((await send(fixture.tenantA, 'PUT', '/v1/consent-config', duplicate)).status, 422);
    const visitor = await fixture.request('/v1/consent-config', {
      method: 'PUT', body: JSON.stringify(CONFIG),
      headers: { 'X-PortTask-Key': fixture.tenantA.publishableKey, Origin: fixture.tenantA.origin, 'Content-Type': 'application/json' },
    });
    assert.equal((await visitor.json()).error.code, 'WRONG_KEY_TYPE');
    assert.equal((await widgetConfig(fixture.tenantA)).consent.expiryDays, 90, 'unchanged');
  });

  it('keeps every policy version: a new one becomes current, an existing one is never overwritten', async () => {
    const added = await send(fixture.tenantA, 'POST', '/v1/consent-config/policy-versions', { version: 'v2', url: 'https://portal.example/privacy-v2', lastUpdated: '2026-04-03' });
    assert.equal(added.status, 201);
    assert.equal((await widgetConfig(fixture.tenantA)).policy.version, 'v2');
    const overwrite = await send(fixture.tenantA, 'POST', '/v1/consent-config/policy-versions', { version: 'v1', url: 'https://evil.example/', lastUpdated: '2026-04-04' });
    assert.equal(overwrite.status, 409);
    const details = await (await send(fixture.tenantA, 'GET', '/v1/consent-config')).json();
    assert.deepEqual(details.policyVersions.map((policy: { version: string; url: string }) => [policy.version, policy.url]), [
      ['v2', 'https://portal.example/privacy-v2'],
      ['v1', 'https://portal.example/privacy-v1'],
    ]);
    // Tenant B's history is its own.
    const other = await (await send(fixture.tenantB, 'GET', '/v1/consent-config')).json();
    assert.deepEqual(other.policyVersions.map((policy: { version: string }) => policy.version), ['v1']);
    assert.equal((await widgetConfig(fixture.tenantB)).policy.version, 'v1');
  });

  it('keeps every configuration saved, newest first, a page at a time, and the app role can only add to it', async () => {
    const before = (await (await send(fixture.tenantA, 'GET', '/v1/consent-config/history')).json()).data.length;
    for (const expiryDays of [60, 61]) assert.equal((await send(fixture.tenantA, 'PUT', '/v1/consent-config', { ...CONFIG, expiryDays })).status, 200);
    const first = await (await send(fixture.tenantA, 'GET', '/v1/consent-config/history?limit=1')).json();
    assert.equal(first.data.length, 1);
    assert.equal(first.data[0].config.expiryDays, 61, 'newest first');
    assert.match(first.data[0].savedAt, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/);
    assert.deepEqual(first.data[0].config.purposes[1].services, CONFIG.purposes[1]!.services);
    const second = await (await send(fixture.tenantA, 'GET', `/v1/consent-config/history?limit=1&cursor=${first.nextCursor}`)).json();
    assert.equal(second.data[0].config.expiryDays, 60);
    const all = await (await send(fixture.tenantA, 'GET', '/v1/consent-config/history?limit=100')).json();
    assert.equal(all.data.length, before + 2);
    assert.equal(all.nextCursor, null);
    // Tenant B's history is its own; a refused configuration leaves none.
    assert.equal((await send(fixture.tenantB, 'PUT', '/v1/consent-config', { ...CONFIG, purposes: [CONFIG.purposes[1]] })).status, 422);
    assert.deepEqual((await (await send(fixture.tenantB, 'GET', '/v1/consent-config/history')).json()).data, []);
    await assert.rejects(fixture.db.sql`UPDATE consent_config_history SET expiry_days = 1`, /permission denied/);
    await assert.rejects(fixture.db.sql`DELETE FROM consent_config_history`, /permission denied/);
  });

  it('serves opt-out defaults to a tenant whose only jurisdiction is a US state law', async () => {
    await fixture.db.owner`UPDATE tenants SET jurisdictions = '{ccpa}' WHERE id = ${fixture.tenantB.tenant.id}`;
    // A change by SQL reaches the API's cached configuration by notification, within a second.
    await waitFor(async () => ((await widgetConfig(fixture.tenantB)).consent.model === 'opt_out' ? true : undefined), 'the opt-out defaults', 1_000);
  });

  it('refuses what the tenant\'s law does not allow: opt-out under GDPR or DPDP, ignoring GPC under CCPA', async () => {
    const issuesOf = async (response: Response) => {
      const body = await response.json();
      assert.equal(response.status, 422, JSON.stringify(body));
      return body.error.issues.map((issue: { path: string[]; message: string }) => `${issue.path.join('.')}: ${issue.message}`);
    };
    const gdpr = await issuesOf(await send(fixture.tenantA, 'PUT', '/v1/consent-config', { ...CONFIG, model: 'opt_out' }));
    assert.deepEqual(gdpr, ['body.model: must be opt_in: the tenant is under gdpr, which asks for consent before optional processing']);
    await fixture.db.owner`UPDATE tenants SET jurisdictions = '{ccpa,dpdp}' WHERE id = ${fixture.tenantB.tenant.id}`;
    const both = await issuesOf(await send(fixture.tenantB, 'PUT', '/v1/consent-config', { ...CONFIG, model: 'opt_out', honourGpc: false }));
    assert.equal(both.length, 2);
    assert.match(both[1], /^body\.honourGpc: must be true: under ccpa/);
    await fixture.db.owner`UPDATE tenants SET jurisdictions = '{ccpa}' WHERE id = ${fixture.tenantB.tenant.id}`;
    assert.equal((await send(fixture.tenantB, 'PUT', '/v1/consent-config', { ...CONFIG, model: 'opt_out' })).status, 200, 'a US-only tenant may be opt-out');
    assert.equal((await widgetConfig(fixture.tenantA)).consent.model, 'opt_in', 'nothing saved for the refused one');
  });
});
