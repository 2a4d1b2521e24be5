import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { createClient } from '@porttask/sdk';
import { verifyWebhook } from '@porttask/sdk/server';
import { Webhook } from 'standardwebhooks';
import { createApp } from '../app.ts';
import { insertApiKey } from '../auth/api-keys.queries.ts';
import { createJobQueue, type JobQueue } from '../jobs/job-queue.ts';
import { createLogger } from '../logger.ts';
import { listen, type Listening } from '../runtime/listen.ts';
import { createFieldEncryption } from '../secrets/field-encryption.ts';
import { masterKeyring } from '../secrets/master-keyring.ts';
import type { DataScope } from '../tenants/data-scope.ts';
import { insertTenant } from '../tenants/tenants.queries.ts';
import { createTestDatabase, type TestDatabase } from '../testing/test-database.ts';
import { startWebhookReceiver, waitFor } from '../testing/webhook-receiver.ts';
import { emitRightsRequestEvent } from './webhook-events.ts';
import { startWebhookWorker } from './webhook-service.ts';

/*
 * Rolling an endpoint's secret through the SDK against the real API, with deliveries sent by
 * the real worker to a real HTTP receiver: during the overlap both secrets verify (two
 * signatures in one header), after it only the new one does.
 */
const logger = createLogger('silent');
const encryption = createFieldEncryption(masterKeyring(randomBytes(32)));

let db: TestDatabase;
let jobs: JobQueue;
let api: Listening;
let scope: DataScope;
let otherSecretKey: string;
let client: ReturnType<typeof createClient>;

before(async () => {
  db = await createTestDatabase();
  const tenant = await insertTenant(db.owner, { name: 'Roll tenant', region: 'eu', jurisdictions: ['gdpr'] });
  const other = await insertTenant(db.owner, { name: 'Other tenant', region: 'eu', jurisdictions: ['gdpr'] });
  const secret = await insertApiKey(db.owner, { tenantId: tenant.id, kind: 'secret', environment: 'test' });
  otherSecretKey = (await insertApiKey(db.owner, { tenantId: other.id, kind: 'secret', environment: 'test' })).token;
  scope = { tenantId: tenant.id, environment: 'test' };
  jobs = createJobQueue(db.sql, logger);
  await jobs.start();
  await startWebhookWorker({ sql: db.sql, jobs, encryption, logger, allowPrivateTestAddresses: true, pollingIntervalSeconds: 0.5 });
  api = await listen(createApp({ db, logger, masterKey: randomBytes(32), rights: { encryption, jobs } }).fetch, { port: 0, host: '127.0.0.1' });
  client = createClient({ apiUrl: api.url, secretKey: secret.token });
});
after(async () => {
  await api?.close(500);
  await jobs?.stop();
  await db?.drop();
});

const emit = () => db.sql.begin((transaction) => emitRightsRequestEvent(transaction, scope, 'rights_request.verified', { id: `rr_${'1'.repeat(20)}`, type: 'access', status: 'pending', dueOn: '2027-01-15' }));

const verifies = (secret: string, delivery: { body: string; headers: Record<string, unknown> }) => {
  try {
    new Webhook(secret).verify(delivery.body, delivery.headers as Record<string, string>);
    return true;
  } catch {
    return false;
  }
};

describe('rolling a webhook endpoint\'s secret', () => {
  it('both secrets verify for 24 hours, then only the new one; the answer shows the new secret once', async () => {
    const receiver = await startWebhookReceiver();
    try {
      const endpoint = await client.webhookEndpoints.create({ url: receiver.url });
      const before = Date.now();
      const rolled = await client.webhookEndpoints.rollSecret(endpoint.id);
      assert.notEqual(rolled.secret, endpoint.secret);
      assert.match(rolled.secret, /^whsec_/);
      assert.equal(rolled.id, endpoint.id);
      const overlapMs = Date.parse(rolled.previousSecretExpiresAt) - before;
      assert.ok(overlapMs > 23.9 * 3_600_000 && overlapMs <= 24 * 3_600_000 + 60_000, `24 hours of overlap, got ${overlapMs} ms`);
      assert.equal(JSON.stringify(await client.webhookEndpoints.get(endpoint.id)).includes('whsec_'), false, 'never shown again');

      await emit();
      const during = await waitFor(() => receiver.received[0], 'the delivery during the overlap');
      assert.equal(String(during.headers['webhook-signature']).split(' ').length, 2, 'two signatures');
      assert.ok(verifies(rolled.secret, during), 'the new secret verifies');
      assert.ok(verifies(endpoint.secret, during), 'the replaced secret verifies');
      assert.equal(verifyWebhook(during.body, during.headers, endpoint.secret).type, 'rights_request.verified', 'the SDK helper too');
      assert.equal(verifies(`whsec_${randomBytes(24).toString('base64')}`, during), false, 'another secret does not');

      // 24 hours on: the overlap's end moved into the past, as the clock would.
      await db.owner`UPDATE webhook_endpoints SET previous_secret_expires_at = now() - interval '1 second' WHERE id = ${endpoint.id}`;
      await emit();
      const afterOverlap = await waitFor(() => receiver.received[1], 'the delivery after the overlap');
      assert.equal(String(afterOverlap.headers['webhook-signature']).split(' ').length, 1, 'one signature');
      assert.ok(verifies(rolled.secret, afterOverlap), 'the new secret verifies');
      assert.equal(verifies(endpoint.secret, afterOverlap), false, 'the replaced secret no longer does');
    } finally {
      await receiver.close();
    }
  });

  it('rolling again ends the oldest secret at once; another tenant\'s key gets 404; nothing is stored in clear', async () => {
    const receiver = await startWebhookReceiver();
    try {
      const endpoint = await client.webhookEndpoints.create({ url: receiver.url });
      const first = await client.webhookEndpoints.rollSecret(endpoint.id);
      const second = await client.webhookEndpoints.rollSecret(endpoint.id);
      await emit();
      const delivery = await waitFor(() => receiver.received[0], 'the delivery');
      assert.ok(verifies(second.secret, delivery));
      assert.ok(verifies(first.secret, delivery));
      assert.equal(verifies(endpoint.secret, delivery), false, 'the secret replaced two rolls ago stopped signing');

      const refused = await fetch(`${api.url}/v1/webhook-endpoints/${endpoint.id}/roll-secret`, { method: 'POST', headers: { Authorization: `Bearer ${otherSecretKey}` } });
      assert.equal(refused.status, 404);
      assert.equal(((await refused.json()) as { error: { code: string } }).error.code, 'NOT_FOUND');

      const [row] = await db.owner<{ dump: string }[]>`SELECT encode(secret, 'escape') || encode(previous_secret, 'escape') AS dump FROM webhook_endpoints WHERE id = ${endpoint.id}`;
      for (const secret of [first.secret, second.secret]) assert.equal(row!.dump.includes(secret.slice(6)), false, 'sealed, never in clear');
    } finally {
      await receiver.close();
    }
  });
});
