import PgBoss from 'pg-boss';
import type { Queryable, Sql } from '../db/connection.ts';
import type { Logger } from '../logger.ts';
import { JOB_SCHEMA, type JobQueueName } from './job-queues.ts';
import { pgBossAdapter } from './postgres-adapter.ts';

export interface JobQueue {
  /** Queues a job in the caller's transaction: it exists exactly when the transaction commits. */
  enqueue(sql: Queryable, queue: JobQueueName, data: object, options?: PgBoss.SendOptions): Promise<string | null>;
  /** Runs `handler` for each job of `queue`; a throw fails the try, and pg-boss retries it later. */
  work<Data extends object>(queue: JobQueueName, handler: (data: Data) => Promise<void>, options?: { pollingIntervalSeconds?: number; concurrency?: number }): Promise<void>;
  /**
   * Queues a job on `queue` by a cron expression (UTC), stored in PostgreSQL: however many
   * processes schedule it, one job is made per tick. Needs a queue created with `timekeeper`.
   */
  schedule(queue: JobQueueName, cron: string): Promise<void>;
  start(): Promise<void>;
  /** Stops taking jobs and waits (bounded) for the ones running. */
  stop(): Promise<void>;
}

/**
 * The PostgreSQL job queue (pg-boss: `FOR UPDATE SKIP LOCKED` underneath), run as the
 * application role. Any number of API processes share it; a job taken by a process that dies
 * expires and runs again elsewhere. Its schema is installed by `migrate()`.
 */
export interface JobQueueOptions {
  /** Per-queue overrides of retry timing (tests retry in a second, not minutes). */
  sendDefaults?: Partial<Record<JobQueueName, PgBoss.SendOptions>>;
  /** Turns scheduled jobs into queued ones (the API processes do; one-off commands need not). */
  timekeeper?: boolean;
}

export function createJobQueue(sql: Sql, logger: Logger, options: JobQueueOptions = {}): JobQueue {
  const boss = new PgBoss({ db: pgBossAdapter(sql), schema: JOB_SCHEMA, migrate: false, schedule: options.timekeeper ?? false, supervise: true });
  boss.on('error', (error) => logger.error({ err: error }, 'job queue error'));
  return {
    enqueue: (transaction, queue, data, sendOptions = {}) => enqueueJob(transaction, queue, data, { ...options.sendDefaults?.[queue], ...sendOptions }),
    async work(queue, handler, workOptions = {}) {
      // Each worker takes one job at a time; `concurrency` workers run side by side.
      for (let worker = 0; worker < (workOptions.concurrency ?? 1); worker += 1) {
        await boss.work(queue, { pollingIntervalSeconds: workOptions.pollingIntervalSeconds ?? 2, batchSize: 1 }, async (jobs) => {
          for (const job of jobs) await handler(job.data as never);
        });
      }
    },
    async schedule(queue, cron) {
      await boss.schedule(queue, cron, {}, { tz: 'UTC' });
    },
    async start() {
      await boss.start();
    },
    async stop() {
      await boss.stop({ graceful: true, close: false, timeout: 10_000, wait: true });
    },
  };
}

/** Sends only (never started): pg-boss builds the job's INSERT, the caller's transaction runs it. */
let sender: PgBoss | undefined;

/**
 * Queues a job in the caller's transaction, without a running queue at hand (code that is
 * given only a transaction, e.g. an event emitted from a scheduled job): the job exists
 * exactly when the transaction commits, and any process working the queue runs it.
 */
export function enqueueJob(transaction: Queryable, queue: JobQueueName, data: object, options: PgBoss.SendOptions = {}): Promise<string | null> {
  sender ??= new PgBoss({ db: { executeSql: () => Promise.reject(new Error('jobs are sent through the caller\'s transaction')) }, schema: JOB_SCHEMA, migrate: false, schedule: false, supervise: false });
  return sender.send(queue, data, { ...options, db: pgBossAdapter(transaction) });
}
