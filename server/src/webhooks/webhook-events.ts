import type { RightsRequestEventData, WebhookEvent, WebhookEventType } from '@porttask/sdk/schemas';
import type { Queryable } from '../db/connection.ts';
import { newWebhookDeliveryId, newWebhookMessageId } from '../ids.ts';
import { enqueueJob } from '../jobs/job-queue.ts';
import type { DataScope } from '../tenants/data-scope.ts';
import { endpointsLockKey } from './webhook-endpoints.queries.ts';

/** What a `webhooks` job carries: which delivery, and which try (a stale duplicate finds it made). */
export interface WebhookJob {
  tenantId: string;
  environment: DataScope['environment'];
  deliveryId: string;
  attempt: number;
}

/**
 * Announces an event to every endpoint of the scope that wants its type, in the caller's
 * transaction: the message (its exact body, signed at each try), a delivery per endpoint and
 * a job per delivery commit with the change the event is about, or not at all. Returns the
 * message id (the `webhook-id` header), or null when no endpoint wants the event.
 */
export async function emitWebhookEvent(sql: Queryable, scope: DataScope, type: WebhookEventType, data: WebhookEvent['data']): Promise<string | null> {
  const wanting = () => sql<{ id: string }[]>`
    SELECT id FROM webhook_endpoints
    WHERE tenant_id = ${scope.tenantId} AND environment = ${scope.environment} AND (${type} = ANY (events) OR '*' = ANY (events))`;
  if ((await wanting()).length === 0) return null;
  // An endpoint deleted meanwhile must not fail the change being announced (its deliveries'
  // foreign key): deletion holds this lock exclusively, so after it the endpoints read again
  // are the committed ones.
  await sql`SELECT pg_advisory_xact_lock_shared(${endpointsLockKey(scope)})`;
  const endpoints = await wanting();
  if (endpoints.length === 0) return null;
  const messageId = newWebhookMessageId();
  const event: WebhookEvent = { type, timestamp: new Date().toISOString(), data };
  await sql`
    INSERT INTO webhook_messages (tenant_id, environment, id, type, payload)
    VALUES (${scope.tenantId}, ${scope.environment}, ${messageId}, ${type}, ${JSON.stringify(event)})`;
  const deliveries = endpoints.map((endpoint) => ({
    tenant_id: scope.tenantId, environment: scope.environment, id: newWebhookDeliveryId(), endpoint_id: endpoint.id, message_id: messageId, next_attempt_at: new Date(),
  }));
  await sql`INSERT INTO webhook_deliveries ${sql(deliveries)}`;
  for (const delivery of deliveries) {
    const job: WebhookJob = { tenantId: scope.tenantId, environment: scope.environment, deliveryId: delivery.id, attempt: 1 };
    await enqueueJob(sql, 'webhooks', job);
  }
  return messageId;
}

export type RightsRequestEventType = Extract<WebhookEventType, `rights_request.${string}`>;

/** The request as an event tells it: ids, type, status and due date, never the requester. */
export interface RightsRequestEventSubject {
  id: string;
  type: RightsRequestEventData['type'];
  status: RightsRequestEventData['status'];
  /** YYYY-MM-DD */
  dueOn: string;
}

/**
 * `rights_request.*` events: called by the request's transitions (routes/rights-requests/)
 * and by the due-soon and overdue job, each inside the transaction of what it announces.
 */
export function emitRightsRequestEvent(sql: Queryable, scope: DataScope, type: RightsRequestEventType, request: RightsRequestEventSubject): Promise<string | null> {
  return emitWebhookEvent(sql, scope, type, { object: 'rights_request', id: request.id, type: request.type, status: request.status, dueOn: request.dueOn });
}
