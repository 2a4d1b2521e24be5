import { Webhook } from 'standardwebhooks';
import type { Sql } from '../db/connection.ts';
import { enqueueJob } from '../jobs/job-queue.ts';
import type { Logger } from '../logger.ts';
import type { FieldEncryption } from '../secrets/field-encryption.ts';
import type { DataScope } from '../tenants/data-scope.ts';
import { findDeliveryToSend, recordAttempt } from './webhook-deliveries.queries.ts';
import type { WebhookJob } from './webhook-events.ts';
import { postWebhook } from './webhook-request.ts';
import { nextAttemptAt, type RetrySchedule } from './retry-schedule.ts';
import { openSigningSecret } from './webhook-secrets.ts';

export interface WebhookSenderOptions {
  sql: Sql;
  encryption: FieldEncryption;
  logger: Logger;
  retrySchedule: RetrySchedule;
  timeoutMs: number;
  /** Test endpoints may be on private and loopback addresses (development); live ones never. */
  allowPrivateTestAddresses: boolean;
}

/**
 * The `webhooks` queue's worker: one try of one delivery. The body is signed afresh at each
 * try (Standard Webhooks: `webhook-id` stays the message's id, `webhook-timestamp` is now).
 * The outcome is recorded, and after a failure the next try is queued in the same
 * transaction, so a restart between tries loses nothing. Delivery is at least once: a
 * process that dies after the receiver's 2xx and before recording it sends the message again,
 * with the same `webhook-id`.
 */
export function webhookSender(options: WebhookSenderOptions) {
  const { sql, encryption, logger } = options;
  return async function sendWebhook(job: WebhookJob): Promise<void> {
    const scope: DataScope = { tenantId: job.tenantId, environment: job.environment };
    const delivery = await findDeliveryToSend(sql, scope, job.deliveryId);
    // Gone with its endpoint, done, given up, or this try was made by a twin of this job.
    if (!delivery || delivery.delivered_at || delivery.gave_up_at || delivery.attempts !== job.attempt - 1) return;
    const tenantKey = await encryption.tenantKey(sql, scope);
    const secrets = [openSigningSecret(tenantKey, delivery.endpoint_id, delivery.secret)];
    if (delivery.previous_secret) secrets.push(openSigningSecret(tenantKey, delivery.endpoint_id, delivery.previous_secret, 'previous_secret'));
    const at = new Date();
    const headers = {
      'webhook-id': delivery.message_id,
      'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
      // After a roll, one signature per secret, space-separated (Standard Webhooks): a receiver
      // holding either secret verifies, so it can switch at its own pace within the overlap.
      'webhook-signature': secrets.map((secret) => new Webhook(secret).sign(delivery.message_id, at, delivery.payload)).join(' '),
    };
    const outcome = await postWebhook(delivery.url, headers, delivery.payload, {
      allowPrivateAddresses: scope.environment === 'test' && options.allowPrivateTestAddresses,
      timeoutMs: options.timeoutMs,
    });
    const finishedAt = new Date();
    const next = outcome.ok ? null : nextAttemptAt(options.retrySchedule, delivery.created_at, job.attempt, finishedAt);
    await sql.begin(async (transaction) => {
      const recorded = await recordAttempt(transaction, scope, job.deliveryId, {
        attemptsBefore: job.attempt - 1, at: finishedAt, statusCode: outcome.statusCode, error: outcome.ok ? null : outcome.error, delivered: outcome.ok, nextAttemptAt: next,
      });
      if (recorded && next) {
        const retry: WebhookJob = { ...job, attempt: job.attempt + 1 };
        await enqueueJob(transaction, 'webhooks', retry, { startAfter: next });
      }
    });
    if (!outcome.ok) {
      logger.info({ deliveryId: job.deliveryId, tenantId: scope.tenantId, attempt: job.attempt, error: outcome.error, nextAttemptAt: next?.toISOString() ?? null },
        next ? 'webhook not delivered; tried again later' : 'webhook not delivered; given up');
    }
  };
}
