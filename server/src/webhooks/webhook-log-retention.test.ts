import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { newWebhookEndpointId } from '../ids.ts';
import { createJobQueue, type JobQueue } from '../jobs/job-queue.ts';
import { createLogger } from '../logger.ts';
import { createFieldEncryption } from '../secrets/field-encryption.ts';
import { masterKeyring } from '../secrets/master-keyring.ts';
import type { DataScope } from '../tenants/data-scope.ts';
import { insertTenant } from '../tenants/tenants.queries.ts';
import { createTestDatabase, type TestDatabase } from '../testing/test-database.ts';
import { waitFor } from '../testing/webhook-receiver.ts';
import { insertEndpoint } from './webhook-endpoints.queries.ts';
import { emitRightsRequestEvent } from './webhook-events.ts';
import { purgeWebhookLog, startWebhookLogRetention, WEBHOOK_LOG_RETENTION_DAYS, WEBHOOK_LOG_RETENTION_SCHEDULE } from './webhook-log-retention.ts';
import { newSigningSecret, sealSigningSecret } from './webhook-secrets.ts';

/*
 * The delivery log's retention on a real PostgreSQL, as the application role runs it: finished
 * deliveries past the period go with their messages; young ones and those still being retried
 * stay; the role cannot delete from the log any other way.
 */
const encryption = createFieldEncryption(masterKeyring(randomBytes(32)));
let db: TestDatabase;
let scopes: DataScope[];

before(async () => {
  db = await createTestDatabase();
  scopes = [];
  for (const name of ['Retention A', 'Retention B']) {
    const tenant = await insertTenant(db.owner, { name, region: 'eu', jurisdictions: ['gdpr'] });
    const scope: DataScope = { tenantId: tenant.id, environment: 'live' };
    const id = newWebhookEndpointId();
    await db.sql.begin(async (transaction) => insertEndpoint(transaction, scope, {
      id, url: 'https://partner.example.com/hooks', description: null, events: ['*'],
      sealedSecret: sealSigningSecret(await encryption.tenantKey(transaction, scope), id, newSigningSecret()),
    }));
    scopes.push(scope);
  }
});
after(() => db.drop());

/** One event to the scope's endpoint, `daysAgo` old, in the given state; its message id. */
async function delivery(scope: DataScope, daysAgo: number, state: 'delivered' | 'failed' | 'retrying'): Promise<string> {
  const messageId = await db.sql.begin((transaction) => emitRightsRequestEvent(transaction, scope, 'rights_request.verified', { id: `rr_${'2'.repeat(20)}`, type: 'access', status: 'pending', dueOn: '2027-01-15' }));
  const at = new Date(Date.now() - daysAgo * 86_400_000);
  await db.owner`UPDATE webhook_messages SET created_at = ${at} WHERE id = ${messageId!}`;
  await db.owner`
    UPDATE webhook_deliveries SET created_at = ${at}, attempts = 1, last_attempt_at = ${at},
      delivered_at = ${state === 'delivered' ? at : null}, gave_up_at = ${state === 'failed' ? at : null}
    WHERE message_id = ${messageId!}`;
  return messageId!;
}

const exists = async (messageId: string) => ({
  message: (await db.owner`SELECT 1 FROM webhook_messages WHERE id = ${messageId}`).length === 1,
  delivery: (await db.owner`SELECT 1 FROM webhook_deliveries WHERE message_id = ${messageId}`).length === 1,
});

describe('webhook delivery log retention', () => {
  it(`deletes finished deliveries older than ${WEBHOOK_LOG_RETENTION_DAYS} days and their messages, in every tenant; keeps young ones and those still retrying`, async () => {
    const [a, b] = scopes as [DataScope, DataScope];
    const oldDelivered = await delivery(a, WEBHOOK_LOG_RETENTION_DAYS + 1, 'delivered');
    const oldFailed = await delivery(b, WEBHOOK_LOG_RETENTION_DAYS + 5, 'failed');
    const oldRetrying = await delivery(a, WEBHOOK_LOG_RETENTION_DAYS + 1, 'retrying');
    const young = await delivery(a, WEBHOOK_LOG_RETENTION_DAYS - 1, 'delivered');

    const result = await purgeWebhookLog(db.sql);
    assert.deepEqual(result, { deliveriesDeleted: 2, messagesDeleted: 2 });
    assert.deepEqual(await exists(oldDelivered), { message: false, delivery: false });
    assert.deepEqual(await exists(oldFailed), { message: false, delivery: false });
    assert.deepEqual(await exists(oldRetrying), { message: true, delivery: true }, 'still being answered: kept');
    assert.deepEqual(await exists(young), { message: true, delivery: true });
    assert.deepEqual(await purgeWebhookLog(db.sql), { deliveriesDeleted: 0, messagesDeleted: 0 }, 'a second run finds nothing');
  });

  it('the application role cannot delete from the log itself, nor purge with a period under 7 days', async () => {
    await assert.rejects(db.sql`DELETE FROM webhook_deliveries`, /permission denied/);
    await assert.rejects(db.sql`DELETE FROM webhook_messages`, /permission denied/);
    await assert.rejects(purgeWebhookLog(db.sql, 0), /7 to 3650 days/);
    await assert.rejects(purgeWebhookLog(db.sql, 6), /7 to 3650 days/);
  });

  it('is a daily pg-boss schedule; a queued run purges', async () => {
    const jobs: JobQueue = createJobQueue(db.sql, createLogger('silent'));
    await jobs.start();
    try {
      const old = await delivery(scopes[0]!, WEBHOOK_LOG_RETENTION_DAYS + 2, 'delivered');
      await startWebhookLogRetention({ sql: db.sql, jobs, logger: createLogger('silent'), pollingIntervalSeconds: 0.5 });
      const schedules = await db.owner<{ name: string; cron: string; timezone: string }[]>`SELECT name, cron, timezone FROM pgboss.schedule WHERE name = 'webhook-log-retention'`;
      assert.deepEqual([...schedules], [{ name: 'webhook-log-retention', cron: WEBHOOK_LOG_RETENTION_SCHEDULE, timezone: 'UTC' }]);
      await db.sql.begin((transaction) => jobs.enqueue(transaction, 'webhook-log-retention', {}));
      await waitFor(async () => ((await exists(old)).message ? undefined : true), 'the queued purge');
    } finally {
      await jobs.stop();
    }
  });
});
