import type { Port } from '@porttask/sdk/schemas';
import type { Queryable } from '../db/connection.ts';
import type { DataScope } from '../tenants/data-scope.ts';
import { REFERENCE_PORTS } from './reference-ports.ts';
import { escapeLike } from './port-calls.queries.ts';

interface PortRow {
  un_location_code: string;
  port_name: string;
  country_code: string;
  time_zone: string;
  latitude: number | null;
  longitude: number | null;
}

const toPort = (row: PortRow): Port => ({
  UNLocationCode: row.un_location_code,
  portName: row.port_name,
  countryCode: row.country_code,
  timeZone: row.time_zone,
  latitude: row.latitude,
  longitude: row.longitude,
});

/**
 * The scope's port with this LOCODE, adopting it from the reference list the first time.
 * Undefined when the LOCODE is neither the tenant's nor in the reference list: unknown.
 */
export async function ensurePort(sql: Queryable, scope: DataScope, code: string): Promise<Port | undefined> {
  const [existing] = await sql<PortRow[]>`
    SELECT un_location_code, port_name, country_code, time_zone, latitude, longitude
    FROM ports WHERE tenant_id = ${scope.tenantId} AND environment = ${scope.environment} AND un_location_code = ${code}`;
  if (existing) return toPort(existing);
  const reference = REFERENCE_PORTS.get(code);
  if (!reference) return undefined;
  await sql`
    INSERT INTO ports (tenant_id, environment, un_location_code, port_name, country_code, time_zone, latitude, longitude)
    VALUES (${scope.tenantId}, ${scope.environment}, ${code}, ${reference.portName}, ${reference.countryCode}, ${reference.timeZone},
            ${reference.latitude}, ${reference.longitude})
    ON CONFLICT (tenant_id, environment, un_location_code) DO NOTHING`;
  return { ...reference };
}

/** Which of these LOCODEs the scope has recorded as its ports. */
export async function findRecordedPortCodes(sql: Queryable, scope: DataScope, codes: string[]): Promise<Set<string>> {
  if (codes.length === 0) return new Set();
  const rows = await sql<{ un_location_code: string }[]>`
    SELECT un_location_code FROM ports
    WHERE tenant_id = ${scope.tenantId} AND environment = ${scope.environment} AND un_location_code = ANY(${codes}::text[])`;
  return new Set(rows.map((row) => row.un_location_code));
}

/** Type-ahead over the scope's ports: LOCODE prefix or name contains, by LOCODE; `after` = the LOCODE a page ended with. */
export async function searchPorts(sql: Queryable, scope: DataScope, options: { q?: string | undefined; after?: string | undefined; limit: number }): Promise<{ data: Port[]; nextPosition: [string] | null }> {
  const q = options.q?.trim();
  const rows = await sql<PortRow[]>`
    SELECT un_location_code, port_name, country_code, time_zone, latitude, longitude
    FROM ports
    WHERE tenant_id = ${scope.tenantId} AND environment = ${scope.environment}
      ${q ? sql`AND (un_location_code LIKE ${`${escapeLike(q.toUpperCase())}%`} OR port_name ILIKE ${`%${escapeLike(q)}%`})` : sql``}
      ${options.after !== undefined ? sql`AND un_location_code > ${options.after}` : sql``}
    ORDER BY un_location_code
    LIMIT ${options.limit + 1}`;
  const page = rows.slice(0, options.limit);
  return { data: page.map(toPort), nextPosition: rows.length > options.limit ? [page.at(-1)!.un_location_code] : null };
}
