import type { Queryable } from '../db/connection.ts';
import type { JobQueue } from '../jobs/job-queue.ts';
import type { Logger } from '../logger.ts';

/**
 * How long the delivery log keeps a finished delivery (delivered, or given up after its 3
 * days of retries), and the event it carried. Long enough to investigate a receiver's outage
 * after the fact; short enough that the log does not grow without end. One constant for every
 * tenant: the events hold no personal data, so no tenant needs a shorter period, and the log
 * is a troubleshooting aid, not a record anyone must keep.
 */
export const WEBHOOK_LOG_RETENTION_DAYS = 30;

/** Daily at 03:17 UTC, off the hour when other schedules run. */
export const WEBHOOK_LOG_RETENTION_SCHEDULE = '17 3 * * *';

export interface WebhookLogPurge {
  deliveriesDeleted: number;
  messagesDeleted: number;
}

/**
 * Deletes finished deliveries older than `retentionDays`, then the messages no delivery refers
 * to any more. Deliveries still pending or retrying are kept whatever their age. Runs through
 * the database function `purge_webhook_log` (migration 048): the application role cannot
 * delete from the log otherwise, and the function refuses a period under 7 days.
 */
export async function purgeWebhookLog(sql: Queryable, retentionDays = WEBHOOK_LOG_RETENTION_DAYS): Promise<WebhookLogPurge> {
  const [row] = await sql<{ deliveries_deleted: string; messages_deleted: string }[]>`
    SELECT deliveries_deleted::text, messages_deleted::text FROM purge_webhook_log(${retentionDays}::int)`;
  return { deliveriesDeleted: Number(row?.deliveries_deleted ?? 0), messagesDeleted: Number(row?.messages_deleted ?? 0) };
}

/**
 * Works the retention queue in this process and (re)stores its daily schedule: every API
 * process does; pg-boss makes one job per tick and the queue is a singleton.
 */
export async function startWebhookLogRetention(deps: { sql: Queryable; jobs: JobQueue; logger: Logger; pollingIntervalSeconds?: number }): Promise<void> {
  await deps.jobs.work('webhook-log-retention', async () => {
    const result = await purgeWebhookLog(deps.sql);
    if (result.deliveriesDeleted + result.messagesDeleted > 0) deps.logger.info(result, 'webhook delivery log purged');
  }, { pollingIntervalSeconds: deps.pollingIntervalSeconds ?? 10 });
  await deps.jobs.schedule('webhook-log-retention', WEBHOOK_LOG_RETENTION_SCHEDULE);
}
