import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { verifyWebhook } from '@porttask/sdk/server';
import { Webhook } from 'standardwebhooks';
import { createApp } from '../app.ts';
import { insertApiKey } from '../auth/api-keys.queries.ts';
import { connect } from '../db/connection.ts';
import { createJobQueue, type JobQueue } from '../jobs/job-queue.ts';
import { setTenantLimits } from '../limits/limit-policies.ts';
import { createLogger } from '../logger.ts';
import { createFieldEncryption } from '../secrets/field-encryption.ts';
import { masterKeyring } from '../secrets/master-keyring.ts';
import type { DataScope } from '../tenants/data-scope.ts';
import { insertTenant } from '../tenants/tenants.queries.ts';
import { createTestDatabase, type TestDatabase } from '../testing/test-database.ts';
import { startWebhookReceiver, waitFor } from '../testing/webhook-receiver.ts';
import { emitRightsRequestEvent } from './webhook-events.ts';
import { startWebhookWorker } from './webhook-service.ts';
import { newSigningSecret, sealSigningSecret } from './webhook-secrets.ts';

/*
 * Deliveries end to end: endpoints registered through the API, events from a real request or
 * emitted as the due-soon job will, sent by the worker of an "API process" (its own pool, job
 * queue and app) to a real HTTP receiver on a loopback port.
 */
const logger = createLogger('silent');
const masterKey = randomBytes(32);
const encryption = createFieldEncryption(masterKeyring(randomBytes(32)));
const FAST_RETRIES = { firstDelaySeconds: 1, maxDelaySeconds: 2, giveUpAfterSeconds: 6 };

let db: TestDatabase;
const tenants: Record<'a' | 'b', { scope: DataScope; liveScope: DataScope; secretKey: string; liveSecretKey: string; publishableKey: string }> = {} as never;

before(async () => {
  db = await createTestDatabase();
  for (const letter of ['a', 'b'] as const) {
    const tenant = await insertTenant(db.owner, { name: `Webhook tenant ${letter}`, region: 'eu', jurisdictions: ['gdpr'] });
    const secret = await insertApiKey(db.owner, { tenantId: tenant.id, kind: 'secret', environment: 'test' });
    const liveSecret = await insertApiKey(db.owner, { tenantId: tenant.id, kind: 'secret', environment: 'live' });
    const publishable = await insertApiKey(db.owner, { tenantId: tenant.id, kind: 'publishable', environment: 'test' });
    const scope: DataScope = { tenantId: tenant.id, environment: 'test' };
    await setTenantLimits(db.owner, scope, { rightsRequestsPerIpPerHour: 1_000, rightsRequestsPerEmailPerDay: 1_000, rightsRequestsPerTenantPerHour: 1_000 });
    tenants[letter] = { scope, liveScope: { tenantId: tenant.id, environment: 'live' }, secretKey: secret.token, liveSecretKey: liveSecret.token, publishableKey: publishable.token };
  }
});
after(() => db.drop());

/** One API process: its own pool, job queue, app and webhook worker. */
async function startProcess(options: { timeoutMs?: number } = {}) {
  const connection = connect(db.url, { max: 4 });
  const jobs: JobQueue = createJobQueue(connection.sql, logger);
  await jobs.start();
  await startWebhookWorker({ sql: connection.sql, jobs, encryption, logger, allowPrivateTestAddresses: true, retrySchedule: FAST_RETRIES, timeoutMs: options.timeoutMs ?? 5_000, pollingIntervalSeconds: 0.5 });
  const app = createApp({ db: connection, logger, masterKey, rights: { encryption, jobs } });
  const call = async (secretKey: string, path: string, init: { method?: string; body?: unknown } = {}) => {
    const response = await app.request(path, {
      method: init.method ?? 'GET',
      headers: { Authorization: `Bearer ${secretKey}`, ...(init.body === undefined ? {} : { 'Content-Type': 'application/json' }) },
      ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
    });
    return { status: response.status, body: (await response.json()) as any };
  };
  return {
    app,
    call,
    async stop() {
      await jobs.stop();
      await connection.close();
    },
  };
}

type Process = Awaited<ReturnType<typeof startProcess>>;

async function register(api: Process, secretKey: string, url: string, events?: string[]) {
  const created = await api.call(secretKey, '/v1/webhook-endpoints', { method: 'POST', body: { url, ...(events ? { events } : {}) } });
  assert.equal(created.status, 201, JSON.stringify(created.body));
  return created.body as { id: string; secret: string };
}

async function deliveriesOf(api: Process, secretKey: string, endpointId: string) {
  const page = await api.call(secretKey, `/v1/webhook-endpoints/${endpointId}/deliveries`);
  assert.equal(page.status, 200, JSON.stringify(page.body));
  return page.body.data as Array<{ eventId: string; eventType: string; status: string; attempts: number; lastStatusCode: number | null; lastError: string | null; nextAttemptAt: string | null }>;
}

const emit = (scope: DataScope, type: Parameters<typeof emitRightsRequestEvent>[2], id = `rr_${'0'.repeat(20)}`) =>
  db.sql.begin((transaction) => emitRightsRequestEvent(transaction, scope, type, { id, type: 'access', status: 'pending', dueOn: '2027-01-15' }));

describe('webhook deliveries', () => {
  it('a request made on the partner\'s page reaches the receiver, signed: standardwebhooks and the SDK helper verify it; no personal data in it', async () => {
    const receiver = await startWebhookReceiver();
    const api = await startProcess();
    try {
      const endpoint = await register(api, tenants.a.secretKey, receiver.url, ['rights_request.created']);
      const made = await api.app.request('/v1/rights-requests', {
        method: 'POST',
        headers: { 'X-PortTask-Key': tenants.a.publishableKey, Origin: 'http://localhost:5173', 'Content-Type': 'application/json' },
        body: JSON.stringify({ type: 'access', email: 'hook.requester@example.com', name: 'Hook Requester', details: 'All my port calls' }),
      });
      assert.equal(made.status, 202);
      const { id } = (await made.json()) as { id: string };
      const delivery = await waitFor(() => receiver.received[0], 'the delivery');
      const event = new Webhook(endpoint.secret).verify(delivery.body, delivery.headers as Record<string, string>) as any;
      assert.equal(event.type, 'rights_request.created');
      assert.deepEqual(Object.keys(event.data).sort(), ['dueOn', 'id', 'object', 'status', 'type']);
      assert.equal(event.data.id, id);
      assert.equal(event.data.status, 'identity_unverified');
      assert.match(event.data.dueOn, /^\d{4}-\d{2}-\d{2}$/);
      assert.deepEqual(verifyWebhook(delivery.body, delivery.headers, endpoint.secret), event, 'the SDK helper agrees');
      assert.throws(() => verifyWebhook(delivery.body.replace('access', 'deletion'), delivery.headers, endpoint.secret), /signature/i, 'an altered body is refused');
      assert.throws(() => verifyWebhook(delivery.body, delivery.headers, newSigningSecret()), /signature/i, 'another endpoint\'s secret is refused');
      assert.equal(delivery.headers['webhook-id'], (await deliveriesOf(api, tenants.a.secretKey, endpoint.id))[0]?.eventId);
      assert.doesNotMatch(delivery.body, /hook\.requester|Hook Requester|port calls/);
      const [log] = await waitFor(async () => {
        const rows = await deliveriesOf(api, tenants.a.secretKey, endpoint.id);
        return rows[0]?.status === 'delivered' ? rows : undefined;
      }, 'the delivery log');
      assert.equal(log?.attempts, 1);
      assert.equal(log?.lastStatusCode, 200);
      // The secret is stored encrypted only.
      const stored = await db.owner<{ secret: Buffer }[]>`SELECT secret FROM webhook_endpoints WHERE id = ${endpoint.id}`;
      assert.ok(!stored[0]!.secret.toString('latin1').includes(endpoint.secret.slice(6, 20)));
      await api.call(tenants.a.secretKey, `/v1/webhook-endpoints/${endpoint.id}`, { method: 'DELETE' });
    } finally {
      await api.stop();
      await receiver.close();
    }
  });

  it('a receiver answering 500 is retried; after an API restart (a new process on the same database) the delivery arrives', async () => {
    const receiver = await startWebhookReceiver({ answers: [500] });
    const first = await startProcess();
    const endpoint = await register(first, tenants.a.secretKey, receiver.url);
    const messageId = await emit(tenants.a.scope, 'rights_request.overdue');
    await waitFor(async () => {
      const [row] = await deliveriesOf(first, tenants.a.secretKey, endpoint.id);
      return row && row.attempts >= 1 ? row : undefined;
    }, 'the failed try');
    await first.stop(); // the API goes away with the delivery waiting for its retry
    const [waiting] = await deliveriesOf(await startProcessWithoutWorker(), tenants.a.secretKey, endpoint.id);
    assert.equal(waiting?.status, 'retrying');
    assert.equal(waiting?.lastStatusCode, 500);
    assert.ok(waiting?.nextAttemptAt, 'the log says when the next try is');

    receiver.answer([200]);
    const second = await startProcess();
    try {
      const delivered = await waitFor(async () => {
        const [row] = await deliveriesOf(second, tenants.a.secretKey, endpoint.id);
        return row?.status === 'delivered' ? row : undefined;
      }, 'the delivery after the restart', 30_000);
      assert.ok(delivered.attempts >= 2);
      assert.equal(delivered.eventId, messageId);
      const tries = receiver.received.filter((request) => request.headers['webhook-id'] === messageId);
      assert.equal(tries.length, delivered.attempts, 'one POST per recorded try');
      for (const request of tries) {
        assert.equal((new Webhook(endpoint.secret).verify(request.body, request.headers as Record<string, string>) as any).type, 'rights_request.overdue');
      }
      assert.equal(new Set(tries.map((request) => request.body)).size, 1, 'every try sends the same body');
    } finally {
      await second.call(tenants.a.secretKey, `/v1/webhook-endpoints/${endpoint.id}`, { method: 'DELETE' });
      await second.stop();
      await receiver.close();
    }
  });

  it('gives up after the retry window: the delivery is failed and not tried again', async () => {
    const receiver = await startWebhookReceiver({ answers: [503] });
    const api = await startProcess();
    try {
      const endpoint = await register(api, tenants.a.secretKey, receiver.url);
      await emit(tenants.a.scope, 'rights_request.due_soon');
      const failed = await waitFor(async () => {
        const [row] = await deliveriesOf(api, tenants.a.secretKey, endpoint.id);
        return row?.status === 'failed' ? row : undefined;
      }, 'the delivery to be given up', 30_000);
      assert.equal(failed.nextAttemptAt, null);
      assert.equal(failed.lastStatusCode, 503);
      const tries = receiver.received.length;
      assert.equal(tries, failed.attempts);
      assert.ok(tries >= 3, `tried ${tries} times within the window`);
      await new Promise((resolve) => setTimeout(resolve, 2_500));
      assert.equal(receiver.received.length, tries, 'no try after giving up');
      await api.call(tenants.a.secretKey, `/v1/webhook-endpoints/${endpoint.id}`, { method: 'DELETE' });
    } finally {
      await api.stop();
      await receiver.close();
    }
  });

  it('a redirect is not followed and a receiver that does not answer times out: both are failed tries', async () => {
    const redirecting = await startWebhookReceiver({ answers: [302] });
    const silent = await startWebhookReceiver({ answers: ['hang'] });
    const api = await startProcess({ timeoutMs: 500 });
    try {
      const toRedirect = await register(api, tenants.a.secretKey, redirecting.url);
      const toSilent = await register(api, tenants.a.secretKey, silent.url);
      await emit(tenants.a.scope, 'rights_request.approved');
      const redirected = await waitFor(async () => (await deliveriesOf(api, tenants.a.secretKey, toRedirect.id)).find((row) => row.attempts >= 1), 'the redirected try');
      assert.equal(redirected.lastStatusCode, 302);
      assert.match(redirected.lastError ?? '', /redirects are not followed/);
      assert.ok(redirecting.received.every((request) => request.headers['webhook-id']), 'nothing went to the Location');
      const timedOut = await waitFor(async () => (await deliveriesOf(api, tenants.a.secretKey, toSilent.id)).find((row) => row.attempts >= 1), 'the timed-out try');
      assert.equal(timedOut.lastStatusCode, null);
      assert.match(timedOut.lastError ?? '', /no answer within 500 ms/);
      for (const endpoint of [toRedirect, toSilent]) await api.call(tenants.a.secretKey, `/v1/webhook-endpoints/${endpoint.id}`, { method: 'DELETE' });
    } finally {
      await api.stop();
      await redirecting.close();
      await silent.close();
    }
  });

  it('a live endpoint on a private or loopback address is refused at delivery, before connecting', async () => {
    const receiver = await startWebhookReceiver();
    const api = await startProcess();
    try {
      // The API refuses such a URL for live; written here as a name resolving to it would be
      // (plain http, so that any connection would show at the receiver).
      const id = `we_${'7'.repeat(20)}`;
      const sealed = sealSigningSecret(await encryption.tenantKey(db.sql, tenants.a.liveScope), id, newSigningSecret());
      await db.owner`
        INSERT INTO webhook_endpoints (tenant_id, environment, id, url, events, secret)
        VALUES (${tenants.a.liveScope.tenantId}, 'live', ${id}, ${`http://127.0.0.1:${receiver.port}/x`}, ${['*']}, ${sealed})`;
      await emit(tenants.a.liveScope, 'rights_request.completed');
      const refused = await waitFor(async () => (await deliveriesOf(api, tenants.a.liveSecretKey, id)).find((row) => row.attempts >= 1), 'the refused try');
      assert.match(refused.lastError ?? '', /127\.0\.0\.1.*is not allowed\. Because, It is private IP address/);
      assert.equal(receiver.received.length, 0, 'no connection was made');
      await db.owner`DELETE FROM webhook_endpoints WHERE id = ${id}`;
    } finally {
      await api.stop();
      await receiver.close();
    }
  });

  it('events go only to the endpoints of their tenant and environment that want their type; a deleted endpoint gets nothing more', async () => {
    const receivers = { a: await startWebhookReceiver(), b: await startWebhookReceiver(), onlyVerified: await startWebhookReceiver() };
    const api = await startProcess();
    try {
      const a = await register(api, tenants.a.secretKey, receivers.a.url);
      const b = await register(api, tenants.b.secretKey, receivers.b.url);
      const onlyVerified = await register(api, tenants.a.secretKey, receivers.onlyVerified.url, ['rights_request.verified']);
      const fromA = await emit(tenants.a.scope, 'rights_request.denied');
      const fromALive = await emit(tenants.a.liveScope, 'rights_request.denied');
      assert.equal(fromALive, null, 'tenant A\'s live environment has no endpoint: nothing is written');
      const fromB = await emit(tenants.b.scope, 'rights_request.extended');
      await waitFor(() => (receivers.a.received.length >= 1 && receivers.b.received.length >= 1 ? true : undefined), 'both deliveries');
      await new Promise((resolve) => setTimeout(resolve, 1_500));
      assert.deepEqual(receivers.a.received.map((request) => request.headers['webhook-id']), [fromA]);
      assert.deepEqual(receivers.b.received.map((request) => request.headers['webhook-id']), [fromB]);
      assert.equal(receivers.onlyVerified.received.length, 0, 'the filter held');
      // Tenant B's key sees nothing of tenant A's endpoints, nor does A's live key.
      for (const [key, path, method] of [
        [tenants.b.secretKey, `/v1/webhook-endpoints/${a.id}`, 'GET'], [tenants.b.secretKey, `/v1/webhook-endpoints/${a.id}/deliveries`, 'GET'],
        [tenants.b.secretKey, `/v1/webhook-endpoints/${a.id}`, 'DELETE'], [tenants.a.liveSecretKey, `/v1/webhook-endpoints/${a.id}`, 'GET'],
      ] as const) {
        assert.equal((await api.call(key, path, { method })).status, 404, `${method} ${path}`);
      }
      assert.deepEqual((await api.call(tenants.b.secretKey, '/v1/webhook-endpoints')).body.data.map((endpoint: { id: string }) => endpoint.id), [b.id]);

      assert.equal((await api.call(tenants.a.secretKey, `/v1/webhook-endpoints/${a.id}`, { method: 'DELETE' })).status, 200);
      await emit(tenants.a.scope, 'rights_request.completed');
      await new Promise((resolve) => setTimeout(resolve, 1_500));
      assert.equal(receivers.a.received.length, 1, 'nothing after the deletion');
      for (const [key, endpoint] of [[tenants.b.secretKey, b], [tenants.a.secretKey, onlyVerified]] as const) {
        await api.call(key, `/v1/webhook-endpoints/${endpoint.id}`, { method: 'DELETE' });
      }
    } finally {
      await api.stop();
      for (const receiver of Object.values(receivers)) await receiver.close();
    }
  });

  it('an event emitted in a transaction that rolls back is never sent', async () => {
    const receiver = await startWebhookReceiver();
    const api = await startProcess();
    try {
      const endpoint = await register(api, tenants.a.secretKey, receiver.url);
      await assert.rejects(db.sql.begin(async (transaction) => {
        await emitRightsRequestEvent(transaction, tenants.a.scope, 'rights_request.approved', { id: `rr_${'1'.repeat(20)}`, type: 'access', status: 'approved', dueOn: '2027-01-15' });
        throw new Error('the transition failed');
      }), /the transition failed/);
      const kept = await emit(tenants.a.scope, 'rights_request.completed');
      await waitFor(() => receiver.received[0], 'the committed event');
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      assert.deepEqual(receiver.received.map((request) => request.headers['webhook-id']), [kept]);
      await api.call(tenants.a.secretKey, `/v1/webhook-endpoints/${endpoint.id}`, { method: 'DELETE' });
    } finally {
      await api.stop();
      await receiver.close();
    }
  });
});

/** An app without a worker, to read the log while no process delivers. */
async function startProcessWithoutWorker() {
  const connection = connect(db.url, { max: 2 });
  const app = createApp({ db: connection, logger, masterKey, rights: { encryption, jobs: createJobQueue(connection.sql, logger) } });
  after(() => connection.close());
  return {
    async call(secretKey: string, path: string) {
      const response = await app.request(path, { headers: { Authorization: `Bearer ${secretKey}` } });
      return { status: response.status, body: (await response.json()) as any };
    },
  } as unknown as Process;
}
