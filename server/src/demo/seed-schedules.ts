import type { PortCallInput, TimestampInput } from '@porttask/sdk/schemas';
import type { Sql } from '../db/connection.ts';
import type { DataScope } from '../tenants/data-scope.ts';
import { PortCallRejected, writePortCalls } from '../schedules/port-call-writer.ts';
import { REFERENCE_PORTS } from '../schedules/reference-ports.ts';
import { formatOffset, zoneOffsetMinutes } from '../schedules/zoned-time.ts';

/**
 * A realistic week of traffic for the demo tenant: a few hundred port calls at Rotterdam,
 * Nhava Sheva, Chennai and Singapore, from three days ago to four days ahead, each with
 * plans, estimates (some late, with a delay reason) and, for what has already happened,
 * actuals. Deterministic per day, and idempotent: it does nothing while the tenant already
 * has calls around now. Vessel names are realistic; their IMO numbers are synthetic (with
 * valid check digits).
 */
const PORTS: { code: string; terminals: [string, string][]; berths: string[]; calls: number }[] = [
  { code: 'NLRTM', terminals: [['ECTDE', 'ECT Delta'], ['RWG', 'Rotterdam World Gateway'], ['APMII', 'APM Terminals Maasvlakte II']], berths: ['DDE 1', 'DDE 3', 'DDE 5', 'RWG 2', 'AMII 1'], calls: 110 },
  { code: 'INNSA', terminals: [['NSICT', 'Nhava Sheva International CT'], ['GTI', 'Gateway Terminals India'], ['BMCT', 'Bharat Mumbai CT']], berths: ['CB 1', 'CB 2', 'CB 3', 'BMCT 4'], calls: 90 },
  { code: 'INMAA', terminals: [['CCTL', 'Chennai Container Terminal'], ['CITPL', 'Chennai International Terminals']], berths: ['JD 1', 'JD 2', 'BD 3', 'CCTL 2'], calls: 70 },
  { code: 'SGSIN', terminals: [['PPT', 'Pasir Panjang Terminal'], ['TPT', 'Tuas Port']], berths: ['P3', 'P5', 'T1', 'T2'], calls: 80 },
];

const VESSEL_NAMES = [
  'MAERSK EINDHOVEN', 'MSC GULSUN', 'CMA CGM JACQUES SAADE', 'EVER ACE', 'HMM ALGECIRAS', 'ONE INNOVATION', 'COSCO SHIPPING UNIVERSE',
  'OOCL HONG KONG', 'MOL TRIUMPH', 'YM WELLNESS', 'HAPAG ESSEN EXPRESS', 'MSC IRINA', 'EVER GIVEN', 'MADRID MAERSK', 'CMA CGM TIGRIS',
  'ZIM SAMMY OFER', 'WAN HAI 805', 'SSL MUMBAI', 'X-PRESS ANNAPURNA', 'KOTA PERKASA', 'JAG ARNAV', 'STAR LYGRA', 'SCI CHENNAI',
  'APL MERLION', 'NORTHERN JUVENILE', 'SEASPAN BRILLIANCE', 'GSL CHRISTEL', 'CAPE AKRITAS', 'GENCO AUGUSTUS', 'ULTRA WOLLONGONG',
  'MSC ANNA', 'EVER LEADER', 'ONE APUS', 'MAERSK KENSINGTON', 'AL MURABBA', 'ANL WANGARATTA', 'BOX ENDEAVOUR', 'CONTSHIP ICE',
  'SEALAND GUAYAQUIL', 'HYUNDAI SMART',
];
const DELAY_REASONS = ['WEA', 'BER', 'CON', 'TID', 'PIL'];
const SERVICES = ['AE1', 'AE7', 'FAL3', 'INDUS', 'IPAK', 'CIX', 'EPIC'];

/** Small deterministic PRNG (mulberry32): the same day gives the same week of traffic. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let value = state;
    value = Math.imul(value ^ (value >>> 15), value | 1);
    value ^= value + Math.imul(value ^ (value >>> 7), value | 61);
    return ((value ^ (value >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** A 7-digit number starting with 9 whose last digit is the IMO check digit. */
export function syntheticImo(index: number): string {
  const base = String(930_000 + ((index * 7919) % 69_999)).padStart(6, '0');
  const sum = [...base].reduce((total, digit, position) => total + Number(digit) * (7 - position), 0);
  return `${base}${sum % 10}`;
}

function localIso(epochMs: number, timeZone: string): string {
  const offset = zoneOffsetMinutes(timeZone, epochMs);
  return `${new Date(epochMs + offset * 60_000).toISOString().slice(0, 16)}:00${formatOffset(offset)}`;
}

const HOUR = 3_600_000;

/** The demo calls for the week around `now`. */
export function demoPortCalls(now: Date): { reference: string; input: PortCallInput }[] {
  const day = Math.floor(now.getTime() / 86_400_000);
  const next = random(day);
  const start = day * 86_400_000 - 3 * 86_400_000;
  const calls: { reference: string; input: PortCallInput }[] = [];
  for (const port of PORTS) {
    const timeZone = REFERENCE_PORTS.get(port.code)!.timeZone;
    for (let index = 0; index < port.calls; index += 1) {
      const vesselIndex = Math.floor(next() * VESSEL_NAMES.length);
      const plannedArrival = start + Math.floor(next() * 7 * 24) * HOUR;
      const plannedBerthing = plannedArrival + (1 + Math.floor(next() * 8)) * HOUR;
      const plannedDeparture = plannedBerthing + (12 + Math.floor(next() * 48)) * HOUR;
      const lateBy = next() < 0.35 ? Math.floor(next() * 10 * 60) * 60_000 : next() < 0.2 ? -Math.floor(next() * 90) * 60_000 : 0;
      const [terminalCode, terminalName] = port.terminals[Math.floor(next() * port.terminals.length)]!;
      const carrier: Pick<TimestampInput, 'source' | 'publisherRole'> = { source: 'Carrier schedule', publisherRole: 'CA' };
      const agent: Pick<TimestampInput, 'source' | 'publisherRole'> = { source: 'Maasvlakte Port Agency', publisherRole: 'AG' };
      const terminal: Pick<TimestampInput, 'source' | 'publisherRole'> = { source: terminalName, publisherRole: 'TR' };
      const stamp = (eventTypeCode: TimestampInput['eventTypeCode'], classifierCode: TimestampInput['classifierCode'], facilityTypeCode: TimestampInput['facilityTypeCode'], at: number, by: typeof carrier, extra: Partial<TimestampInput> = {}): TimestampInput =>
        ({ eventTypeCode, classifierCode, facilityTypeCode, dateTime: localIso(at, timeZone), ...by, ...extra });
      const timestamps: TimestampInput[] = [
        stamp('ARRI', 'PLN', 'PBPL', plannedArrival, carrier),
        stamp('ARRI', 'PLN', 'BRTH', plannedBerthing, terminal),
        stamp('DEPA', 'PLN', 'BRTH', plannedDeparture, terminal),
      ];
      const cancelled = next() < 0.02;
      if (lateBy !== 0) {
        timestamps.push(stamp('ARRI', 'EST', 'PBPL', plannedArrival + lateBy, agent, lateBy > 0 ? { delayReasonCode: DELAY_REASONS[Math.floor(next() * DELAY_REASONS.length)]! } : {}));
        timestamps.push(stamp('DEPA', 'EST', 'BRTH', plannedDeparture + Math.max(0, lateBy), terminal));
      }
      if (!cancelled) {
        const arrival = plannedArrival + lateBy;
        const berthing = plannedBerthing + lateBy;
        const departure = plannedDeparture + Math.max(0, lateBy);
        if (arrival < now.getTime()) timestamps.push(stamp('ARRI', 'ACT', 'PBPL', arrival, agent));
        if (berthing < now.getTime()) timestamps.push(stamp('ARRI', 'ACT', 'BRTH', berthing, terminal), stamp('STRT', 'ACT', 'BRTH', berthing + HOUR, terminal));
        if (departure < now.getTime()) timestamps.push(stamp('CMPL', 'ACT', 'BRTH', departure - 2 * HOUR, terminal), stamp('DEPA', 'ACT', 'BRTH', departure, agent));
      }
      const voyage = `${String(day % 1000).padStart(3, '0')}${index % 2 === 0 ? 'E' : 'W'}`;
      calls.push({
        reference: `${port.code}-${day}-${String(index).padStart(3, '0')}`,
        input: {
          UNLocationCode: port.code,
          facilitySMDGCode: terminalCode,
          terminalName,
          berth: port.berths[Math.floor(next() * port.berths.length)]!,
          vessel: { vesselIMONumber: syntheticImo(vesselIndex), vesselName: VESSEL_NAMES[vesselIndex]! },
          carrierServiceCode: SERVICES[vesselIndex % SERVICES.length]!,
          carrierExportVoyageNumber: voyage,
          ...(cancelled ? { status: 'CANCELLED' as const } : {}),
          source: 'Maasvlakte Port Agency',
          timestamps,
        },
      });
    }
  }
  return calls;
}

/** Seeds the demo week into `scope` unless it already has calls around now. Returns how many it wrote. */
export async function seedDemoSchedules(owner: Sql, scope: DataScope, now = new Date()): Promise<number> {
  const [existing] = await owner`
    SELECT 1 FROM port_calls
    WHERE tenant_id = ${scope.tenantId} AND environment = ${scope.environment} AND arrival_at BETWEEN ${new Date(now.getTime() - 3 * 86_400_000)} AND ${new Date(now.getTime() + 4 * 86_400_000)}
    LIMIT 1`;
  if (existing) return 0;
  const calls = demoPortCalls(now);
  await owner.begin(async (transaction) => {
    const refused = (await writePortCalls(transaction, scope, calls)).filter((result) => result instanceof PortCallRejected);
    if (refused.length > 0) throw new Error(`The demo schedule has ${refused.length} calls the rules refuse: ${refused[0]!.message}`);
  });
  return calls.length;
}
