import type { PortCallEventType, PortCallInput, PortCallStatus, TimestampInput, ValidationIssue } from '@porttask/sdk/schemas';
import { insertChunks, type Queryable } from '../db/connection.ts';
import { takeScopeNumbers } from '../db/scope-sequences.ts';
import { ApiError } from '../http/api-error.ts';
import type { DataScope } from '../tenants/data-scope.ts';
import { advanceStatus, deriveTimes, impossibleActualOrder, type DerivedTimes, type TimestampFacts } from './best-known-times.ts';
import { appendScheduleEvents } from './outbox.queries.ts';
import { findListItems } from './port-calls.queries.ts';
import { MasterData } from './master-data.ts';
import { findRecordedPortCodes } from './ports.queries.ts';
import { REFERENCE_PORTS } from './reference-ports.ts';
import { findVessels } from './vessels.queries.ts';
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

export interface PortCallWrite {
  reference: string;
  input: PortCallInput;
}

interface StoredTimestamp extends TimestampFacts {
  delayReasonCode: string | null;
  remark: string | null;
  source: string | null;
  publisherRole: string | null;
}

/** A port call as a batch sees it: as stored, then as the batch's rows change it. */
interface CallState {
  /** Undefined for a call this batch creates, until it is numbered. */
  id: string | undefined;
  reference: string;
  status: PortCallStatus;
  fields: RowFields;
  timestamps: StoredTimestamp[];
  created: boolean;
  changed: boolean;
  updatedBy: string;
}

/** A port call row's columns as writes decide them: instants in ms, numerics as numbers. */
type RowFields = Record<string, string | number | null>;

/** Everything of a port call row that a write decides (derived times included). */
function rowFields(input: PortCallInput, status: PortCallStatus, derived: DerivedTimes): RowFields {
  return {
    un_location_code: input.UNLocationCode,
    facility_smdg_code: input.facilitySMDGCode ?? null,
    berth: input.berth ?? null,
    vessel_imo_number: input.vessel.vesselIMONumber,
    port_visit_reference: input.portVisitReference ?? null,
    carrier_service_code: input.carrierServiceCode ?? null,
    carrier_import_voyage_number: input.carrierImportVoyageNumber ?? null,
    carrier_export_voyage_number: input.carrierExportVoyageNumber ?? null,
    cargo_description: input.cargoDescription ?? null,
    cargo_quantity: input.cargoQuantity ?? null,
    cargo_unit: input.cargoUnit ?? null,
    agent_name: input.agentName ?? null,
    ...derivedFields(status, derived),
  };
}

/** The columns timestamps decide: status and the best known, planned and delay times. */
function derivedFields(status: PortCallStatus, times: DerivedTimes): RowFields {
  const at = (value: { instant: number } | null) => value?.instant ?? null;
  return {
    status,
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

const TIME_COLUMNS = new Set(['arrival_at', 'berthing_at', 'departure_at', 'planned_arrival_at', 'planned_berthing_at', 'planned_departure_at']);
const FIELD_COLUMNS = [
  'un_location_code', 'facility_smdg_code', 'berth', 'vessel_imo_number', 'port_visit_reference', 'carrier_service_code',
  'carrier_import_voyage_number', 'carrier_export_voyage_number', 'status', 'cargo_description', 'cargo_quantity', 'cargo_unit',
  'agent_name', 'arrival_at', 'arrival_classifier', 'berthing_at', 'berthing_classifier', 'departure_at', 'departure_classifier',
  'planned_arrival_at', 'planned_berthing_at', 'planned_departure_at', 'delay_minutes',
] as const;

/** Database values as `rowFields` makes them: instants in ms, numerics as numbers. */
function normalise(row: Record<string, unknown>): RowFields {
  const fields: RowFields = {};
  for (const column of FIELD_COLUMNS) {
    const value = row[column];
    if (value instanceof Date) fields[column] = value.getTime();
    else if (column === 'cargo_quantity' && value !== null) fields[column] = Number(value);
    else fields[column] = (value ?? null) as string | number | null;
  }
  return fields;
}

function sameFields(before: RowFields, after: RowFields): boolean {
  return FIELD_COLUMNS.every((column) => before[column] === after[column]);
}

/** The stored calls with these references, locked for this transaction (in one order, so concurrent imports cannot deadlock). */
async function lockCalls(sql: Queryable, scope: DataScope, where: { references: string[] } | { id: string }): Promise<CallState[]> {
  const condition = 'id' in where ? sql`id = ${where.id}` : sql`transport_call_reference = ANY(${where.references}::text[])`;
  const rows = await sql<Record<string, unknown>[]>`
    SELECT * FROM port_calls WHERE tenant_id = ${scope.tenantId} AND environment = ${scope.environment} AND ${condition}
    ORDER BY transport_call_reference FOR UPDATE`;
  const timestamps = await storedTimestamps(sql, scope, rows.map((row) => row['id'] as string));
  return rows.map((row) => ({
    id: row['id'] as string,
    reference: row['transport_call_reference'] as string,
    status: row['status'] as PortCallStatus,
    fields: normalise(row),
    timestamps: timestamps.get(row['id'] as string) ?? [],
    created: false,
    changed: false,
    updatedBy: row['updated_by'] as string,
  }));
}

async function storedTimestamps(sql: Queryable, scope: DataScope, portCallIds: string[]): Promise<Map<string, StoredTimestamp[]>> {
  const byCall = new Map<string, StoredTimestamp[]>();
  if (portCallIds.length === 0) return byCall;
  const rows = await sql<{ port_call_id: string; event_type_code: string; classifier_code: string; facility_type_code: string; event_date_time: Date; delay_reason_code: string | null; remark: string | null; source: string | null; publisher_role: string | null }[]>`
    SELECT port_call_id, event_type_code, classifier_code, facility_type_code, event_date_time, delay_reason_code, remark, source, publisher_role
    FROM port_call_timestamps
    WHERE tenant_id = ${scope.tenantId} AND environment = ${scope.environment} AND port_call_id = ANY(${portCallIds}::text[])
    ORDER BY id`;
  for (const row of rows) {
    let list = byCall.get(row.port_call_id);
    if (!list) byCall.set(row.port_call_id, (list = []));
    list.push({
      eventTypeCode: row.event_type_code as TimestampFacts['eventTypeCode'],
      classifierCode: row.classifier_code as TimestampFacts['classifierCode'],
      facilityTypeCode: row.facility_type_code as TimestampFacts['facilityTypeCode'],
      instant: row.event_date_time.getTime(),
      delayReasonCode: row.delay_reason_code,
      remark: row.remark,
      source: row.source,
      publisherRole: row.publisher_role,
    });
  }
  return byCall;
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

async function insertTimestamps(sql: Queryable, scope: DataScope, added: { portCallId: string; input: TimestampInput }[]): Promise<void> {
  if (added.length === 0) return;
  // Ids are the scope's own numbers (migration 026): they reveal nothing of other tenants' writes.
  const first = await takeScopeNumbers(sql, scope, 'port_call_timestamps', added.length);
  const rows = added.map(({ portCallId, input }, index) => ({
    tenant_id: scope.tenantId,
    environment: scope.environment,
    id: (first + BigInt(index)).toString(),
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
  for (const chunk of insertChunks(rows)) await sql`INSERT INTO port_call_timestamps ${sql(chunk)}`;
}

/** One outbox event per changed call, in the order given, each with the call as it now is. */
async function publish(sql: Queryable, scope: DataScope, changes: { id: string; type: PortCallEventType }[]): Promise<void> {
  const items = await findListItems(sql, scope, changes.map((change) => change.id));
  await appendScheduleEvents(sql, scope, changes.map(({ id, type }) => {
    const item = items.get(id);
    if (!item) throw new Error(`port call ${id} vanished inside its own transaction`);
    const { mmsi, ...portCall } = item;
    return { type, portCall, vesselMMSINumber: mmsi };
  }));
}

function withTimes(fields: RowFields): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const [column, value] of Object.entries(fields)) {
    values[column] = TIME_COLUMNS.has(column) && typeof value === 'number' ? new Date(value) : value;
  }
  return values;
}

/**
 * Creates or replaces port calls by partner reference (`PUT /v1/port-calls/{reference}` is a
 * batch of one; an import is a batch of its rows). Each call records its vessel (and the
 * port, terminal, berth, service and voyages it names), appends its new timestamps,
 * re-derives its best known times and gets an outbox event, all in the caller's transaction.
 * Sending the same thing again changes nothing (no new version, no event): `unchanged`.
 *
 * The batch reads what exists in a few statements, decides every row in memory and in order
 * (a reference named twice: the second row sees the first), then writes with a few
 * multi-row statements: 5,000 rows take seconds, not minutes. A row the rules refuse comes
 * back as `PortCallRejected` and writes nothing at all; the others are written.
 */
export async function writePortCalls(sql: Queryable, scope: DataScope, writes: PortCallWrite[]): Promise<(WriteOutcome | PortCallRejected)[]> {
  if (writes.length > 1) {
    // Foreign-key checks run as plans the connection prepared once; one made while
    // port_calls was nearly empty is a sequential scan, kept until the next ANALYZE. Inside
    // one transaction that adds thousands of calls, each check would scan them all (5,000
    // rows: 12 s instead of under 2). Fresh plans per check see the table as it is.
    await sql`SET LOCAL plan_cache_mode = force_custom_plan`;
    // The batch's one join (its changed calls with their vessels and ports, for the outbox) is
    // a hash join at any size. Without statistics the planner takes the scope for one row and
    // loops, reading every vessel of the scope for each call (5,000 calls: 0.7 s, not 0.02).
    await sql`SET LOCAL enable_nestloop = off`;
    // No longer limit than any request's statements (5 s): a 25 s allowance hid a 50-fold
    // slowdown for a week (foreign-key checks through a secondary index, migration 064). With
    // the checks on the primary key the longest statement of a 5,000-row import takes well
    // under a second (docs/benchmarks.md), so a batch that needs more is a fault to see.
  }
  const unique = (values: string[]) => [...new Set(values)];
  const recordedPorts = await findRecordedPortCodes(sql, scope, unique(writes.map((write) => write.input.UNLocationCode)));
  const calls = new Map((await lockCalls(sql, scope, { references: unique(writes.map((write) => write.reference)) })).map((call) => [call.reference, call]));
  const masterData = new MasterData(await findVessels(sql, scope, unique(writes.map((write) => write.input.vessel.vesselIMONumber))));
  const addedTimestamps: { call: CallState; input: TimestampInput }[] = [];
  const changed: CallState[] = [];

  const decided = writes.map(({ reference: transportCallReference, input }): { outcome: WriteOutcome['outcome']; call: CallState } | PortCallRejected => {
    const portIsRecorded = recordedPorts.has(input.UNLocationCode);
    if (!portIsRecorded && !REFERENCE_PORTS.has(input.UNLocationCode)) {
      return new PortCallRejected([{
        path: ['UNLocationCode'],
        message: `unknown port ${input.UNLocationCode}: it is not one of this tenant's ports nor in the reference list of seaports`,
        code: 'unknown_port',
      }]);
    }
    const existing = calls.get(transportCallReference);
    const recorded = existing?.timestamps ?? [];
    const added = newTimestamps(recorded, input.timestamps ?? []);
    let derived: DerivedTimes;
    try {
      derived = deriveOrReject([...recorded, ...added.map(toStored)], ['timestamps']);
    } catch (error) {
      if (error instanceof PortCallRejected) return error;
      throw error;
    }
    const status = advanceStatus(input.status ?? existing?.status ?? 'PLANNED', derived);
    const fields = rowFields(input, status, derived);
    const vesselChanged = masterData.note(input, portIsRecorded);
    if (existing && added.length === 0 && !vesselChanged && sameFields(existing.fields, fields)) return { outcome: 'unchanged', call: existing };
    const call: CallState = existing ?? { id: undefined, reference: transportCallReference, status, fields, timestamps: [], created: true, changed: false, updatedBy: '' };
    Object.assign(call, { status, fields, updatedBy: input.source ?? 'api' });
    call.timestamps.push(...added.map(toStored));
    addedTimestamps.push(...added.map((timestamp) => ({ call, input: timestamp })));
    if (!call.changed) changed.push(call);
    call.changed = true;
    calls.set(transportCallReference, call);
    return { outcome: existing ? 'updated' : 'created', call };
  });

  await masterData.write(sql, scope);
  await numberNewCalls(sql, scope, changed.filter((call) => call.created));
  const idOf = (call: CallState) => call.id!;
  const created = changed.filter((call) => call.created);
  const newRows = created.map((call) => ({
    ...withTimes(call.fields), tenant_id: scope.tenantId, environment: scope.environment, id: idOf(call), transport_call_reference: call.reference, updated_by: call.updatedBy,
  }));
  for (const chunk of insertChunks(newRows)) await sql`INSERT INTO port_calls ${sql(chunk)}`;
  // Updates are sent together (postgres.js pipelines them on the transaction's connection).
  await Promise.all(changed.filter((call) => !call.created).map((call) => sql`
    UPDATE port_calls SET ${sql(withTimes(call.fields))}, version = version + 1, updated_at = now(), updated_by = ${call.updatedBy}
    WHERE tenant_id = ${scope.tenantId} AND environment = ${scope.environment} AND id = ${idOf(call)}`));
  await insertTimestamps(sql, scope, addedTimestamps.map(({ call, input }) => ({ portCallId: idOf(call), input })));
  await publish(sql, scope, changed.map((call) => ({ id: idOf(call), type: call.created ? 'port_call.created' : 'port_call.updated' })));
  return decided.map((result) => (result instanceof PortCallRejected ? result : { outcome: result.outcome, id: idOf(result.call) }));
}

/** Gives calls new in this batch their ids: one counter update for all of them. */
async function numberNewCalls(sql: Queryable, scope: DataScope, calls: CallState[]): Promise<void> {
  if (calls.length === 0) return;
  const [numbered] = await sql<{ last_number: string }[]>`
    INSERT INTO port_call_numbers (tenant_id, environment, last_number) VALUES (${scope.tenantId}, ${scope.environment}, ${calls.length})
    ON CONFLICT (tenant_id, environment) DO UPDATE SET last_number = port_call_numbers.last_number + ${calls.length}
    RETURNING last_number`;
  const first = BigInt(numbered!.last_number) - BigInt(calls.length) + 1n;
  calls.forEach((call, index) => {
    call.id = `pc_${(first + BigInt(index)).toString(36)}`;
  });
}

/** `PUT /v1/port-calls/{reference}`: `writePortCalls` for one call; a refused call throws `PortCallRejected`. */
export async function upsertPortCall(sql: Queryable, scope: DataScope, reference: string, input: PortCallInput): Promise<WriteOutcome> {
  const [result] = await writePortCalls(sql, scope, [{ reference, input }]);
  if (result instanceof PortCallRejected) throw result;
  return result!;
}

/** `POST /v1/port-calls/{id}/timestamps`: appends timestamps; identical repeats add nothing. */
export async function addTimestamps(sql: Queryable, scope: DataScope, portCallId: string, inputs: TimestampInput[]): Promise<WriteOutcome> {
  const [existing] = await lockCalls(sql, scope, { id: portCallId });
  if (!existing) throw ApiError.notFound('The port call');
  const recorded = existing.timestamps;
  const added = newTimestamps(recorded, inputs);
  if (added.length === 0) return { outcome: 'unchanged', id: existing.id! };
  const derived = deriveOrReject([...recorded, ...added.map(toStored)], ['timestamps']);
  const status = advanceStatus(existing.status, derived);
  const updatedBy = added[0]!.source ?? added[0]!.publisherRole ?? 'api';
  await sql`
    UPDATE port_calls SET ${sql(withTimes(derivedFields(status, derived)))}, version = version + 1, updated_at = now(), updated_by = ${updatedBy}
    WHERE tenant_id = ${scope.tenantId} AND environment = ${scope.environment} AND id = ${existing.id!}`;
  await insertTimestamps(sql, scope, added.map((input) => ({ portCallId: existing.id!, input })));
  await publish(sql, scope, [{ id: existing.id!, type: 'port_call.timestamp_added' }]);
  return { outcome: 'updated', id: existing.id! };
}
