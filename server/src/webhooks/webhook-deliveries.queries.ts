import type { WebhookDelivery, WebhookEventType } from '@porttask/sdk/schemas';
import type { Queryable } from '../db/connection.ts';
import type { DataScope } from '../tenants/data-scope.ts';

interface DeliveryRow {
  id: string;
  endpoint_id: string;
  message_id: string;
  type: WebhookEventType;
  attempts: number;
  last_status_code: number | null;
  last_error: string | null;
  last_attempt_at: Date | null;
  next_attempt_at: Date | null;
  delivered_at: Date | null;
  gave_up_at: Date | null;
  created_at: Date;
  sequence: string;
}

function statusOf(row: DeliveryRow): WebhookDelivery['status'] {
  if (row.delivered_at) return 'delivered';
  if (row.gave_up_at) return 'failed';
  return row.attempts === 0 ? 'pending' : 'retrying';
}

const toDelivery = (row: DeliveryRow): WebhookDelivery => ({
  id: row.id,
  endpointId: row.endpoint_id,
  eventId: row.message_id,
  eventType: row.type,
  status: statusOf(row),
  attempts: row.attempts,
  lastStatusCode: row.last_status_code,
  lastError: row.last_error,
  lastAttemptAt: row.last_attempt_at?.toISOString() ?? null,
  nextAttemptAt: row.next_attempt_at?.toISOString() ?? null,
  deliveredAt: row.delivered_at?.toISOString() ?? null,
  createdAt: row.created_at.toISOString(),
});

/** An endpoint's deliveries, newest first, before the sequence a cursor held. */
export async function listDeliveries(sql: Queryable, scope: DataScope, endpointId: string, page: { before?: bigint; limit: number }): Promise<{ deliveries: WebhookDelivery[]; nextBefore: string | null }> {
  const rows = await sql<DeliveryRow[]>`
    SELECT d.id, d.endpoint_id, d.message_id, m.type, d.attempts, d.last_status_code, d.last_error, d.last_attempt_at, d.next_attempt_at,
      d.delivered_at, d.gave_up_at, d.created_at, d.sequence::text AS sequence
    FROM webhook_deliveries d
    JOIN webhook_messages m ON m.tenant_id = d.tenant_id AND m.environment = d.environment AND m.id = d.message_id
    WHERE d.tenant_id = ${scope.tenantId} AND d.environment = ${scope.environment} AND d.endpoint_id = ${endpointId}
      ${page.before === undefined ? sql`` : sql`AND d.sequence < ${page.before.toString()}`}
    ORDER BY d.sequence DESC
    LIMIT ${page.limit + 1}`;
  const shown = rows.slice(0, page.limit);
  return { deliveries: shown.map(toDelivery), nextBefore: rows.length > page.limit ? shown.at(-1)!.sequence : null };
}

/** What one try needs: where, the sealed secret, the message's exact body. */
export interface DeliveryToSend {
  endpoint_id: string;
  url: string;
  secret: Buffer;
  /** The secret a roll replaced, while it still signs (null after its 24 hours). */
  previous_secret: Buffer | null;
  message_id: string;
  payload: string;
  attempts: number;
  delivered_at: Date | null;
  gave_up_at: Date | null;
  created_at: Date;
}

export async function findDeliveryToSend(sql: Queryable, scope: DataScope, deliveryId: string): Promise<DeliveryToSend | undefined> {
  const [row] = await sql<DeliveryToSend[]>`
    SELECT d.endpoint_id, e.url, e.secret,
      CASE WHEN e.previous_secret_expires_at > now() THEN e.previous_secret END AS previous_secret, d.message_id, m.payload, d.attempts, d.delivered_at, d.gave_up_at, d.created_at
    FROM webhook_deliveries d
    JOIN webhook_endpoints e ON e.tenant_id = d.tenant_id AND e.environment = d.environment AND e.id = d.endpoint_id
    JOIN webhook_messages m ON m.tenant_id = d.tenant_id AND m.environment = d.environment AND m.id = d.message_id
    WHERE d.tenant_id = ${scope.tenantId} AND d.environment = ${scope.environment} AND d.id = ${deliveryId}`;
  return row;
}

export interface AttemptRecord {
  /** The tries made before this one: the record applies only if no other process recorded it meanwhile. */
  attemptsBefore: number;
  at: Date;
  statusCode: number | null;
  error: string | null;
  delivered: boolean;
  /** When to try again; null with `delivered` false: given up. */
  nextAttemptAt: Date | null;
}

/** Records a try; false when another process recorded this try already (its job ran twice). */
export async function recordAttempt(sql: Queryable, scope: DataScope, deliveryId: string, attempt: AttemptRecord): Promise<boolean> {
  const updated = await sql`
    UPDATE webhook_deliveries SET
      attempts = attempts + 1, last_status_code = ${attempt.statusCode}, last_error = ${attempt.error}, last_attempt_at = ${attempt.at},
      next_attempt_at = ${attempt.delivered ? null : attempt.nextAttemptAt},
      delivered_at = ${attempt.delivered ? attempt.at : null},
      gave_up_at = ${!attempt.delivered && attempt.nextAttemptAt === null ? attempt.at : null}
    WHERE tenant_id = ${scope.tenantId} AND environment = ${scope.environment} AND id = ${deliveryId}
      AND attempts = ${attempt.attemptsBefore} AND delivered_at IS NULL AND gave_up_at IS NULL`;
  return updated.count > 0;
}
