import type { PortCallEvent, PortCallEventType, PortCallListItem } from '@porttask/sdk/schemas';
import { insertChunks, type Queryable } from '../db/connection.ts';
import { takeScopeNumbers } from '../db/scope-sequences.ts';
import { scopeKey, type DataScope } from '../tenants/data-scope.ts';

/** The channel every API process LISTENs on; the payload is `<tenant id>:<environment>:<sequence>`. */
export const SCHEDULE_EVENTS_CHANNEL = 'porttask_schedule_events';

/** An outbox event as readers get it, with what filters need beyond the list shape. */
export interface StoredScheduleEvent extends PortCallEvent {
  vesselMMSINumber: string | null;
}

export interface NewScheduleEvent {
  type: PortCallEventType;
  portCall: PortCallListItem;
  vesselMMSINumber: string | null;
}

/**
 * Writes changes to the outbox, in the caller's transaction and in the given order, and
 * wakes every API process once (NOTIFY is delivered at commit, and not at all on rollback;
 * readers read everything after their own sequence, so one wake-up serves many events).
 * Sequences are the scope's own (migration 026): taking them locks the scope's counter until
 * commit, so the scope's sequences commit in order.
 */
export async function appendScheduleEvents(sql: Queryable, scope: DataScope, events: NewScheduleEvent[]): Promise<void> {
  if (events.length === 0) return;
  const first = await takeScopeNumbers(sql, scope, 'schedule_events', events.length);
  const rows = events.map(({ type, portCall, vesselMMSINumber }, index) => ({
    tenant_id: scope.tenantId,
    environment: scope.environment,
    sequence: (first + BigInt(index)).toString(),
    port_call_id: portCall.id,
    version: portCall.version,
    event_type: type,
    payload: sql.json({ portCall, vesselMMSINumber } as unknown as Parameters<typeof sql.json>[0]),
  }));
  for (const chunk of insertChunks(rows)) await sql`INSERT INTO schedule_events ${sql(chunk)}`;
  const last = first + BigInt(events.length) - 1n;
  await sql`SELECT pg_notify(${SCHEDULE_EVENTS_CHANNEL}, ${`${scopeKey(scope)}:${last}`})`;
}

/** The scope's events after `sequence`, oldest first. */
export async function scheduleEventsAfter(sql: Queryable, scope: DataScope, sequence: number, limit: number): Promise<StoredScheduleEvent[]> {
  const rows = await sql<{ sequence: string; event_type: PortCallEventType; payload: { portCall: PortCallListItem; vesselMMSINumber: string | null }; created_at: Date }[]>`
    SELECT sequence, event_type, payload, created_at
    FROM schedule_events
    WHERE tenant_id = ${scope.tenantId} AND environment = ${scope.environment} AND sequence > ${sequence}
    ORDER BY sequence
    LIMIT ${limit}`;
  return rows.map((row) => ({
    sequence: Number(row.sequence),
    type: row.event_type,
    occurredAt: row.created_at.toISOString(),
    portCall: row.payload.portCall,
    vesselMMSINumber: row.payload.vesselMMSINumber,
  }));
}

/** Where a new subscriber without Last-Event-ID starts: after everything already committed. */
export async function latestScheduleSequence(sql: Queryable, scope: DataScope): Promise<number> {
  const [row] = await sql<{ sequence: string | null }[]>`
    SELECT max(sequence) AS sequence FROM schedule_events
    WHERE tenant_id = ${scope.tenantId} AND environment = ${scope.environment}`;
  return Number(row?.sequence ?? 0);
}

/** The newest sequence deleted from the scope's outbox by retention (0: none). */
export async function prunedThrough(sql: Queryable, scope: DataScope): Promise<number> {
  const [row] = await sql<{ pruned_through: string }[]>`
    SELECT pruned_through FROM schedule_event_horizon
    WHERE tenant_id = ${scope.tenantId} AND environment = ${scope.environment}`;
  return Number(row?.pruned_through ?? 0);
}

/**
 * Deletes outbox events older than `days` (run as the owner: the app's role may not delete)
 * and moves each affected scope's horizon forward, in one statement. With `environment`,
 * only that environment's outboxes are pruned.
 */
export async function pruneScheduleEvents(owner: Queryable, days: number, environment?: DataScope['environment']): Promise<{ deleted: number; tenants: number }> {
  const rows = await owner<{ tenant_id: string; deleted: string }[]>`
    WITH pruned AS (
      DELETE FROM schedule_events WHERE created_at < now() - make_interval(days => ${days})
        ${environment ? owner`AND environment = ${environment}` : owner``}
      RETURNING tenant_id, environment, sequence
    ), per_scope AS (
      SELECT tenant_id, environment, max(sequence) AS pruned_through, count(*) AS deleted FROM pruned GROUP BY tenant_id, environment
    ), horizon AS (
      INSERT INTO schedule_event_horizon (tenant_id, environment, pruned_through)
      SELECT tenant_id, environment, pruned_through FROM per_scope
      ON CONFLICT (tenant_id, environment) DO UPDATE SET pruned_through = greatest(schedule_event_horizon.pruned_through, excluded.pruned_through)
    )
    SELECT tenant_id, sum(deleted) AS deleted FROM per_scope GROUP BY tenant_id`;
  return { deleted: rows.reduce((sum, row) => sum + Number(row.deleted), 0), tenants: rows.length };
}
