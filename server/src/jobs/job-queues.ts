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
  /** Scheduled: unverified rights requests expire and their personal data is shredded. */
  rightsExpiry: { name: 'rights-expiry', policy: 'singleton', retryLimit: 3, retryDelay: 60, expireInSeconds: 600 },
  /** Scheduled: rights requests due soon or overdue are flagged and announced, once each. */
  rightsDeadlines: { name: 'rights-deadlines', policy: 'singleton', retryLimit: 3, retryDelay: 60, expireInSeconds: 600 },

  /**
   * Webhook deliveries. A receiver's failure is not a job failure: the worker records it and
   * queues the next attempt itself (webhooks/retry-schedule.ts, up to 3 days), so the delivery
   * log can show when. pg-boss's own retries only cover the worker failing (database down).
   */
  webhooks: { name: 'webhooks', retryLimit: 10, retryDelay: 30, retryBackoff: true, expireInSeconds: 60 },
  /** Export bundles of answered access and portability requests (rights/export/). */
  rights_export: { name: 'rights_export', retryLimit: 10, retryDelay: 30, retryBackoff: true, expireInSeconds: 300 },
  /** Scheduled: webhook deliveries and messages past their retention are deleted (webhooks/webhook-log-retention.ts). */
  webhookLogRetention: { name: 'webhook-log-retention', policy: 'singleton', retryLimit: 3, retryDelay: 300, expireInSeconds: 900 },
  /** Scheduled daily: minors' accounts still waiting for a guardian's consent after 14 days are erased (accounts/guardian/). */
  guardianExpiry: { name: 'guardian-expiry', policy: 'singleton', retryLimit: 3, retryDelay: 300, expireInSeconds: 900 },
} as const satisfies Record<string, PgBoss.Queue>;

export type JobQueueName = (typeof JOB_QUEUES)[keyof typeof JOB_QUEUES]['name'];

export const JOB_SCHEMA = 'pgboss';

/** pg-boss's own queue that turns a schedule's tick into a job; the owner creates it, as ours. */
export const SCHEDULE_QUEUE = '__pgboss__send-it';
