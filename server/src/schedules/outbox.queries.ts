import type { PortCallEvent, PortCallEventType, PortCallListItem } from '@porttask/sdk/schemas';
import { insertChunks, type Queryable } from '../db/connection.ts';

/** The channel every API process LISTENs on; the payload is `<tenant id>:<sequence>`. */
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
 * readers read everything after their own sequence, so one wake-up serves many events). The
 * per-tenant transaction lock makes the tenant's sequences commit in order (migration 011).
 */
export async function appendScheduleEvents(sql: Queryable, tenantId: string, events: NewScheduleEvent[]): Promise<void> {
  if (events.length === 0) return;
  await sql`SELECT pg_advisory_xact_lock(hashtextextended(${`schedule_events:${tenantId}`}, 0))`;
  const rows = events.map(({ type, portCall, vesselMMSINumber }) => ({
    tenant_id: tenantId,
    port_call_id: portCall.id,
    version: portCall.version,
    event_type: type,
    payload: sql.json({ portCall, vesselMMSINumber } as unknown as Parameters<typeof sql.json>[0]),
  }));
  let last = '0';
  for (const chunk of insertChunks(rows)) {
    const inserted = await sql<{ sequence: string }[]>`INSERT INTO schedule_events ${sql(chunk)} RETURNING sequence`;
    last = inserted.reduce((max, row) => (BigInt(row.sequence) > BigInt(max) ? row.sequence : max), last);
  }
  await sql`SELECT pg_notify(${SCHEDULE_EVENTS_CHANNEL}, ${`${tenantId}:${last}`})`;
}

/** The tenant's events after `sequence`, oldest first. */
export async function scheduleEventsAfter(sql: Queryable, tenantId: string, sequence: number, limit: number): Promise<StoredScheduleEvent[]> {
  const rows = await sql<{ sequence: string; event_type: PortCallEventType; payload: { portCall: PortCallListItem; vesselMMSINumber: string | null }; created_at: Date }[]>`
    SELECT sequence, event_type, payload, created_at
    FROM schedule_events
    WHERE tenant_id = ${tenantId} AND sequence > ${sequence}
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

/** Where a new subscriber without Last-Event-ID starts: after everything already written. */
export async function latestScheduleSequence(sql: Queryable, tenantId: string): Promise<number> {
  const [row] = await sql<{ sequence: string | null }[]>`
    SELECT max(sequence) AS sequence FROM schedule_events WHERE tenant_id = ${tenantId}`;
  return Number(row?.sequence ?? 0);
}

/** The newest sequence deleted from the tenant's outbox by retention (0: none). */
export async function prunedThrough(sql: Queryable, tenantId: string): Promise<number> {
  const [row] = await sql<{ pruned_through: string }[]>`
    SELECT pruned_through FROM schedule_event_horizon WHERE tenant_id = ${tenantId}`;
  return Number(row?.pruned_through ?? 0);
}

/**
 * Deletes outbox events older than `days` (run as the owner: the app's role may not delete)
 * and moves each affected tenant's horizon forward, in one statement.
 */
export async function pruneScheduleEvents(owner: Queryable, days: number): Promise<{ deleted: number; tenants: number }> {
  const rows = await owner<{ tenant_id: string; deleted: string }[]>`
    WITH pruned AS (
      DELETE FROM schedule_events WHERE created_at < now() - make_interval(days => ${days})
      RETURNING tenant_id, sequence
    ), per_tenant AS (
      SELECT tenant_id, max(sequence) AS pruned_through, count(*) AS deleted FROM pruned GROUP BY tenant_id
    ), horizon AS (
      INSERT INTO schedule_event_horizon (tenant_id, pruned_through)
      SELECT tenant_id, pruned_through FROM per_tenant
      ON CONFLICT (tenant_id) DO UPDATE SET pruned_through = greatest(schedule_event_horizon.pruned_through, excluded.pruned_through)
    )
    SELECT tenant_id, deleted FROM per_tenant`;
  return { deleted: rows.reduce((sum, row) => sum + Number(row.deleted), 0), tenants: rows.length };
}
