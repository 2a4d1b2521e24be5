import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { MAX_ENDPOINTS_PER_ENVIRONMENT } from '../../webhooks/webhook-endpoints.queries.ts';
import type { TestTenant } from '../../testing/app-fixture.ts';
import { findPlaintext } from '../../testing/plaintext-scan.ts';
import { createRightsFixture, type RightsFixture } from '../../testing/rights-fixture.ts';

let rights: RightsFixture;
before(async () => { rights = await createRightsFixture(); });
after(() => rights.close());

const tenantA = () => rights.fixture.tenantA;
const tenantB = () => rights.fixture.tenantB;

async function call(key: string, path: string, init: { method?: string; body?: unknown; headers?: Record<string, string> } = {}) {
  const response = await rights.app.request(path, {
    method: init.method ?? 'GET',
    headers: { Authorization: `Bearer ${key}`, ...(init.body === undefined ? {} : { 'Content-Type': 'application/json' }), ...init.headers },
    ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
  });
  return { response, body: (await response.json()) as any };
}

const create = (key: string, body: unknown, headers?: Record<string, string>) => call(key, '/v1/webhook-endpoints', { method: 'POST', body, ...(headers ? { headers } : {}) });

describe('webhook endpoints (secret key)', () => {
  test('create shows the whsec_ secret once (not cached, not kept for a replay), stored only encrypted; get and list never show it', async () => {
    const created = await create(tenantA().secretKey, { url: 'https://partner-a.example/hooks', description: 'Privacy inbox', events: ['rights_request.created', 'rights_request.overdue', 'rights_request.created'] });
    assert.equal(created.response.status, 201, JSON.stringify(created.body));
    assert.match(created.body.secret, /^whsec_[A-Za-z0-9+/]{32}$/);
    assert.equal(created.response.headers.get('Cache-Control'), 'no-store');
    assert.deepEqual(created.body.events, ['rights_request.created', 'rights_request.overdue'], 'duplicates dropped');
    assert.equal(created.body.environment, 'live');
    const got = await call(tenantA().secretKey, `/v1/webhook-endpoints/${created.body.id}`);
    assert.equal(got.response.status, 200);
    assert.equal(got.body.secret, undefined);
    assert.deepEqual(got.body, Object.fromEntries(Object.entries(created.body).filter(([name]) => name !== 'secret')));
    const listed = await call(tenantA().secretKey, '/v1/webhook-endpoints');
    assert.ok(listed.body.data.some((endpoint: { id: string; secret?: string }) => endpoint.id === created.body.id && endpoint.secret === undefined));
    assert.deepEqual(await findPlaintext(rights.fixture.db.owner, [created.body.secret, created.body.secret.slice(6)]), []);

    // A repeat with the same Idempotency-Key makes another endpoint (the secret is never stored for a replay).
    const first = await create(tenantA().secretKey, { url: 'https://partner-a.example/again' }, { 'Idempotency-Key': 'endpoint-once' });
    const repeat = await create(tenantA().secretKey, { url: 'https://partner-a.example/again' }, { 'Idempotency-Key': 'endpoint-once' });
    assert.equal(repeat.response.status, 201);
    assert.notEqual(repeat.body.id, first.body.id);
    assert.deepEqual(first.body.events, ['*'], 'every event by default');
    for (const id of [created.body.id, first.body.id, repeat.body.id]) await call(tenantA().secretKey, `/v1/webhook-endpoints/${id}`, { method: 'DELETE' });
  });

  test('URL rules: live needs https on a public address; test also takes http://localhost', async () => {
    const refusedLive = ['http://partner-a.example/hooks', 'https://localhost/hooks', 'https://127.0.0.1/hooks', 'https://10.1.2.3/hooks', 'https://[::1]/hooks',
      'https://169.254.169.254/latest', 'https://[::ffff:192.168.0.1]/x', 'https://api.localhost/x', 'https://user:pass@partner-a.example/hooks', 'https://partner-a.example/hooks#x', 'ftp://partner-a.example/'];
    for (const url of refusedLive) {
      const refused = await create(tenantA().secretKey, { url });
      assert.equal(refused.response.status, 422, `${url}: ${JSON.stringify(refused.body)}`);
      assert.deepEqual(refused.body.error.issues[0].path, ['body', 'url'], url);
    }
    const refusedTest = ['http://partner-a.example/hooks', 'http://10.1.2.3/hooks', 'https://169.254.169.254/'];
    for (const url of refusedTest) assert.equal((await create(tenantA().testSecretKey, { url })).response.status, 422, url);
    const madeIds: Array<[string, string]> = [];
    for (const [key, url] of [[tenantA().secretKey, 'https://hooks.partner-a.example:8443/porttask?v=1'], [tenantA().testSecretKey, 'http://localhost:9000/hooks'],
      [tenantA().testSecretKey, 'http://127.0.0.1:9000/hooks'], [tenantA().testSecretKey, 'http://[::1]:9000/hooks'], [tenantA().testSecretKey, 'https://partner-a.example/hooks']] as const) {
      const made = await create(key, { url });
      assert.equal(made.response.status, 201, `${url}: ${JSON.stringify(made.body)}`);
      madeIds.push([key, made.body.id]);
    }
    for (const [key, id] of madeIds) await call(key, `/v1/webhook-endpoints/${id}`, { method: 'DELETE' });
    for (const body of [{ url: 'https://partner-a.example/x', events: [] }, { url: 'https://partner-a.example/x', events: ['rights_request.lost'] }, { url: 'https://partner-a.example/x', extra: 1 }, { url: `https://partner-a.example/${'x'.repeat(2050)}` }]) {
      assert.equal((await create(tenantA().secretKey, body)).response.status, 422, JSON.stringify(body).slice(0, 80));
    }
  });

  test('publishable keys cannot manage endpoints', async () => {
    const tenant: TestTenant = tenantA();
    const response = await rights.app.request('/v1/webhook-endpoints', { headers: { 'X-PortTask-Key': tenant.publishableKey, Origin: tenant.origin } });
    assert.equal(response.status, 403);
  });

  test('at most 16 per environment (409), the other environment counts apart; list pages with a cursor bound to its list', async () => {
    const made: string[] = [];
    for (let n = 0; n < MAX_ENDPOINTS_PER_ENVIRONMENT; n += 1) {
      const endpoint = await create(tenantB().secretKey, { url: `https://partner-b.example/hooks/${n}` });
      assert.equal(endpoint.response.status, 201);
      made.push(endpoint.body.id);
    }
    const over = await create(tenantB().secretKey, { url: 'https://partner-b.example/hooks/over' });
    assert.equal(over.response.status, 409);
    assert.equal(over.body.error.code, 'WEBHOOK_ENDPOINT_LIMIT');
    const inTest = await create(tenantB().testSecretKey, { url: 'https://partner-b.example/hooks/test' });
    assert.equal(inTest.response.status, 201);

    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { body: { data: Array<{ id: string }>; nextCursor: string | null } } = await call(tenantB().secretKey, `/v1/webhook-endpoints?limit=5${cursor ? `&cursor=${cursor}` : ''}`);
      seen.push(...page.body.data.map((endpoint) => endpoint.id));
      cursor = page.body.nextCursor;
    } while (cursor);
    assert.deepEqual(seen, made, 'oldest first, each once');
    const firstPage = await call(tenantB().secretKey, '/v1/webhook-endpoints?limit=5');
    assert.equal((await call(tenantB().secretKey, `/v1/webhook-endpoints/${made[0]}/deliveries?cursor=${firstPage.body.nextCursor}`)).response.status, 400, 'a cursor of another list');
    assert.equal((await call(tenantB().testSecretKey, `/v1/webhook-endpoints?cursor=${firstPage.body.nextCursor}`)).response.status, 400, 'a cursor of the other environment');

    const deleted = await call(tenantB().secretKey, `/v1/webhook-endpoints/${made[0]}`, { method: 'DELETE' });
    assert.deepEqual(deleted.body, { id: made[0], deleted: true });
    assert.equal((await call(tenantB().secretKey, `/v1/webhook-endpoints/${made[0]}`, { method: 'DELETE' })).response.status, 404);
    assert.equal((await create(tenantB().secretKey, { url: 'https://partner-b.example/hooks/room-again' })).response.status, 201);
  });
});

describe('rights-request transitions announce themselves, in their own transaction', () => {
  test('created, verified, approved, extended, completed, denied: one message each, in order, with no personal data; a refused step announces nothing', async () => {
    const endpoint = await create(tenantA().secretKey, { url: 'https://partner-a.example/transitions' });
    const messagesOf = async (requestId: string) => rights.fixture.db.owner<{ type: string; payload: string }[]>`
      SELECT m.type, m.payload FROM webhook_messages m JOIN webhook_deliveries d ON d.tenant_id = m.tenant_id AND d.environment = m.environment AND d.message_id = m.id
      WHERE d.endpoint_id = ${endpoint.body.id} AND m.payload::json -> 'data' ->> 'id' = ${requestId} ORDER BY d.sequence`;
    const { id } = await rights.verifiedRequest(tenantA(), { type: 'access', email: 'announced@example.com', name: 'Anna Announced', details: 'Everything about me' });
    await rights.staff(tenantA(), `/v1/rights-requests/${id}/approve`, { method: 'POST' });
    const refused = await rights.staff(tenantA(), `/v1/rights-requests/${id}/approve`, { method: 'POST' });
    assert.equal(refused.response.status, 409);
    const extended = await rights.staff(tenantA(), `/v1/rights-requests/${id}/extend`, { method: 'POST', body: { reason: 'Ten years of port calls to collect.' } });
    assert.equal(extended.response.status, 200);
    await rights.staff(tenantA(), `/v1/rights-requests/${id}/complete`, { method: 'POST' });
    const messages = await messagesOf(id);
    assert.deepEqual(messages.map((message) => message.type), ['rights_request.created', 'rights_request.verified', 'rights_request.approved', 'rights_request.extended', 'rights_request.completed']);
    const data = messages.map((message) => JSON.parse(message.payload).data);
    assert.deepEqual(data.map((entry) => entry.status), ['identity_unverified', 'pending', 'approved', 'approved', 'completed']);
    assert.equal(data[3].dueOn, extended.body.dueOn, 'the extension announces the new due date');
    for (const message of messages) assert.doesNotMatch(message.payload, /announced@|Anna|Everything|Ten years/);

    const denied = await rights.verifiedRequest(tenantA(), { type: 'deletion', email: 'denied.announced@example.com' });
    await rights.staff(tenantA(), `/v1/rights-requests/${denied.id}/deny`, { method: 'POST', body: { reason: 'Kept by law.' } });
    assert.deepEqual((await messagesOf(denied.id)).map((message) => message.type).at(-1), 'rights_request.denied');
    assert.equal((await messagesOf(denied.id)).length, 3);

    // Tenant B's requests reach none of tenant A's endpoints.
    const other = await rights.verifiedRequest(tenantB(), { type: 'access', email: 'b.requester@example.com' });
    assert.equal((await messagesOf(other.id)).length, 0);
    await call(tenantA().secretKey, `/v1/webhook-endpoints/${endpoint.body.id}`, { method: 'DELETE' });
  });
});
