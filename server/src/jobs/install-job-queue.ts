import PgBoss from 'pg-boss';
import type { Queryable } from '../db/connection.ts';
import { JOB_QUEUES, JOB_SCHEMA, SCHEDULE_QUEUE } from './job-queues.ts';
import { pgBossAdapter } from './postgres-adapter.ts';

/**
 * Run by `migrate()` as the owner, after the numbered SQL files: pg-boss creates or upgrades
 * its own schema (its migrations are versioned with the library), our queues are created,
 * and the application role gets row access to the queue tables and nothing more.
 */
export async function installJobQueue(owner: Queryable): Promise<void> {
  const boss = new PgBoss({ db: pgBossAdapter(owner), schema: JOB_SCHEMA, migrate: true, supervise: false, schedule: false });
  boss.on('error', () => {}); // errors of start() are thrown to us below
  await boss.start();
  try {
    const existing = new Set((await boss.getQueues()).map((queue) => queue.name));
    for (const queue of Object.values(JOB_QUEUES)) {
      if (existing.has(queue.name)) await boss.updateQueue(queue.name, queue);
      else await boss.createQueue(queue.name, queue);
    }
    if (!existing.has(SCHEDULE_QUEUE)) await boss.createQueue(SCHEDULE_QUEUE);
  } finally {
    await boss.stop({ graceful: false, close: false });
  }
  await owner.unsafe(`
    GRANT USAGE ON SCHEMA ${JOB_SCHEMA} TO porttask_app;
    GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA ${JOB_SCHEMA} TO porttask_app;
    GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA ${JOB_SCHEMA} TO porttask_app;
    REVOKE EXECUTE ON FUNCTION ${JOB_SCHEMA}.create_queue(text, json), ${JOB_SCHEMA}.delete_queue(text) FROM porttask_app, PUBLIC;`);
}
