import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import PgBoss from 'pg-boss';
import { createTestDatabase, type TestDatabase } from '../testing/test-database.ts';
import { JOB_QUEUES, JOB_SCHEMA, SCHEDULE_QUEUE } from './job-queues.ts';
import { pgBossAdapter } from './postgres-adapter.ts';

let db: TestDatabase;
before(async () => { db = await createTestDatabase(); });
after(() => db.drop());

test('migrate() installed the queues; the app role runs maintenance but cannot create or drop queues', async () => {
  const queues = await db.owner<{ name: string }[]>`SELECT name FROM pgboss.queue ORDER BY name`;
  assert.deepEqual(queues.map((queue) => queue.name), [...Object.values(JOB_QUEUES).map((queue) => queue.name), SCHEDULE_QUEUE].sort());

  const boss = new PgBoss({ db: pgBossAdapter(db.sql), schema: JOB_SCHEMA, migrate: false, schedule: false, supervise: true, maintenanceIntervalSeconds: 1 });
  const errors: Error[] = [];
  boss.on('error', (error) => errors.push(error));
  const maintained = new Promise<void>((resolve) => boss.once('maintenance', () => resolve()));
  await boss.start();
  try {
    await Promise.race([maintained, new Promise((_, reject) => setTimeout(() => reject(new Error(`no maintenance run within 10 s; errors: ${errors.map((error) => error.message).join('; ')}`)), 10_000))]);
    assert.deepEqual(errors.map((error) => error.message), []);
    await assert.rejects(boss.createQueue('made_by_the_app'), /permission denied/);
    await assert.rejects(db.sql`DROP TABLE pgboss.job`, /must be owner|permission denied/);
  } finally {
    await boss.stop({ graceful: false, close: false });
  }
});

test('migrate() again (another start) leaves the queue schema as it is', async () => {
  const { migrate } = await import('../db/migrate.ts');
  await migrate(db.owner);
  const [queue] = await db.owner<{ retry_limit: number }[]>`SELECT retry_limit FROM pgboss.queue WHERE name = 'mail'`;
  assert.equal(queue?.retry_limit, JOB_QUEUES.mail.retryLimit);
});

test('the app role keeps the schedules (timekeeper): it claims the cron tick and reports no error', async () => {
  const boss = new PgBoss({ db: pgBossAdapter(db.sql), schema: JOB_SCHEMA, migrate: false, schedule: true, supervise: false, cronMonitorIntervalSeconds: 1 });
  const errors: Error[] = [];
  boss.on('error', (error) => errors.push(error));
  await boss.start();
  try {
    await boss.schedule('mail', '0 3 * * *', {}, { tz: 'UTC' });
    const deadline = Date.now() + 10_000;
    while (!(await db.owner`SELECT 1 FROM pgboss.version WHERE cron_on IS NOT NULL`).length) {
      assert.ok(Date.now() < deadline, `no cron tick within 10 s; errors: ${errors.map((error) => error.message).join('; ')}`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    assert.deepEqual(errors.map((error) => error.message), []);
    await boss.unschedule('mail');
  } finally {
    await boss.stop({ graceful: false, close: false });
  }
});
