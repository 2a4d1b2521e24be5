import type { PortCall, PortCallListItem, PortCallSort, PortCallStatus } from '@porttask/sdk/schemas';
import type { Queryable } from '../db/connection.ts';
import type { DataScope } from '../tenants/data-scope.ts';
import { isoInstant, listColumns, numberOrNull, toListItem, toTimestamp, toVessel, type ListRow, type TimestampRow } from './port-call-rows.ts';

export interface PortCallFilterValues {
  port?: string | undefined;
  terminal?: string | undefined;
  status?: PortCallStatus[] | undefined;
  from?: string | undefined;
  to?: string | undefined;
  q?: string | undefined;
}

export interface ListOptions extends PortCallFilterValues {
  sort: PortCallSort;
  /** Where the previous page ended: [sort value, id] (from a page cursor, see http/page-cursor.ts). */
  after?: string[] | undefined;
  limit: number;
}

type SortKind = 'time' | 'text';

/** `%` and `_` in a search are letters, not wildcards. */
export function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (character) => `\\${character}`);
}

/** The WHERE conditions of a filter (after the scope's `pc.tenant_id = … AND pc.environment = …`); shared by list and counts. */
function filterConditions(sql: Queryable, filter: PortCallFilterValues) {
  const empty = sql``;
  const digits = filter.q && /^[0-9]{1,9}$/.test(filter.q);
  return sql`
    ${filter.port ? sql`AND pc.un_location_code = ${filter.port}` : empty}
    ${filter.terminal ? sql`AND pc.facility_smdg_code = ${filter.terminal}` : empty}
    ${filter.status?.length ? sql`AND pc.status = ANY(${filter.status}::text[])` : empty}
    ${filter.from ? sql`AND coalesce(pc.departure_at, pc.berthing_at, pc.arrival_at) >= ${filter.from}::timestamptz` : empty}
    ${filter.to ? sql`AND coalesce(pc.arrival_at, pc.berthing_at, pc.departure_at) < ${filter.to}::timestamptz` : empty}
    ${filter.q
      ? digits
        ? sql`AND (pc.vessel_imo_number LIKE ${`${filter.q}%`} OR v.mmsi_number LIKE ${`${filter.q}%`})`
        : sql`AND (v.vessel_name ILIKE ${`%${escapeLike(filter.q)}%`} OR pc.transport_call_reference ILIKE ${`${escapeLike(filter.q)}%`})`
      : empty}`;
}

function sortExpression(sql: Queryable, sort: PortCallSort): { key: ReturnType<Queryable>; kind: SortKind; descending: boolean } {
  const descending = sort.startsWith('-');
  // A missing time sorts last both ways: +infinity ascending, -infinity descending.
  switch (sort.replace('-', '') as 'arrival' | 'departure' | 'updated' | 'vessel') {
    case 'arrival':
      return {
        key: descending ? sql`coalesce(pc.arrival_at, '-infinity'::timestamptz)` : sql`coalesce(pc.arrival_at, 'infinity'::timestamptz)`,
        kind: 'time',
        descending,
      };
    case 'departure':
      return {
        key: descending ? sql`coalesce(pc.departure_at, '-infinity'::timestamptz)` : sql`coalesce(pc.departure_at, 'infinity'::timestamptz)`,
        kind: 'time',
        descending,
      };
    case 'updated':
      return { key: sql`pc.updated_at`, kind: 'time', descending };
    case 'vessel':
      return { key: sql`lower(v.vessel_name)`, kind: 'text', descending };
  }
}

/** A page of the list and where it ended (null on the last page). */
export async function listPortCalls(sql: Queryable, scope: DataScope, options: ListOptions): Promise<{ data: PortCallListItem[]; nextPosition: [string, string] | null }> {
  const { key, kind, descending } = sortExpression(sql, options.sort);
  // Positions come only from sealed cursors of this list and sort order, so they are ours.
  const cursor = options.after ? { value: options.after[0] ?? '', id: options.after[1] ?? '' } : undefined;
  const cursorValue = cursor ? (kind === 'time' ? sql`${cursor.value}::text::timestamptz` : sql`${cursor.value}::text`) : undefined;
  const after = cursor
    ? descending
      ? sql`AND (${key}, pc.id) < (${cursorValue!}, ${cursor.id})`
      : sql`AND (${key}, pc.id) > (${cursorValue!}, ${cursor.id})`
    : sql``;
  const rows = await sql<(ListRow & { sort_value: Date | string })[]>`
    SELECT ${listColumns(sql)}, ${key} AS sort_value
    FROM port_calls pc
    JOIN vessels v ON v.tenant_id = pc.tenant_id AND v.environment = pc.environment AND v.vessel_imo_number = pc.vessel_imo_number
    JOIN ports p ON p.tenant_id = pc.tenant_id AND p.environment = pc.environment AND p.un_location_code = pc.un_location_code
    WHERE pc.tenant_id = ${scope.tenantId} AND pc.environment = ${scope.environment} ${filterConditions(sql, options)} ${after}
    ORDER BY ${key} ${descending ? sql`DESC` : sql`ASC`}, pc.id ${descending ? sql`DESC` : sql`ASC`}
    LIMIT ${options.limit + 1}`;
  const page = rows.slice(0, options.limit);
  const last = page.at(-1);
  const nextPosition: [string, string] | null =
    rows.length > options.limit && last ? [sortValueText(last.sort_value, descending), last.id] : null;
  return { data: page.map(toListItem), nextPosition };
}

/** Infinite timestamps come back from postgres.js as Invalid Date; keep them as words. */
function sortValueText(value: Date | string, descending: boolean): string {
  if (typeof value === 'string') return value;
  if (Number.isNaN(value.getTime())) return descending ? '-infinity' : 'infinity';
  return value.toISOString();
}

/** The list shape (and MMSI, for stream filters) of the given calls, by id. */
export async function findListItems(sql: Queryable, scope: DataScope, ids: string[]): Promise<Map<string, PortCallListItem & { mmsi: string | null }>> {
  if (ids.length === 0) return new Map();
  const rows = await sql<ListRow[]>`
    SELECT ${listColumns(sql)}
    FROM port_calls pc
    JOIN vessels v ON v.tenant_id = pc.tenant_id AND v.environment = pc.environment AND v.vessel_imo_number = pc.vessel_imo_number
    JOIN ports p ON p.tenant_id = pc.tenant_id AND p.environment = pc.environment AND p.un_location_code = pc.un_location_code
    WHERE pc.tenant_id = ${scope.tenantId} AND pc.environment = ${scope.environment} AND pc.id = ANY(${ids}::text[])`;
  return new Map(rows.map((row) => [row.id, { ...toListItem(row), mmsi: row.mmsi_number }]));
}

interface DetailRow extends ListRow {
  port_name: string;
  terminal_name: string | null;
  port_visit_reference: string | null;
  carrier_service_code: string | null;
  carrier_import_voyage_number: string | null;
  carrier_export_voyage_number: string | null;
  vessel_call_sign: string | null;
  length_overall: string | null;
  width: string | null;
  draft: string | null;
  cargo_description: string | null;
  cargo_quantity: string | null;
  cargo_unit: string | null;
  agent_name: string | null;
  planned_arrival_at: Date | null;
  planned_berthing_at: Date | null;
  planned_departure_at: Date | null;
  created_at: Date;
}

export async function findPortCall(sql: Queryable, scope: DataScope, id: string): Promise<PortCall | undefined> {
  const [row] = await sql<DetailRow[]>`
    SELECT ${listColumns(sql)}, p.port_name, t.terminal_name, pc.port_visit_reference, pc.carrier_service_code,
      pc.carrier_import_voyage_number, pc.carrier_export_voyage_number, v.vessel_call_sign,
      v.length_overall, v.width, v.draft, pc.cargo_description, pc.cargo_quantity, pc.cargo_unit, pc.agent_name,
      pc.planned_arrival_at, pc.planned_berthing_at, pc.planned_departure_at, pc.created_at
    FROM port_calls pc
    JOIN vessels v ON v.tenant_id = pc.tenant_id AND v.environment = pc.environment AND v.vessel_imo_number = pc.vessel_imo_number
    JOIN ports p ON p.tenant_id = pc.tenant_id AND p.environment = pc.environment AND p.un_location_code = pc.un_location_code
    LEFT JOIN terminals t ON t.tenant_id = pc.tenant_id AND t.environment = pc.environment AND t.un_location_code = pc.un_location_code
      AND t.facility_smdg_code = pc.facility_smdg_code
    WHERE pc.tenant_id = ${scope.tenantId} AND pc.environment = ${scope.environment} AND pc.id = ${id}`;
  if (!row) return undefined;
  const timestamps = await sql<TimestampRow[]>`
    SELECT id, event_type_code, classifier_code, facility_type_code, event_date_time, original_utc_offset_minutes,
      delay_reason_code, remark, source, publisher_role, received_at
    FROM port_call_timestamps
    WHERE tenant_id = ${scope.tenantId} AND environment = ${scope.environment} AND port_call_id = ${id}
    ORDER BY id`;
  return {
    ...toListItem(row),
    portName: row.port_name,
    terminalName: row.terminal_name,
    portVisitReference: row.port_visit_reference,
    carrierServiceCode: row.carrier_service_code,
    carrierImportVoyageNumber: row.carrier_import_voyage_number,
    carrierExportVoyageNumber: row.carrier_export_voyage_number,
    vessel: toVessel(row),
    cargoDescription: row.cargo_description,
    cargoQuantity: numberOrNull(row.cargo_quantity),
    cargoUnit: row.cargo_unit,
    agentName: row.agent_name,
    planned: {
      arrival: isoInstant(row.planned_arrival_at),
      berthing: isoInstant(row.planned_berthing_at),
      departure: isoInstant(row.planned_departure_at),
    },
    createdAt: row.created_at.toISOString(),
    timestamps: timestamps.map(toTimestamp),
  };
}
