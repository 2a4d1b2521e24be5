import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createRoute } from '@hono/zod-openapi';
import * as z from 'zod';
import type { AppEnv } from '../app-env.ts';
import { createRouter } from './router.ts';
import { ApiError } from './api-error.ts';
import { createAppFixture, type AppFixture } from '../testing/app-fixture.ts';

/**
 * The request pipeline every write goes through (validation, body limits, transactions,
 * idempotency), exercised through a route that exists only in this test: it writes a row
 * and can be told to fail after writing.
 */
const Shipment = z.object({ reference: z.string().min(1).max(40), containers: z.number().int().min(1), failAfterWrite: z.boolean().optional() });
const recordShipment = createRoute({
  method: 'post',
  path: '/v1/test-shipments',
  request: { body: { content: { 'application/json': { schema: Shipment } }, required: true } },
  responses: { 201: { description: 'created', content: { 'application/json': { schema: z.object({ id: z.number(), reference: z.string() }) } } } },
});
/** Holds the handler of a shipment named SLOW after its write, until released. */
let slowShipment: { reached: boolean; released: Promise<void> } | undefined;
const testRouter = createRouter().openapi(recordShipment, async (c) => {
  const input = c.req.valid('json');
  const [row] = await c.get('sql')<{ id: number }[]>`
    INSERT INTO test_shipments (tenant_id, reference, containers) VALUES (${c.get('scope').tenantId}, ${input.reference}, ${input.containers}) RETURNING id`;
  if (input.failAfterWrite) throw new ApiError(409, 'CONFLICT', 'Told to fail after writing.');
  if (slowShipment && input.reference === 'SLOW') {
    slowShipment.reached = true;
    await slowShipment.released;
  }
  return c.json({ id: row!.id, reference: input.reference }, 201);
});

let fixture: AppFixture;
before(async () => {
  fixture = await createAppFixture();
  await fixture.db.owner`CREATE TABLE test_shipments (id serial PRIMARY KEY, tenant_id text NOT NULL, reference text NOT NULL, containers int NOT NULL)`;
  await fixture.db.owner`GRANT SELECT, INSERT ON test_shipments TO porttask_app`;
  await fixture.db.owner`GRANT USAGE ON SEQUENCE test_shipments_id_seq TO porttask_app`;
  fixture.app.route('/', testRouter as unknown as ReturnType<typeof createRouter>);
});
after(async () => { await fixture.close(); });

const post = (body: string, headers: Record<string, string> = {}) =>
  fixture.request('/v1/test-shipments', {
    method: 'POST',
    body,
    headers: { Authorization: `Bearer ${fixture.tenantA.secretKey}`, 'Content-Type': 'application/json', ...headers },
  });
const countRows = async () => Number((await fixture.db.owner`SELECT count(*) FROM test_shipments`)[0]!.count);

async function errorOf(response: Response, status: number) {
  assert.equal(response.status, status);
  assert.match(response.headers.get('Content-Type') ?? '', /application\/json/);
  const body = await response.json();
  assert.match(body.error.requestId, /^req_/);
  return body.error as { code: string; message: string; issues?: { path: (string | number)[] }[] };
}

describe('error shape', () => {
  it('answers malformed JSON with 400 INVALID_JSON', async () => {
    assert.equal((await errorOf(await post('{"reference": "A1",'), 400)).code, 'INVALID_JSON');
  });

  it('answers wrong types with 422 and says where', async () => {
    const error = await errorOf(await post(JSON.stringify({ reference: 42, containers: 'many' })), 422);
    assert.equal(error.code, 'VALIDATION_FAILED');
    const paths = error.issues!.map((issue) => issue.path.join('.'));
    assert.deepEqual(paths.sort(), ['body.containers', 'body.reference']);
  });

  it('answers an oversized body with 413 and writes nothing', async () => {
    const huge = JSON.stringify({ reference: 'A', containers: 1, padding: 'x'.repeat(300 * 1024) });
    assert.equal((await errorOf(await post(huge), 413)).code, 'PAYLOAD_TOO_LARGE');
    assert.equal(await countRows(), 0);
  });

  it('answers a body that is not JSON with 415', async () => {
    assert.equal((await errorOf(await post('reference=A', { 'Content-Type': 'application/x-www-form-urlencoded' }), 415)).code, 'UNSUPPORTED_MEDIA_TYPE');
    // CSV is taken by the line-up import only; anywhere else it is as unsupported as a form.
    assert.equal((await errorOf(await post('reference,containers\nA,1', { 'Content-Type': 'text/csv' }), 415)).code, 'UNSUPPORTED_MEDIA_TYPE');
  });

  it('answers unknown routes with 404 and wrong methods with 405 and Allow', async () => {
    const auth = { Authorization: `Bearer ${fixture.tenantA.secretKey}` };
    assert.equal((await errorOf(await fixture.request('/v1/nowhere', { headers: auth }), 404)).code, 'NOT_FOUND');
    assert.equal((await errorOf(await fixture.request('/nowhere'), 404)).code, 'NOT_FOUND');
    const wrongMethod = await fixture.request('/v1/config', { method: 'DELETE', headers: auth });
    assert.equal(wrongMethod.headers.get('Allow'), 'GET');
    assert.equal((await errorOf(wrongMethod, 405)).code, 'METHOD_NOT_ALLOWED');
  });

  it('never answers 500 for any of a batch of hostile inputs', async () => {
    const bodies = ['', 'null', '[]', '"text"', '{"reference":null}', '{"reference":"\\u0000","containers":1e309}', '{'.repeat(5000), '{"__proto__":{"x":1}}'];
    for (const body of bodies) {
      const response = await post(body);
      assert.ok(response.status >= 400 && response.status < 500, `${body.slice(0, 20)} → ${response.status}`);
    }
  });
});

describe('writes', () => {
  it('roll back a write whose request then fails', async () => {
    const before = await countRows();
    await errorOf(await post(JSON.stringify({ reference: 'FAIL', containers: 1, failAfterWrite: true })), 409);
    assert.equal(await countRows(), before);
  });

  it('apply a retried POST with the same Idempotency-Key once, and replay its answer', async () => {
    const before = await countRows();
    const body = JSON.stringify({ reference: 'MSCU1234567', containers: 3 });
    const first = await post(body, { 'Idempotency-Key': 'retry-1' });
    const second = await post(body, { 'Idempotency-Key': 'retry-1' });
    assert.equal(first.status, 201);
    assert.equal(second.status, 201);
    assert.equal(second.headers.get('Idempotent-Replayed'), 'true');
    assert.deepEqual(await second.json(), await first.json());
    assert.equal(await countRows(), before + 1);
  });

  it('apply concurrent duplicates once: the others are told the first is in progress, then get its answer', async () => {
    const before = await countRows();
    const body = JSON.stringify({ reference: 'CONCURRENT', containers: 2 });
    const answers = await Promise.all(Array.from({ length: 5 }, () => post(body, { 'Idempotency-Key': 'burst-1' })));
    const created = answers.filter((answer) => answer.status === 201 && answer.headers.get('Idempotent-Replayed') === null);
    assert.equal(created.length, 1, `statuses ${answers.map((answer) => answer.status)}`);
    for (const answer of answers.filter((candidate) => candidate.status !== 201)) {
      assert.equal(answer.status, 409);
      assert.equal(answer.headers.get('Retry-After'), '1');
      assert.equal((await errorOf(answer, 409)).code, 'IDEMPOTENCY_REQUEST_IN_PROGRESS');
    }
    const first = await created[0]!.json();
    const retried = await post(body, { 'Idempotency-Key': 'burst-1' });
    assert.equal(retried.headers.get('Idempotent-Replayed'), 'true');
    assert.deepEqual(await retried.json(), first);
    assert.equal(await countRows(), before + 1);
  });

  it('answer a repeat of a slow request while it runs with 409 IN_PROGRESS, without running it again', async () => {
    const before = await countRows();
    const body = JSON.stringify({ reference: 'SLOW', containers: 4 });
    // The first attempt holds its transaction open: its row is written, not committed.
    let release!: () => void;
    const hold = { reached: false, released: new Promise<void>((resolve) => { release = resolve; }) };
    slowShipment = hold;
    const first = post(body, { 'Idempotency-Key': 'slow-1' });
    while (!hold.reached) await new Promise((resolve) => setTimeout(resolve, 10));
    const repeat = await post(body, { 'Idempotency-Key': 'slow-1' });
    assert.equal((await errorOf(repeat, 409)).code, 'IDEMPOTENCY_REQUEST_IN_PROGRESS');
    release();
    slowShipment = undefined;
    assert.equal((await first).status, 201);
    const after = await post(body, { 'Idempotency-Key': 'slow-1' });
    assert.equal(after.headers.get('Idempotent-Replayed'), 'true');
    assert.equal(await countRows(), before + 1, 'written once');
  });

  it('refuse the same Idempotency-Key with a different body (409)', async () => {
    await post(JSON.stringify({ reference: 'ONE', containers: 1 }), { 'Idempotency-Key': 'reuse-1' });
    const error = await errorOf(await post(JSON.stringify({ reference: 'TWO', containers: 1 }), { 'Idempotency-Key': 'reuse-1' }), 409);
    assert.equal(error.code, 'IDEMPOTENCY_KEY_REUSED');
  });

  it('keep idempotency keys per tenant', async () => {
    const body = JSON.stringify({ reference: 'SHARED-KEY', containers: 1 });
    const a = await post(body, { 'Idempotency-Key': 'same-key' });
    const b = await fixture.request('/v1/test-shipments', {
      method: 'POST', body,
      headers: { Authorization: `Bearer ${fixture.tenantB.secretKey}`, 'Content-Type': 'application/json', 'Idempotency-Key': 'same-key' },
    });
    assert.equal(a.status, 201);
    assert.equal(b.status, 201);
    assert.equal(b.headers.get('Idempotent-Replayed'), null, 'tenant B must not get tenant A\'s stored answer');
  });
});

describe('security headers', () => {
  it('are on every answer', async () => {
    const response = await fixture.request('/healthz');
    assert.equal(response.status, 200);
    assert.match(response.headers.get('Content-Security-Policy') ?? '', /default-src 'none'/);
    assert.equal(response.headers.get('X-Content-Type-Options'), 'nosniff');
    assert.equal(response.headers.get('Referrer-Policy'), 'strict-origin-when-cross-origin');
    assert.match(response.headers.get('X-Request-Id') ?? '', /^req_/);
  });
});

describe('X-Request-Id from the client', () => {
  const idOf = async (sent: string) => (await fixture.request('/healthz', { headers: { 'X-Request-Id': sent } })).headers.get('X-Request-Id');

  it('is kept when it is a plain id (a proxy or the partner correlating logs)', async () => {
    assert.equal(await idOf('trace-1234abcd.5678'), 'trace-1234abcd.5678');
  });

  it('is replaced when it could forge or flood a log line', async () => {
    for (const unsafe of ['short', 'x'.repeat(65), 'id with spaces', 'id"},"level":"fatal', 'café-1234567']) {
      assert.match(await idOf(unsafe) ?? '', /^req_[A-Za-z0-9]+$/, unsafe);
    }
  });
});

export type { AppEnv };
