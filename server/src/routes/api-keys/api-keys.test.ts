import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { insertApiKey } from '../../auth/api-keys.queries.ts';
import { KEY_CACHE_MS } from '../../auth/authenticate.ts';
import { createAppFixture, type AppFixture, type TestTenant } from '../../testing/app-fixture.ts';

let fixture: AppFixture;
before(async () => { fixture = await createAppFixture(); });
after(async () => { await fixture.close(); });

const send = (secretKey: string, method: string, path: string, body?: unknown, headers: Record<string, string> = {}) =>
  fixture.request(path, {
    method,
    headers: { Authorization: `Bearer ${secretKey}`, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }), ...headers },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
const config = (publishableKey: string, origin?: string) =>
  fixture.request('/v1/config', { headers: { 'X-PortTask-Key': publishableKey, ...(origin ? { Origin: origin } : {}) } });
const keysOf = async (tenant: TestTenant) => {
  const response = await send(tenant.secretKey, 'GET', '/v1/api-keys');
  assert.equal(response.status, 200);
  return (await response.json()).data as { id: string; kind: string; environment: string; allowedOrigins: string[]; status: string; warnings: { code: string }[]; label: string | null }[];
};
const publishableOf = async (tenant: TestTenant) => (await keysOf(tenant)).find((key) => key.kind === 'publishable' && key.status === 'active')!;
async function errorCode(response: Response, status: number): Promise<string> {
  const body = await response.json();
  assert.equal(response.status, status, JSON.stringify(body));
  assert.match(body.error.requestId, /^req_/);
  return body.error.code;
}
/** Polls until `check` holds, for at most `withinMs` (well below the key cache's second). */
async function eventually(check: () => Promise<boolean>, withinMs: number): Promise<number> {
  const started = Date.now();
  while (!(await check())) {
    if (Date.now() - started > withinMs) assert.fail(`not within ${withinMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return Date.now() - started;
}

describe('GET /v1/api-keys', () => {
  it('lists only the keys of the calling key\'s tenant and environment, never their text', async () => {
    const { tenantA, tenantB } = fixture;
    const keys = await keysOf(tenantA);
    assert.deepEqual(keys.map((key) => [key.kind, key.environment]).sort(), [['publishable', 'live'], ['secret', 'live']]);
    const text = JSON.stringify(keys);
    assert.ok(!text.includes(tenantA.secretKey) && !text.includes(tenantA.publishableKey), 'no key text in a list');
    const idsOfB = (await keysOf(tenantB)).map((key) => key.id);
    assert.ok(keys.every((key) => !idsOfB.includes(key.id)));
  });

  it('pages with a cursor and refuses a forged one', async () => {
    const { tenantA } = fixture;
    const first = await (await send(tenantA.secretKey, 'GET', '/v1/api-keys?limit=1')).json();
    assert.equal(first.data.length, 1);
    assert.ok(first.nextCursor);
    const second = await (await send(tenantA.secretKey, 'GET', `/v1/api-keys?limit=1&cursor=${first.nextCursor}`)).json();
    assert.notEqual(second.data[0].id, first.data[0].id);
    assert.equal(await errorCode(await send(tenantA.secretKey, 'GET', '/v1/api-keys?cursor=bm9wZQ'), 400), 'INVALID_CURSOR');
  });

  it('needs a secret key', async () => {
    assert.equal(await errorCode(await config(fixture.tenantA.publishableKey, fixture.tenantA.origin).then(() => fixture.request('/v1/api-keys', { headers: { 'X-PortTask-Key': fixture.tenantA.publishableKey } })), 403), 'WRONG_KEY_TYPE');
  });
});

describe('PATCH /v1/api-keys/{id}', () => {
  it('adds a normalised origin, which works at once on this process (the change notification purges the key cache)', async () => {
    const { tenantA } = fixture;
    const key = await publishableOf(tenantA);
    const newOrigin = 'https://new.portal-a.example';
    assert.equal(await errorCode(await config(tenantA.publishableKey, newOrigin), 403), 'ORIGIN_NOT_ALLOWED'); // now cached
    const response = await send(tenantA.secretKey, 'PATCH', `/v1/api-keys/${key.id}`, { addOrigins: ['HTTPS://New.Portal-A.example:443/', 'https://new.portal-a.example'] });
    assert.equal(response.status, 200);
    const updated = await response.json();
    assert.deepEqual(updated.allowedOrigins, [tenantA.origin, newOrigin], 'normalised, deduplicated, order kept');
    assert.deepEqual(updated.warnings, []);
    const tookMs = await eventually(async () => (await config(tenantA.publishableKey, newOrigin)).status === 200, KEY_CACHE_MS / 2);
    assert.ok(tookMs < KEY_CACHE_MS);
  });

  it('removes origins; a publishable key left with none carries a warning, and the old origin is refused', async () => {
    const { tenantA } = fixture;
    const key = await publishableOf(tenantA);
    const updated = await (await send(tenantA.secretKey, 'PATCH', `/v1/api-keys/${key.id}`, { removeOrigins: ['https://new.portal-a.example/', tenantA.origin, 'https://never-added.example'], label: 'portal' })).json();
    assert.deepEqual(updated.allowedOrigins, []);
    assert.equal(updated.label, 'portal');
    assert.deepEqual(updated.warnings.map((warning: { code: string }) => warning.code), ['PUBLISHABLE_KEY_WITHOUT_ORIGINS']);
    assert.match(updated.warnings[0].message, /no website can use it/);
    await eventually(async () => (await config(tenantA.publishableKey, tenantA.origin)).status === 403, KEY_CACHE_MS / 2);
    const restored = await (await send(tenantA.secretKey, 'PATCH', `/v1/api-keys/${key.id}`, { addOrigins: [tenantA.origin], label: null })).json();
    assert.deepEqual(restored.allowedOrigins, [tenantA.origin]);
    assert.equal(restored.label, null);
  });

  it('refuses what is not an origin with a 422 naming it, and origins on secret keys', async () => {
    const { tenantA } = fixture;
    const key = await publishableOf(tenantA);
    for (const origin of ['https://portal.example/path', 'https://portal.example?x=1', 'https://portal.example/#top', 'ftp://portal.example', 'https://*.example.com', 'portal.example']) {
      const response = await send(tenantA.secretKey, 'PATCH', `/v1/api-keys/${key.id}`, { addOrigins: [origin] });
      const body = await response.json();
      assert.equal(response.status, 422, origin);
      assert.deepEqual(body.error.issues[0].path, ['body', 'addOrigins', 0]);
    }
    const path = await (await send(tenantA.secretKey, 'PATCH', `/v1/api-keys/${key.id}`, { addOrigins: ['https://portal.example/path'] })).json();
    assert.match(path.error.message, /without a path, query or fragment.*try https:\/\/portal\.example/);
    assert.equal(await errorCode(await send(tenantA.secretKey, 'PATCH', `/v1/api-keys/${key.id}`, {}), 422), 'VALIDATION_FAILED');
    assert.equal(await errorCode(await send(tenantA.secretKey, 'PATCH', `/v1/api-keys/${key.id}`, { allowedOrigins: [] }), 422), 'VALIDATION_FAILED');
    const secret = (await keysOf(tenantA)).find((candidate) => candidate.kind === 'secret')!;
    assert.equal(await errorCode(await send(tenantA.secretKey, 'PATCH', `/v1/api-keys/${secret.id}`, { addOrigins: ['https://portal.example'] }), 422), 'VALIDATION_FAILED');
    assert.equal(await errorCode(await send(tenantA.secretKey, 'PATCH', '/v1/api-keys/not-a-key', { label: 'x' }), 422), 'VALIDATION_FAILED');
  });

  it('never reaches another tenant\'s key, nor a key of the other environment', async () => {
    const { tenantA, tenantB } = fixture;
    const keyOfB = await publishableOf(tenantB);
    assert.equal(await errorCode(await send(tenantA.secretKey, 'PATCH', `/v1/api-keys/${keyOfB.id}`, { addOrigins: ['https://evil.example'] }), 404), 'NOT_FOUND');
    assert.equal(await errorCode(await send(tenantA.secretKey, 'POST', `/v1/api-keys/${keyOfB.id}/roll`, {}), 404), 'NOT_FOUND');
    const [testKeyOfA] = await fixture.db.owner`SELECT id FROM api_keys WHERE tenant_id = ${tenantA.tenant.id} AND environment = 'test'`;
    assert.equal(await errorCode(await send(tenantA.secretKey, 'PATCH', `/v1/api-keys/${testKeyOfA!.id}`, { addOrigins: ['https://evil.example'] }), 404), 'NOT_FOUND');
    const [unchanged] = await fixture.db.owner`SELECT allowed_origins FROM api_keys WHERE tenant_id = ${tenantB.tenant.id} AND id = ${keyOfB.id}`;
    assert.deepEqual(unchanged!.allowed_origins, [tenantB.origin]);
  });
});

describe('POST /v1/api-keys/{id}/roll', () => {
  it('creates a replacement with the same kind, origins and label; both work until the old one expires (24 h by default)', async () => {
    const { tenantB } = fixture;
    const old = await publishableOf(tenantB);
    const response = await send(tenantB.secretKey, 'POST', `/v1/api-keys/${old.id}/roll`, undefined, { 'Idempotency-Key': 'roll-b-1' });
    assert.equal(response.status, 201);
    assert.equal(response.headers.get('Cache-Control'), 'no-store');
    const rolled = await response.json();
    assert.match(rolled.key.token, /^pk_live_/);
    assert.deepEqual([rolled.key.kind, rolled.key.environment, rolled.key.allowedOrigins, rolled.key.status], ['publishable', 'live', [tenantB.origin], 'active']);
    assert.equal(rolled.previousKey.status, 'expiring');
    assert.equal(rolled.previousKey.replacedBy, rolled.key.id);
    const hours = (Date.parse(rolled.previousKey.expiresAt) - Date.now()) / 3_600_000;
    assert.ok(hours > 23.9 && hours <= 24, `expires in ${hours} h`);
    assert.equal((await config(tenantB.publishableKey, tenantB.origin)).status, 200, 'old key still works');
    assert.equal((await config(rolled.key.token, tenantB.origin)).status, 200, 'new key works');
    // The new key's text is never stored, not even for an idempotent replay: a repeat is refused.
    const [stored] = await fixture.db.owner`SELECT count(*)::int AS n FROM idempotency_keys WHERE key = 'roll-b-1'`;
    assert.equal(stored!.n, 0);
    const repeat = await send(tenantB.secretKey, 'POST', `/v1/api-keys/${old.id}/roll`, undefined, { 'Idempotency-Key': 'roll-b-1' });
    assert.equal(await errorCode(repeat, 409), 'CONFLICT');
  });

  it('expires the old key at once with expiresInSeconds 0: API_KEY_EXPIRED', async () => {
    const { tenantA } = fixture;
    const old = await insertApiKey(fixture.db.owner, { tenantId: tenantA.tenant.id, kind: 'secret', environment: 'live', label: 'deploy' });
    assert.equal((await send(old.token, 'GET', '/v1/api-keys')).status, 200); // cached now
    // A key may roll itself, as Stripe allows.
    const rolled = await (await send(old.token, 'POST', `/v1/api-keys/${old.id}/roll`, { expiresInSeconds: 0 })).json();
    assert.equal(rolled.key.label, 'deploy');
    assert.equal(rolled.previousKey.status, 'expired');
    // The roll's notification drops the cached lookup within milliseconds, not the cache's second.
    await eventually(async () => (await send(old.token, 'GET', '/v1/api-keys')).status === 401, KEY_CACHE_MS / 2);
    assert.equal(await errorCode(await send(old.token, 'GET', '/v1/api-keys'), 401), 'API_KEY_EXPIRED');
    assert.equal((await send(rolled.key.token, 'GET', '/v1/api-keys')).status, 200);
    assert.equal(await errorCode(await send(rolled.key.token, 'PATCH', `/v1/api-keys/${old.id}`, { label: 'x' }), 409), 'CONFLICT');
  });

  it('refuses an expiry past 7 days, and a key rolled or revoked already', async () => {
    const { tenantA } = fixture;
    const key = await insertApiKey(fixture.db.owner, { tenantId: tenantA.tenant.id, kind: 'publishable', environment: 'live', allowedOrigins: [tenantA.origin] });
    assert.equal(await errorCode(await send(tenantA.secretKey, 'POST', `/v1/api-keys/${key.id}/roll`, { expiresInSeconds: 7 * 86400 + 1 }), 422), 'VALIDATION_FAILED');
    const week = await (await send(tenantA.secretKey, 'POST', `/v1/api-keys/${key.id}/roll`, { expiresInSeconds: 7 * 86400 })).json();
    assert.ok(Date.parse(week.previousKey.expiresAt) - Date.now() > 6.99 * 86_400_000);
    assert.equal(await errorCode(await send(tenantA.secretKey, 'POST', `/v1/api-keys/${key.id}/roll`, {}), 409), 'CONFLICT');
    await fixture.db.owner`UPDATE api_keys SET revoked_at = now() WHERE id = ${week.key.id}`;
    assert.equal(await errorCode(await send(tenantA.secretKey, 'POST', `/v1/api-keys/${week.key.id}/roll`, {}), 409), 'CONFLICT');
    const listed = (await keysOf(tenantA)).find((candidate) => candidate.id === week.key.id)!;
    assert.equal(listed.status, 'revoked');
  });
});
