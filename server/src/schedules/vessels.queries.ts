import type { Page, Vessel, VesselInput } from '@porttask/sdk/schemas';
import type { Queryable } from '../db/connection.ts';
import { escapeLike } from './port-calls.queries.ts';
import { toVessel, type VesselRow } from './port-call-rows.ts';


/**
 * Records the vessel, or what is new about it. Fields a sender leaves out are kept (a
 * line-up knows the name and IMO, not the beam). Returns whether anything changed.
 */
export async function upsertVessel(sql: Queryable, tenantId: string, vessel: VesselInput): Promise<boolean> {
  const rows = await sql`
    INSERT INTO vessels (tenant_id, vessel_imo_number, vessel_name, mmsi_number, vessel_call_sign, length_overall, width, draft)
    VALUES (${tenantId}, ${vessel.vesselIMONumber}, ${vessel.vesselName}, ${vessel.MMSINumber ?? null},
            ${vessel.vesselCallSign ?? null}, ${vessel.lengthOverall ?? null}, ${vessel.width ?? null}, ${vessel.draft ?? null})
    ON CONFLICT (tenant_id, vessel_imo_number) DO UPDATE SET
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
        coalesce(excluded.width, vessels.width), coalesce(excluded.draft, vessels.draft))
    RETURNING vessel_imo_number`;
  return rows.length > 0;
}

/** Type-ahead: IMO or MMSI prefix for digits, else name contains; by name. */
export async function searchVessels(sql: Queryable, tenantId: string, options: { q?: string | undefined; cursor?: string | undefined; limit: number }): Promise<Page<Vessel>> {
  const q = options.q?.trim();
  let cursor: [string, string] | undefined;
  if (options.cursor) {
    try {
      cursor = JSON.parse(Buffer.from(options.cursor, 'base64url').toString('utf8')) as [string, string];
    } catch {
      cursor = undefined;
    }
  }
  const rows = await sql<VesselRow[]>`
    SELECT vessel_imo_number, vessel_name, mmsi_number, vessel_call_sign, length_overall, width, draft
    FROM vessels
    WHERE tenant_id = ${tenantId}
      ${q
        ? /^[0-9]{1,9}$/.test(q)
          ? sql`AND (vessel_imo_number LIKE ${`${q}%`} OR mmsi_number LIKE ${`${q}%`})`
          : sql`AND vessel_name ILIKE ${`%${escapeLike(q)}%`}`
        : sql``}
      ${cursor ? sql`AND (lower(vessel_name), vessel_imo_number) > (${String(cursor[0])}, ${String(cursor[1])})` : sql``}
    ORDER BY lower(vessel_name), vessel_imo_number
    LIMIT ${options.limit + 1}`;
  const page = rows.slice(0, options.limit);
  const last = page.at(-1);
  return {
    data: page.map(toVessel),
    nextCursor: rows.length > options.limit && last
      ? Buffer.from(JSON.stringify([last.vessel_name.toLowerCase(), last.vessel_imo_number])).toString('base64url')
      : null,
  };
}
