import type { Sql } from '../db/connection.ts';
import type { JobQueue } from '../jobs/job-queue.ts';
import type { Logger } from '../logger.ts';
import type { FieldEncryption } from '../secrets/field-encryption.ts';
import { DEFAULT_RETRY_SCHEDULE, type RetrySchedule } from './retry-schedule.ts';
import type { WebhookJob } from './webhook-events.ts';
import { webhookSender } from './webhook-sender.ts';

/** A receiver has this long to answer (connecting included). */
export const DEFAULT_WEBHOOK_TIMEOUT_MS = 10_000;
/** Tries running at once per process: one slow receiver does not hold the others' events. */
const CONCURRENT_DELIVERIES = 4;

export interface WebhookWorkerOptions {
  sql: Sql;
  jobs: JobQueue;
  encryption: FieldEncryption;
  logger: Logger;
  /** Outside production, test endpoints may be on this machine or a private network. */
  allowPrivateTestAddresses: boolean;
  retrySchedule?: RetrySchedule;
  timeoutMs?: number;
  pollingIntervalSeconds?: number;
}

/** Starts delivering webhooks from this process (every API process does; the queue shares the work). */
export async function startWebhookWorker(options: WebhookWorkerOptions): Promise<void> {
  const send = webhookSender({
    sql: options.sql, encryption: options.encryption, logger: options.logger, allowPrivateTestAddresses: options.allowPrivateTestAddresses,
    retrySchedule: options.retrySchedule ?? DEFAULT_RETRY_SCHEDULE, timeoutMs: options.timeoutMs ?? DEFAULT_WEBHOOK_TIMEOUT_MS,
  });
  await options.jobs.work<WebhookJob>('webhooks', send, { pollingIntervalSeconds: options.pollingIntervalSeconds, concurrency: CONCURRENT_DELIVERIES });
}
