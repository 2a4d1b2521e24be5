import type { PortCallEventType, PortCallInput, PortCallStatus, TimestampInput, ValidationIssue } from '@porttask/sdk/schemas';
import type { Queryable } from '../db/connection.ts';
import { ApiError } from '../http/api-error.ts';
import { advanceStatus, deriveTimes, impossibleActualOrder, type DerivedTimes, type TimestampFacts } from './best-known-times.ts';
import { appendScheduleEvent } from './outbox.queries.ts';
import { findListItem } from './port-calls.queries.ts';
import { ensurePort } from './ports.queries.ts';
import { upsertVessel } from './vessels.queries.ts';
import { offsetOfIsoDateTime } from './zoned-time.ts';

/** A port call that must not be written; `issues` say why, with paths into the input. */
export class PortCallRejected extends Error {
  constructor(readonly issues: ValidationIssue[]) {
    super(issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; '));
  }
}

export interface WriteOutcome {
  outcome: 'created' | 'updated' | 'unchanged';
  id: string;
}

interface StoredTimestamp extends TimestampFacts {
  delayReasonCode: string | null;
  remark: string | null;
  source: string | null;
  publisherRole: string | null;
}

interface ExistingCall {
  id: string;
  status: PortCallStatus;
  fields: Record<string, unknown>;
}

/** Everything of a port call row that a write decides (derived times included). */
function rowFields(
  input: PortCallInput,
  status: PortCallStatus,
  derived: DerivedTimes,
): Record<string, string | number | null> {
  const at = (value: { instant: number } | null) => value?.instant ?? null;
  return {
    un_location_code: input.UNLocationCode,
    facility_smdg_code: input.facilitySMDGCode ?? null,
    berth: input.berth ?? null,
    vessel_imo_number: input.vessel.vesselIMONumber,
    port_visit_reference: input.portVisitReference ?? null,
    carrier_service_code: input.carrierServiceCode ?? null,
    carrier_import_voyage_number: input.carrierImportVoyageNumber ?? null,
    carrier_export_voyage_number: input.carrierExportVoyageNumber ?? null,
    status,
    cargo_description: input.cargoDescription ?? null,
    cargo_quantity: input.cargoQuantity ?? null,
    cargo_unit: input.cargoUnit ?? null,
    agent_name: input.agentName ?? null,
    ...timeFields(derived),
  };
  function timeFields(times: DerivedTimes) {
    return {
      arrival_at: at(times.arrival),
      arrival_classifier: times.arrival?.classifierCode ?? null,
      berthing_at: at(times.berthing),
      berthing_classifier: times.berthing?.classifierCode ?? null,
      departure_at: at(times.departure),
      departure_classifier: times.departure?.classifierCode ?? null,
      planned_arrival_at: times.planned.arrival,
      planned_berthing_at: times.planned.berthing,
      planned_departure_at: times.planned.departure,
      delay_minutes: times.delayMinutes,
    };
  }
}

const TIME_COLUMNS = new Set(['arrival_at', 'berthing_at', 'departure_at', 'planned_arrival_at', 'planned_berthing_at', 'planned_departure_at']);
const FIELD_COLUMNS = [
  'un_location_code', 'facility_smdg_code', 'berth', 'vessel_imo_number', 'port_visit_reference', 'carrier_service_code',
  'carrier_import_voyage_number', 'carrier_export_voyage_number', 'status', 'cargo_description', 'cargo_quantity', 'cargo_unit',
  'agent_name', 'arrival_at', 'arrival_classifier', 'berthing_at', 'berthing_classifier', 'departure_at', 'departure_classifier',
  'planned_arrival_at', 'planned_berthing_at', 'planned_departure_at', 'delay_minutes',
] as const;

/** Database values as `rowFields` makes them: instants in ms, numerics as numbers. */
function normalise(row: Record<string, unknown>): Record<string, unknown> {
  const fields: Record<string, unknown> = {};
  for (const column of FIELD_COLUMNS) {
    const value = row[column];
    if (value instanceof Date) fields[column] = value.getTime();
    else if (column === 'cargo_quantity' && value !== null) fields[column] = Number(value);
    else fields[column] = value ?? null;
  }
  return fields;
}

function sameFields(before: Record<string, unknown>, after: Record<string, unknown>): boolean {
  return FIELD_COLUMNS.every((column) => before[column] === after[column]);
}

async function lockExisting(sql: Queryable, tenantId: string, where: { reference: string } | { id: string }): Promise<ExistingCall | undefined> {
  const condition = 'reference' in where ? sql`transport_call_reference = ${where.reference}` : sql`id = ${where.id}`;
  const [row] = await sql<Record<string, unknown>[]>`
    SELECT * FROM port_calls WHERE tenant_id = ${tenantId} AND ${condition} FOR UPDATE`;
  if (!row) return undefined;
  return { id: row['id'] as string, status: row['status'] as PortCallStatus, fields: normalise(row) };
}

async function storedTimestamps(sql: Queryable, tenantId: string, portCallId: string): Promise<StoredTimestamp[]> {
  const rows = await sql<{ event_type_code: string; classifier_code: string; facility_type_code: string; event_date_time: Date; delay_reason_code: string | null; remark: string | null; source: string | null; publisher_role: string | null }[]>`
    SELECT event_type_code, classifier_code, facility_type_code, event_date_time, delay_reason_code, remark, source, publisher_role
    FROM port_call_timestamps WHERE tenant_id = ${tenantId} AND port_call_id = ${portCallId} ORDER BY id`;
  return rows.map((row) => ({
    eventTypeCode: row.event_type_code as TimestampFacts['eventTypeCode'],
    classifierCode: row.classifier_code as TimestampFacts['classifierCode'],
    facilityTypeCode: row.facility_type_code as TimestampFacts['facilityTypeCode'],
    instant: row.event_date_time.getTime(),
    delayReasonCode: row.delay_reason_code,
    remark: row.remark,
    source: row.source,
    publisherRole: row.publisher_role,
  }));
}

const timestampIdentity = (timestamp: Omit<StoredTimestamp, never>) =>
  [timestamp.eventTypeCode, timestamp.classifierCode, timestamp.facilityTypeCode, timestamp.instant,
    timestamp.delayReasonCode, timestamp.remark, timestamp.source, timestamp.publisherRole].join('\u0000');

function toStored(input: TimestampInput): StoredTimestamp {
  return {
    eventTypeCode: input.eventTypeCode,
    classifierCode: input.classifierCode,
    facilityTypeCode: input.facilityTypeCode,
    instant: Date.parse(input.dateTime),
    delayReasonCode: input.delayReasonCode ?? null,
    remark: input.remark ?? null,
    source: input.source ?? null,
    publisherRole: input.publisherRole ?? null,
  };
}

/** The inputs not already recorded (nor repeated within the inputs): repeating a write adds nothing. */
function newTimestamps(existing: StoredTimestamp[], inputs: TimestampInput[]): TimestampInput[] {
  const seen = new Set(existing.map(timestampIdentity));
  return inputs.filter((input) => {
    const identity = timestampIdentity(toStored(input));
    if (seen.has(identity)) return false;
    seen.add(identity);
    return true;
  });
}

function deriveOrReject(all: StoredTimestamp[], path: (string | number)[]): DerivedTimes {
  const derived = deriveTimes(all);
  const problems = impossibleActualOrder(derived);
  if (problems.length > 0) {
    throw new PortCallRejected(problems.map((message) => ({ path, message: `impossible time order: ${message}`, code: 'impossible_time_order' })));
  }
  return derived;
}

async function insertTimestamps(sql: Queryable, tenantId: string, portCallId: string, inputs: TimestampInput[]): Promise<void> {
  if (inputs.length === 0) return;
  const rows = inputs.map((input) => ({
    tenant_id: tenantId,
    port_call_id: portCallId,
    event_type_code: input.eventTypeCode,
    classifier_code: input.classifierCode,
    facility_type_code: input.facilityTypeCode,
    event_date_time: new Date(Date.parse(input.dateTime)),
    original_utc_offset_minutes: offsetOfIsoDateTime(input.dateTime),
    delay_reason_code: input.delayReasonCode ?? null,
    remark: input.remark ?? null,
    source: input.source ?? null,
    publisher_role: input.publisherRole ?? null,
  }));
  await sql`INSERT INTO port_call_timestamps ${sql(rows)}`;
}

async function publish(sql: Queryable, tenantId: string, id: string, type: PortCallEventType): Promise<void> {
  const item = await findListItem(sql, tenantId, id);
  if (!item) throw new Error(`port call ${id} vanished inside its own transaction`);
  const { mmsi, ...portCall } = item;
  await appendScheduleEvent(sql, tenantId, type, portCall, mmsi);
}

function withTimes(fields: Record<string, string | number | null>): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const [column, value] of Object.entries(fields)) {
    values[column] = TIME_COLUMNS.has(column) && typeof value === 'number' ? new Date(value) : value;
  }
  return values;
}

/**
 * `PUT /v1/port-calls/{reference}`: creates or replaces the port call with this partner
 * reference, records the vessel (and port, terminal, berth, service, voyages it names),
 * appends new timestamps, re-derives the best known times, and writes an outbox event, all
 * in the caller's transaction. Sending the same thing again changes nothing (no new version,
 * no event): `unchanged`.
 */
export async function upsertPortCall(
  sql: Queryable,
  tenantId: string,
  reference: string,
  input: PortCallInput,
  /** Within one import: what earlier rows already recorded (port, terminal, vessel…), so it is not written again. */
  alreadyRecorded: Set<string> = new Set(),
): Promise<WriteOutcome> {
  const once = async (key: string, write: () => Promise<unknown>) => {
    if (alreadyRecorded.has(key)) return;
    await write();
    alreadyRecorded.add(key);
  };
  const port = alreadyRecorded.has(`port ${input.UNLocationCode}`) ? true : await ensurePort(sql, tenantId, input.UNLocationCode);
  if (!port) {
    throw new PortCallRejected([{
      path: ['UNLocationCode'],
      message: `unknown port ${input.UNLocationCode}: it is not one of this tenant's ports nor in the reference list of seaports`,
      code: 'unknown_port',
    }]);
  }
  alreadyRecorded.add(`port ${input.UNLocationCode}`);
  if (input.facilitySMDGCode) {
    await once(`terminal ${input.UNLocationCode} ${input.facilitySMDGCode} ${input.terminalName ?? ''}`, () => sql`
      INSERT INTO terminals (tenant_id, un_location_code, facility_smdg_code, terminal_name)
      VALUES (${tenantId}, ${input.UNLocationCode}, ${input.facilitySMDGCode!}, ${input.terminalName ?? null})
      ON CONFLICT (tenant_id, un_location_code, facility_smdg_code) DO UPDATE
        SET terminal_name = coalesce(excluded.terminal_name, terminals.terminal_name)
        WHERE excluded.terminal_name IS DISTINCT FROM terminals.terminal_name AND excluded.terminal_name IS NOT NULL`);
  }
  if (input.berth) {
    await once(`berth ${input.UNLocationCode} ${input.berth}`, () => sql`
      INSERT INTO berths (tenant_id, un_location_code, berth_name, facility_smdg_code)
      VALUES (${tenantId}, ${input.UNLocationCode}, ${input.berth!}, ${input.facilitySMDGCode ?? null})
      ON CONFLICT DO NOTHING`);
  }
  const vesselKey = `vessel ${JSON.stringify(input.vessel)}`;
  const vesselChanged = alreadyRecorded.has(vesselKey) ? false : await upsertVessel(sql, tenantId, input.vessel);
  alreadyRecorded.add(vesselKey);
  if (input.carrierServiceCode) {
    await once(`service ${input.carrierServiceCode} ${input.carrierServiceName ?? ''}`, () => sql`
      INSERT INTO services (tenant_id, carrier_service_code, carrier_service_name)
      VALUES (${tenantId}, ${input.carrierServiceCode!}, ${input.carrierServiceName ?? null})
      ON CONFLICT (tenant_id, carrier_service_code) DO UPDATE
        SET carrier_service_name = coalesce(excluded.carrier_service_name, services.carrier_service_name)
        WHERE excluded.carrier_service_name IS NOT NULL AND excluded.carrier_service_name IS DISTINCT FROM services.carrier_service_name`);
  }
  for (const voyage of new Set([input.carrierImportVoyageNumber, input.carrierExportVoyageNumber])) {
    if (!voyage) continue;
    await once(`voyage ${input.vessel.vesselIMONumber} ${voyage}`, () => sql`
      INSERT INTO voyages (tenant_id, vessel_imo_number, carrier_voyage_number, carrier_service_code)
      VALUES (${tenantId}, ${input.vessel.vesselIMONumber}, ${voyage}, ${input.carrierServiceCode ?? null})
      ON CONFLICT DO NOTHING`);
  }

  const existing = await lockExisting(sql, tenantId, { reference });
  const recorded = existing ? await storedTimestamps(sql, tenantId, existing.id) : [];
  const added = newTimestamps(recorded, input.timestamps ?? []);
  const derived = deriveOrReject([...recorded, ...added.map(toStored)], ['timestamps']);
  const status = advanceStatus(input.status ?? existing?.status ?? 'PLANNED', derived);
  const fields = rowFields(input, status, derived);
  const updatedBy = input.source ?? 'api';

  if (existing) {
    if (added.length === 0 && !vesselChanged && sameFields(existing.fields, fields)) return { outcome: 'unchanged', id: existing.id };
    await sql`
      UPDATE port_calls SET ${sql(withTimes(fields))}, version = version + 1, updated_at = now(), updated_by = ${updatedBy}
      WHERE tenant_id = ${tenantId} AND id = ${existing.id}`;
    await insertTimestamps(sql, tenantId, existing.id, added);
    await publish(sql, tenantId, existing.id, 'port_call.updated');
    return { outcome: 'updated', id: existing.id };
  }
  const [numbered] = await sql<{ last_number: string }[]>`
    INSERT INTO port_call_numbers (tenant_id, last_number) VALUES (${tenantId}, 1)
    ON CONFLICT (tenant_id) DO UPDATE SET last_number = port_call_numbers.last_number + 1
    RETURNING last_number`;
  const id = `pc_${BigInt(numbered!.last_number).toString(36)}`;
  await sql`
    INSERT INTO port_calls ${sql({ ...withTimes(fields), tenant_id: tenantId, id, transport_call_reference: reference, updated_by: updatedBy })}`;
  await insertTimestamps(sql, tenantId, id, added);
  await publish(sql, tenantId, id, 'port_call.created');
  return { outcome: 'created', id };
}

/** `POST /v1/port-calls/{id}/timestamps`: appends timestamps; identical repeats add nothing. */
export async function addTimestamps(sql: Queryable, tenantId: string, portCallId: string, inputs: TimestampInput[]): Promise<WriteOutcome> {
  const existing = await lockExisting(sql, tenantId, { id: portCallId });
  if (!existing) throw ApiError.notFound('The port call');
  const recorded = await storedTimestamps(sql, tenantId, existing.id);
  const added = newTimestamps(recorded, inputs);
  if (added.length === 0) return { outcome: 'unchanged', id: existing.id };
  const derived = deriveOrReject([...recorded, ...added.map(toStored)], ['timestamps']);
  const status = advanceStatus(existing.status, derived);
  const { arrival, berthing, departure, planned, delayMinutes } = derived;
  const updatedBy = added[0]!.source ?? added[0]!.publisherRole ?? 'api';
  await sql`
    UPDATE port_calls SET
      status = ${status},
      arrival_at = ${arrival ? new Date(arrival.instant) : null}, arrival_classifier = ${arrival?.classifierCode ?? null},
      berthing_at = ${berthing ? new Date(berthing.instant) : null}, berthing_classifier = ${berthing?.classifierCode ?? null},
      departure_at = ${departure ? new Date(departure.instant) : null}, departure_classifier = ${departure?.classifierCode ?? null},
      planned_arrival_at = ${planned.arrival === null ? null : new Date(planned.arrival)},
      planned_berthing_at = ${planned.berthing === null ? null : new Date(planned.berthing)},
      planned_departure_at = ${planned.departure === null ? null : new Date(planned.departure)},
      delay_minutes = ${delayMinutes},
      version = version + 1, updated_at = now(), updated_by = ${updatedBy}
    WHERE tenant_id = ${tenantId} AND id = ${existing.id}`;
  await insertTimestamps(sql, tenantId, existing.id, added);
  await publish(sql, tenantId, existing.id, 'port_call.timestamp_added');
  return { outcome: 'updated', id: existing.id };
}
