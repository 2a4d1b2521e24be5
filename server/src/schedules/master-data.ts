import type { PortCallInput, Vessel, VesselInput } from '@porttask/sdk/schemas';
import type { Queryable } from '../db/connection.ts';
import type { DataScope } from '../tenants/data-scope.ts';
import { ensurePort } from './ports.queries.ts';
import { upsertVessels } from './vessels.queries.ts';

/**
 * The master data port calls name, gathered over a batch and written once: ports (adopted
 * from the reference list), terminals, berths, vessels, services and voyages, one row each.
 */
export class MasterData {
  readonly ports = new Set<string>();
  readonly terminals = new Map<string, { un_location_code: string; facility_smdg_code: string; terminal_name: string | null }>();
  readonly berths = new Map<string, { un_location_code: string; berth_name: string; facility_smdg_code: string | null }>();
  readonly services = new Map<string, { carrier_service_code: string; carrier_service_name: string | null }>();
  readonly voyages = new Map<string, { vessel_imo_number: string; carrier_voyage_number: string; carrier_service_code: string | null }>();
  readonly vessels = new Map<string, Vessel>();

  constructor(private readonly recordedVessels: Map<string, Vessel>) {}

  /** Notes what `input` names; returns whether its vessel differs from what is recorded. */
  note(input: PortCallInput, portIsRecorded: boolean): boolean {
    const port = input.UNLocationCode;
    if (!portIsRecorded) this.ports.add(port);
    if (input.facilitySMDGCode) {
      const key = `${port} ${input.facilitySMDGCode}`;
      const name = input.terminalName ?? this.terminals.get(key)?.terminal_name ?? null;
      this.terminals.set(key, { un_location_code: port, facility_smdg_code: input.facilitySMDGCode, terminal_name: name });
    }
    if (input.berth && !this.berths.has(`${port} ${input.berth}`)) {
      this.berths.set(`${port} ${input.berth}`, { un_location_code: port, berth_name: input.berth, facility_smdg_code: input.facilitySMDGCode ?? null });
    }
    if (input.carrierServiceCode) {
      const name = input.carrierServiceName ?? this.services.get(input.carrierServiceCode)?.carrier_service_name ?? null;
      this.services.set(input.carrierServiceCode, { carrier_service_code: input.carrierServiceCode, carrier_service_name: name });
    }
    for (const voyage of [input.carrierImportVoyageNumber, input.carrierExportVoyageNumber]) {
      const key = `${input.vessel.vesselIMONumber} ${voyage}`;
      if (voyage && !this.voyages.has(key)) {
        this.voyages.set(key, { vessel_imo_number: input.vessel.vesselIMONumber, carrier_voyage_number: voyage, carrier_service_code: input.carrierServiceCode ?? null });
      }
    }
    return this.#noteVessel(input.vessel);
  }

  /** Fields a sender leaves out are kept (a line-up knows the name and IMO, not the beam). */
  #noteVessel(input: VesselInput): boolean {
    const before = this.recordedVessels.get(input.vesselIMONumber);
    const after: Vessel = {
      vesselIMONumber: input.vesselIMONumber,
      vesselName: input.vesselName,
      MMSINumber: input.MMSINumber ?? before?.MMSINumber ?? null,
      vesselCallSign: input.vesselCallSign ?? before?.vesselCallSign ?? null,
      lengthOverall: input.lengthOverall ?? before?.lengthOverall ?? null,
      width: input.width ?? before?.width ?? null,
      draft: input.draft ?? before?.draft ?? null,
    };
    const changed = !before || (Object.keys(after) as (keyof Vessel)[]).some((field) => after[field] !== before[field]);
    if (changed) {
      this.recordedVessels.set(input.vesselIMONumber, after);
      this.vessels.set(input.vesselIMONumber, after);
    }
    return changed;
  }

  async write(sql: Queryable, scope: DataScope): Promise<void> {
    for (const port of this.ports) await ensurePort(sql, scope, port);
    const withScope = <Row extends object>(rows: Iterable<Row>) =>
      [...rows].map((row) => ({ tenant_id: scope.tenantId, environment: scope.environment, ...row }));
    if (this.terminals.size > 0) {
      await sql`
        INSERT INTO terminals ${sql(withScope(this.terminals.values()))}
        ON CONFLICT (tenant_id, environment, un_location_code, facility_smdg_code) DO UPDATE
          SET terminal_name = coalesce(excluded.terminal_name, terminals.terminal_name)
          WHERE excluded.terminal_name IS DISTINCT FROM terminals.terminal_name AND excluded.terminal_name IS NOT NULL`;
    }
    if (this.berths.size > 0) await sql`INSERT INTO berths ${sql(withScope(this.berths.values()))} ON CONFLICT DO NOTHING`;
    await upsertVessels(sql, scope, [...this.vessels.values()]);
    if (this.services.size > 0) {
      await sql`
        INSERT INTO services ${sql(withScope(this.services.values()))}
        ON CONFLICT (tenant_id, environment, carrier_service_code) DO UPDATE
          SET carrier_service_name = coalesce(excluded.carrier_service_name, services.carrier_service_name)
          WHERE excluded.carrier_service_name IS NOT NULL AND excluded.carrier_service_name IS DISTINCT FROM services.carrier_service_name`;
    }
    if (this.voyages.size > 0) await sql`INSERT INTO voyages ${sql(withScope(this.voyages.values()))} ON CONFLICT DO NOTHING`;
  }
}
