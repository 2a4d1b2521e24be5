import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createAppFixture, type AppFixture } from '../testing/app-fixture.ts';
import { insertApiKey, revokeApiKey, listApiKeys } from './api-keys.queries.ts';
import { KEY_CACHE_MS } from './authenticate.ts';

let fixture: AppFixture;
before(async () => { fixture = await createAppFixture(); });
after(async () => { await fixture.close(); });

const getConfig = (headers: Record<string, string>) => fixture.request('/v1/config', { headers });

async function expectError(response: Response, status: number, code: string) {
  assert.equal(response.status, status);
  const body = await response.json();
  assert.equal(body.error.code, code, JSON.stringify(body));
  assert.match(body.error.requestId, /^req_/);
  assert.equal(typeof body.error.message, 'string');
}

describe('API keys', () => {
  it('serves the config of the key\'s own tenant from an allowed origin, with CORS for that origin', async () => {
    const { tenantA } = fixture;
    const response = await getConfig({ 'X-PortTask-Key': tenantA.publishableKey, Origin: tenantA.origin });
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('Access-Control-Allow-Origin'), tenantA.origin);
    const config = await response.json();
    assert.equal(config.tenant.id, tenantA.tenant.id);
    assert.equal(config.environment, 'live');
  });

  it('never lets tenant A\'s key read tenant B\'s config', async () => {
    const { tenantA, tenantB } = fixture;
    const configA = await (await getConfig({ Authorization: `Bearer ${tenantA.secretKey}` })).json();
    assert.equal(configA.tenant.id, tenantA.tenant.id);
    assert.notEqual(configA.tenant.id, tenantB.tenant.id);
    // A key forged from tenant B's id and tenant A's secret part does not exist.
    const secretPart = tenantA.secretKey.slice(-32);
    const forged = `sk_live_${tenantB.tenant.id.slice(4)}${secretPart}`;
    await expectError(await getConfig({ Authorization: `Bearer ${forged}` }), 401, 'INVALID_API_KEY');
    // Tenant A's key from tenant B's origin is refused: the page may read the refusal, no data.
    const crossOrigin = await getConfig({ 'X-PortTask-Key': tenantA.publishableKey, Origin: tenantB.origin });
    await expectError(crossOrigin, 403, 'ORIGIN_NOT_ALLOWED');
  });

  it('refuses a publishable key from an origin it is not bound to', async () => {
    const { tenantA } = fixture;
    for (const origin of ['https://evil.example', 'http://portal-a.example', 'https://portal-a.example:8443', 'http://localhost:8788', 'null']) {
      const response = await getConfig({ 'X-PortTask-Key': tenantA.publishableKey, Origin: origin });
      await expectError(response, 403, 'ORIGIN_NOT_ALLOWED');
    }
  });

  it('lets test keys be used from localhost on any port, but not from other hosts', async () => {
    const { tenantA } = fixture;
    const local = await getConfig({ 'X-PortTask-Key': tenantA.testPublishableKey, Origin: 'http://localhost:5173' });
    assert.equal(local.status, 200);
    assert.equal((await local.json()).environment, 'test');
    await expectError(await getConfig({ 'X-PortTask-Key': tenantA.testPublishableKey, Origin: 'https://portal-a.example.evil' }), 403, 'ORIGIN_NOT_ALLOWED');
  });

  it('takes the publishable key as ?key= on GET /v1/config alone, with the same origin check, and never a secret key', async () => {
    const { tenantA, tenantB } = fixture;
    const withQueryKey = (key: string, origin: string | undefined, path = '/v1/config') =>
      fixture.request(`${path}?key=${encodeURIComponent(key)}`, { headers: origin === undefined ? {} : { Origin: origin } });
    // A simple request (no custom header): what the loader sends to skip the preflight.
    const response = await withQueryKey(tenantA.publishableKey, tenantA.origin);
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('Access-Control-Allow-Origin'), tenantA.origin);
    assert.equal((await response.json()).tenant.id, tenantA.tenant.id);
    // The origin check is the header form's.
    await expectError(await withQueryKey(tenantA.publishableKey, tenantB.origin), 403, 'ORIGIN_NOT_ALLOWED');
    await expectError(await withQueryKey(tenantA.publishableKey, 'https://evil.example'), 403, 'ORIGIN_NOT_ALLOWED');
    await expectError(await withQueryKey('pk_live_nonsense', tenantA.origin), 401, 'INVALID_API_KEY');
    // A secret key in a URL is refused, from a browser or not.
    const secret = await withQueryKey(tenantA.secretKey, undefined);
    await expectError(secret, 401, 'INVALID_API_KEY');
    // Other routes take the key in the header only.
    await expectError(await withQueryKey(tenantA.publishableKey, tenantA.origin, '/v1/port-calls'), 401, 'MISSING_API_KEY');
  });

  it('tells caches that answers differ per key and origin', async () => {
    const response = await getConfig({ 'X-PortTask-Key': fixture.tenantA.publishableKey, Origin: fixture.tenantA.origin });
    assert.match(response.headers.get('Vary') ?? '', /Origin.*X-PortTask-Key.*Authorization/);
  });

  it('answers preflights only for origins a live key allows', async () => {
    const preflight = (origin: string) => fixture.request('/v1/config', {
      method: 'OPTIONS',
      headers: { Origin: origin, 'Access-Control-Request-Method': 'GET', 'Access-Control-Request-Headers': 'x-porttask-key' },
    });
    const allowed = await preflight(fixture.tenantA.origin);
    assert.equal(allowed.status, 204);
    assert.equal(allowed.headers.get('Access-Control-Allow-Origin'), fixture.tenantA.origin);
    assert.match(allowed.headers.get('Access-Control-Allow-Headers') ?? '', /X-PortTask-Key/);
    const refused = await preflight('https://evil.example');
    assert.equal(refused.headers.get('Access-Control-Allow-Origin'), null);
    await expectError(refused, 403, 'ORIGIN_NOT_ALLOWED');
  });

  it('refuses missing, malformed, mistyped and revoked keys', async () => {
    const { tenantA } = fixture;
    await expectError(await getConfig({}), 401, 'MISSING_API_KEY');
    await expectError(await getConfig({ 'X-PortTask-Key': 'pk_live_nonsense' }), 401, 'INVALID_API_KEY');
    await expectError(await getConfig({ 'X-PortTask-Key': tenantA.secretKey }), 401, 'INVALID_API_KEY');
    await expectError(await getConfig({ Authorization: `Bearer ${tenantA.publishableKey}` }), 401, 'INVALID_API_KEY');
    // A secret key sent by a browser is a leaked key: refuse it.
    await expectError(await getConfig({ Authorization: `Bearer ${tenantA.secretKey}`, Origin: tenantA.origin }), 403, 'WRONG_KEY_TYPE');

    const { keys } = await listApiKeys(fixture.db.owner, { tenantId: tenantA.tenant.id });
    const testKey = keys.find((key) => key.kind === 'publishable' && key.environment === 'test')!;
    assert.equal(await revokeApiKey(fixture.db.owner, tenantA.tenant.id, testKey.id), true);
    assert.equal(await revokeApiKey(fixture.db.owner, tenantA.tenant.id, testKey.id), false, 'revoking twice reports nothing revoked');
    // Key lookups are cached for KEY_CACHE_MS, so a revocation reaches every process within it.
    const revokedAt = Date.now();
    let refused = await getConfig({ 'X-PortTask-Key': tenantA.testPublishableKey, Origin: 'http://localhost:3000' });
    while (refused.status === 200 && Date.now() - revokedAt < KEY_CACHE_MS + 500) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      refused = await getConfig({ 'X-PortTask-Key': tenantA.testPublishableKey, Origin: 'http://localhost:3000' });
    }
    await expectError(refused, 401, 'API_KEY_REVOKED');
    assert.ok(Date.now() - revokedAt <= KEY_CACHE_MS + 500, 'refused within the cache lifetime');
    // The other keys of the tenant still work.
    assert.equal((await getConfig({ 'X-PortTask-Key': tenantA.publishableKey, Origin: tenantA.origin })).status, 200);
  });

  it('drops a revoked key from the lookup cache at once, whoever revoked it (the porttask_keys notification)', async () => {
    const { tenantA } = fixture;
    const key = await insertApiKey(fixture.db.owner, { tenantId: tenantA.tenant.id, kind: 'publishable', environment: 'live', allowedOrigins: [tenantA.origin] });
    assert.equal((await getConfig({ 'X-PortTask-Key': key.token, Origin: tenantA.origin })).status, 200); // cached for KEY_CACHE_MS now
    // Another connection (as the CLI or another process would) revokes it.
    await fixture.db.owner`UPDATE api_keys SET revoked_at = now() WHERE tenant_id = ${tenantA.tenant.id} AND id = ${key.id}`;
    const revokedAt = Date.now();
    let response = await getConfig({ 'X-PortTask-Key': key.token, Origin: tenantA.origin });
    while (response.status === 200 && Date.now() - revokedAt < KEY_CACHE_MS) {
      await new Promise((resolve) => setTimeout(resolve, 10));
      response = await getConfig({ 'X-PortTask-Key': key.token, Origin: tenantA.origin });
    }
    await expectError(response, 401, 'API_KEY_REVOKED');
    assert.ok(Date.now() - revokedAt < KEY_CACHE_MS / 4, `refused after ${Date.now() - revokedAt} ms, not at the cache's expiry`);
  });

  it('keeps only a hash of each key in the database', async () => {
    const rows = await fixture.db.owner`SELECT token_hash, display_prefix FROM api_keys`;
    const all = JSON.stringify(rows);
    assert.ok(!all.includes(fixture.tenantA.secretKey.slice(-32)));
    assert.ok(rows.every((row) => (row.token_hash as Buffer).length === 32));
  });
});
