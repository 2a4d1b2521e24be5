import type PgBoss from 'pg-boss';

/**
 * Every queue the product uses, created by the owner at migration (a pg-boss queue is a
 * table partition, which the application role may not create). Retries back off
 * exponentially from retryDelay; a job still failing after retryLimit tries stays in the
 * archive for inspection.
 */
export const JOB_QUEUES = {
  /** Outgoing mail: an SMTP outage delays mail for up to a day, it does not lose it. */
  mail: { name: 'mail', retryLimit: 20, retryDelay: 10, retryBackoff: true, expireInSeconds: 120 },
  /** Export bundles of answered access and portability requests (rights/export/). */
  rights_export: { name: 'rights_export', retryLimit: 10, retryDelay: 30, retryBackoff: true, expireInSeconds: 300 },
} as const satisfies Record<string, PgBoss.Queue>;

export type JobQueueName = (typeof JOB_QUEUES)[keyof typeof JOB_QUEUES]['name'];

export const JOB_SCHEMA = 'pgboss';
