import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createApp, type App } from '../../app.ts';
import { connect, type Database } from '../../db/connection.ts';
import { createLogger } from '../../logger.ts';
import { createAppFixture, type AppFixture, type TestTenant } from '../../testing/app-fixture.ts';
import { waitFor } from '../../testing/wait-for.ts';

// Two API processes on one database, as in production: the fixture's app and a second app with
// pools (and so a configuration cache and LISTEN connections) of its own.
let fixture: AppFixture;
let secondDb: Database;
let second: App;
before(async () => {
  fixture = await createAppFixture();
  secondDb = connect(fixture.db.url);
  second = createApp({ db: secondDb, logger: createLogger('silent'), masterKey: fixture.masterKey });
});
after(async () => {
  await secondDb.close();
  await fixture.close();
});

type Answer = { tenant: { name: string }; environment: string; policy: { version: string } | null; consent: { expiryDays: number } };
async function configFrom(app: Pick<App, 'request'>, tenant: TestTenant, environment: 'live' | 'test' = 'live'): Promise<Answer> {
  // A test key has no origins: it works from localhost.
  const [key, origin] = environment === 'live' ? [tenant.publishableKey, tenant.origin] : [tenant.testPublishableKey, 'http://localhost:5173'];
  const response = await app.request(`/v1/config?key=${key}`, { headers: { Origin: origin } });
  assert.equal(response.status, 200, await response.clone().text());
  assert.match(response.headers.get('Content-Type') ?? '', /^application\/json/);
  return response.json() as Promise<Answer>;
}
const first = () => fixture.app;
/** Within a second of the change, as the cache promises across processes. */
const withinASecond = <T>(check: () => Promise<T | undefined>, what: string) => waitFor(check, what, 1_000);

describe('GET /v1/config from memory', () => {
  it('answers a repeat from memory: a change that announces nothing is not seen until its notification', async () => {
    const { tenantA } = fixture;
    assert.equal((await configFrom(first(), tenantA)).tenant.name, 'Tenant A');
    // The change, with the trigger that announces it switched off: only a query would see it.
    await fixture.db.owner.begin(async (owner) => {
      await owner`ALTER TABLE tenants DISABLE TRIGGER tenants_announce_config_change`;
      await owner`UPDATE tenants SET name = 'Tenant A, renamed quietly' WHERE id = ${tenantA.tenant.id}`;
      await owner`ALTER TABLE tenants ENABLE TRIGGER tenants_announce_config_change`;
    });
    assert.equal((await configFrom(first(), tenantA)).tenant.name, 'Tenant A', 'served from memory, no query');
    await fixture.db.owner`SELECT pg_notify('porttask_config', ${tenantA.tenant.id})`;
    await withinASecond(async () => ((await configFrom(first(), tenantA)).tenant.name === 'Tenant A, renamed quietly' ? true : undefined), 'the notification to drop the answer');
  });

  it('sees a change made by SQL (the CLI, by hand) in every API process within a second', async () => {
    const { tenantA } = fixture;
    await Promise.all([configFrom(first(), tenantA), configFrom(second, tenantA)]);
    await fixture.db.owner`UPDATE tenants SET name = 'Tenant A by SQL' WHERE id = ${tenantA.tenant.id}`;
    for (const app of [first(), second]) {
      await withinASecond(async () => ((await configFrom(app, tenantA)).tenant.name === 'Tenant A by SQL' ? true : undefined), 'the renamed tenant');
    }
  });

  it('shows a change through one API process at once there, and in the other within a second', async () => {
    const { tenantA } = fixture;
    const before = await configFrom(second, tenantA);
    assert.equal(before.consent.expiryDays, 182);
    await configFrom(first(), tenantA);
    const saved = await first().request('/v1/consent-config', {
      method: 'PUT',
      headers: { Authorization: `Bearer ${tenantA.secretKey}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ model: 'opt_in', expiryDays: 90, purposes: [{ key: 'necessary', required: true, texts: { en: { name: 'Necessary' } } }] }),
    });
    assert.equal(saved.status, 200, await saved.clone().text());
    assert.equal((await configFrom(first(), tenantA)).consent.expiryDays, 90, 'the writer reads its own change');
    await withinASecond(async () => ((await configFrom(second, tenantA)).consent.expiryDays === 90 ? true : undefined), 'the other process to see the change');

    const published = await second.request('/v1/consent-config/policy-versions', {
      method: 'POST',
      headers: { Authorization: `Bearer ${tenantA.secretKey}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ version: '2026-12-02', url: 'https://portal-a.example/privacy', lastUpdated: '2026-12-02' }),
    });
    assert.equal(published.status, 201, await published.clone().text());
    assert.equal((await configFrom(second, tenantA)).policy?.version, '2026-12-02');
    await withinASecond(async () => ((await configFrom(first(), tenantA)).policy?.version === '2026-12-02' ? true : undefined), 'the new policy in the other process');
  });

  it('keeps each environment\'s and each tenant\'s answer apart', async () => {
    const { tenantA, tenantB } = fixture;
    const [live, test, other] = await Promise.all([configFrom(first(), tenantA), configFrom(first(), tenantA, 'test'), configFrom(first(), tenantB)]);
    assert.equal(live.environment, 'live');
    assert.equal(test.environment, 'test');
    assert.equal(test.policy, null, 'the version published with the live key is not the test environment\'s');
    assert.equal(other.tenant.name, 'Tenant B');
    // Twice, so the second answers come from memory.
    assert.equal((await configFrom(first(), tenantA, 'test')).environment, 'test');
    assert.equal((await configFrom(first(), tenantB)).tenant.name, 'Tenant B');
  });
});
