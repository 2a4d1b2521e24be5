import type { Vessel } from '@porttask/sdk/schemas';
import type { Queryable } from '../db/connection.ts';
import type { DataScope } from '../tenants/data-scope.ts';
import { escapeLike } from './port-calls.queries.ts';
import { toVessel, type VesselRow } from './port-call-rows.ts';


/** What the scope has recorded of the given vessels, by IMO number. */
export async function findVessels(sql: Queryable, scope: DataScope, imoNumbers: string[]): Promise<Map<string, Vessel>> {
  if (imoNumbers.length === 0) return new Map();
  const rows = await sql<VesselRow[]>`
    SELECT vessel_imo_number, vessel_name, mmsi_number, vessel_call_sign, length_overall, width, draft
    FROM vessels
    WHERE tenant_id = ${scope.tenantId} AND environment = ${scope.environment} AND vessel_imo_number = ANY(${imoNumbers}::text[])`;
  return new Map(rows.map((row) => [row.vessel_imo_number, toVessel(row)]));
}

/**
 * Records vessels, or what is new about them (one row per IMO number). Fields a sender
 * leaves out are kept (a line-up knows the name and IMO, not the beam). The batch writer has
 * already merged with what it read (to know whether a vessel changed); the `coalesce`s here
 * keep what another transaction recorded since.
 */
export async function upsertVessels(sql: Queryable, scope: DataScope, vessels: Vessel[]): Promise<void> {
  if (vessels.length === 0) return;
  const rows = vessels.map((vessel) => ({
    tenant_id: scope.tenantId,
    environment: scope.environment,
    vessel_imo_number: vessel.vesselIMONumber,
    vessel_name: vessel.vesselName,
    mmsi_number: vessel.MMSINumber ?? null,
    vessel_call_sign: vessel.vesselCallSign ?? null,
    length_overall: vessel.lengthOverall ?? null,
    width: vessel.width ?? null,
    draft: vessel.draft ?? null,
  }));
  await sql`
    INSERT INTO vessels ${sql(rows)}
    ON CONFLICT (tenant_id, environment, vessel_imo_number) DO UPDATE SET
      vessel_name = excluded.vessel_name,
      mmsi_number = coalesce(excluded.mmsi_number, vessels.mmsi_number),
      vessel_call_sign = coalesce(excluded.vessel_call_sign, vessels.vessel_call_sign),
      length_overall = coalesce(excluded.length_overall, vessels.length_overall),
      width = coalesce(excluded.width, vessels.width),
      draft = coalesce(excluded.draft, vessels.draft),
      updated_at = now()
    WHERE (vessels.vessel_name, vessels.mmsi_number, vessels.vessel_call_sign, vessels.length_overall, vessels.width, vessels.draft)
      IS DISTINCT FROM (excluded.vessel_name, coalesce(excluded.mmsi_number, vessels.mmsi_number),
        coalesce(excluded.vessel_call_sign, vessels.vessel_call_sign), coalesce(excluded.length_overall, vessels.length_overall),
        coalesce(excluded.width, vessels.width), coalesce(excluded.draft, vessels.draft))`;
}

/** Type-ahead: IMO or MMSI prefix for digits, else name contains; by name. `after` = where a page ended: [lower-case name, IMO]. */
export async function searchVessels(
  sql: Queryable,
  scope: DataScope,
  options: { q?: string | undefined; after?: string[] | undefined; limit: number },
): Promise<{ data: Vessel[]; nextPosition: [string, string] | null }> {
  const q = options.q?.trim();
  const after = options.after;
  const rows = await sql<VesselRow[]>`
    SELECT vessel_imo_number, vessel_name, mmsi_number, vessel_call_sign, length_overall, width, draft
    FROM vessels
    WHERE tenant_id = ${scope.tenantId} AND environment = ${scope.environment}
      ${q
        ? /^[0-9]{1,9}$/.test(q)
          ? sql`AND (vessel_imo_number LIKE ${`${q}%`} OR mmsi_number LIKE ${`${q}%`})`
          : sql`AND vessel_name ILIKE ${`%${escapeLike(q)}%`}`
        : sql``}
      ${after ? sql`AND (lower(vessel_name), vessel_imo_number) > (${after[0] ?? ''}, ${after[1] ?? ''})` : sql``}
    ORDER BY lower(vessel_name), vessel_imo_number
    LIMIT ${options.limit + 1}`;
  const page = rows.slice(0, options.limit);
  const last = page.at(-1);
  return {
    data: page.map(toVessel),
    nextPosition: rows.length > options.limit && last ? [last.vessel_name.toLowerCase(), last.vessel_imo_number] : null,
  };
}
