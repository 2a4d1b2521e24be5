import type { PortCallEvent, PortCallEventType, PortCallListItem } from '@porttask/sdk/schemas';
import type { Queryable } from '../db/connection.ts';

/** The channel every API process LISTENs on; the payload is `<tenant id>:<sequence>`. */
export const SCHEDULE_EVENTS_CHANNEL = 'porttask_schedule_events';

/** An outbox event as readers get it, with what filters need beyond the list shape. */
export interface StoredScheduleEvent extends PortCallEvent {
  vesselMMSINumber: string | null;
}

/**
 * Writes a change to the outbox, in the caller's transaction, and wakes every API process
 * (NOTIFY is delivered at commit, and not at all on rollback). The per-tenant transaction
 * lock makes the tenant's sequences commit in order (see migration 011).
 */
export async function appendScheduleEvent(
  sql: Queryable,
  tenantId: string,
  type: PortCallEventType,
  portCall: PortCallListItem,
  vesselMMSINumber: string | null,
): Promise<number> {
  await sql`SELECT pg_advisory_xact_lock(hashtextextended(${`schedule_events:${tenantId}`}, 0))`;
  const [row] = await sql<{ sequence: string }[]>`
    INSERT INTO schedule_events (tenant_id, port_call_id, version, event_type, payload)
    VALUES (${tenantId}, ${portCall.id}, ${portCall.version}, ${type},
            ${sql.json({ portCall, vesselMMSINumber } as unknown as Parameters<typeof sql.json>[0])})
    RETURNING sequence`;
  await sql`SELECT pg_notify(${SCHEDULE_EVENTS_CHANNEL}, ${`${tenantId}:${row!.sequence}`})`;
  return Number(row!.sequence);
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
