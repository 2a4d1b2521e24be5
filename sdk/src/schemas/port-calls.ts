import * as z from 'zod';
import { isoDate, isoDateTime } from './common.ts';
import { ValidationIssue } from './errors.ts';
import { FacilitySMDGCode, UNLocationCode } from './ports.ts';
import { Vessel, VesselInput } from './vessels.ts';
import { portCallExamples } from './examples/port-calls.ts';

/*
 * Port calls (DCSA Operational Vessel Schedules 3.0 / Port Call JIT 2.0 field names).
 * A port call is one vessel's visit to one port; its times are append-only timestamps, from
 * which the best known arrival / berthing / departure are derived (docs/schedules.md).
 */

export const PortCallStatus = z
  .enum(['PLANNED', 'ARRIVED', 'BERTHED', 'DEPARTED', 'CANCELLED', 'OMITTED'])
  .meta({ id: 'PortCallStatus', description: 'ARRIVED = at anchorage or pilot boarding place; BERTHED = alongside; OMITTED = the vessel skips this port.' });
export type PortCallStatus = z.infer<typeof PortCallStatus>;

export const EventTypeCode = z.enum(['ARRI', 'DEPA', 'STRT', 'CMPL']).meta({ id: 'EventTypeCode', description: 'Arrival, departure, start and completion of cargo operations.' });
export type EventTypeCode = z.infer<typeof EventTypeCode>;
export const ClassifierCode = z.enum(['EST', 'PLN', 'REQ', 'ACT']).meta({ id: 'ClassifierCode', description: 'Estimated, planned, requested, actual.' });
export type ClassifierCode = z.infer<typeof ClassifierCode>;
export const FacilityTypeCode = z.enum(['BRTH', 'PBPL', 'ANCH']).meta({ id: 'FacilityTypeCode', description: 'Berth, pilot boarding place, anchorage.' });
export type FacilityTypeCode = z.infer<typeof FacilityTypeCode>;
export const PublisherRole = z
  .enum(['CA', 'AG', 'VSL', 'ATH', 'PLT', 'TR', 'TWG', 'BUK', 'LSH'])
  .meta({ id: 'PublisherRole', description: 'DCSA publisher role: carrier, agent, vessel, port authority, pilot, terminal, towage, bunkering, lashing.' });
export type PublisherRole = z.infer<typeof PublisherRole>;

/** Partner reference of a port call, used as the key of the idempotent upsert. */
export const TransportCallReference = z
  .string()
  .max(100)
  .regex(/^[A-Za-z0-9][A-Za-z0-9._:-]{0,99}$/, 'must be 1–100 letters, digits, ".", "_", ":" or "-", starting with a letter or digit')
  .meta({ id: 'TransportCallReference', example: 'NLRTM-9321483-2026W48' });

/** One timestamp as a publisher sends it. `dateTime` must carry its UTC offset. */
export const TimestampInput = z
  .object({
    eventTypeCode: EventTypeCode,
    classifierCode: ClassifierCode,
    facilityTypeCode: FacilityTypeCode,
    dateTime: isoDateTime({ offset: true }).meta({ example: '2026-11-25T14:30:00+01:00' }),
    delayReasonCode: z.string().length(3).regex(/^[A-Z]{3}$/, 'must be a 3-letter SMDG delay reason code').optional(),
    remark: z.string().max(500).optional(),
    source: z.string().min(1).max(100).optional().meta({ description: 'Who sent it, e.g. a system or company name.' }),
    publisherRole: PublisherRole.optional(),
  })
  .meta({ id: 'TimestampInput', examples: [portCallExamples.timestampInput] });
export type TimestampInput = z.infer<typeof TimestampInput>;

export const PortCallTimestamp = z
  .object({
    id: z.string().max(100),
    eventTypeCode: EventTypeCode,
    classifierCode: ClassifierCode,
    facilityTypeCode: FacilityTypeCode,
    dateTime: z.string().max(35).meta({ description: 'The instant, in UTC.' }),
    originalUTCOffset: z.string().max(6).meta({ description: 'The offset the publisher sent, e.g. "+05:30".', example: '+01:00' }),
    delayReasonCode: z.string().max(3).nullable(),
    remark: z.string().max(500).nullable(),
    source: z.string().max(100).nullable(),
    publisherRole: PublisherRole.nullable(),
    receivedAt: z.string().max(35),
  })
  .meta({ id: 'PortCallTimestamp' });
export type PortCallTimestamp = z.infer<typeof PortCallTimestamp>;

/** The best known time of one phase, and how sure it is. */
export const BestKnownTime = z
  .object({ dateTime: z.string().max(35), classifierCode: ClassifierCode })
  .meta({ id: 'BestKnownTime' });
export type BestKnownTime = z.infer<typeof BestKnownTime>;

/** What `PUT /v1/port-calls/{transportCallReference}` takes: the whole port call. */
export const PortCallInput = z
  .object({
    UNLocationCode,
    facilitySMDGCode: FacilitySMDGCode.optional(),
    terminalName: z.string().trim().min(1).max(100).optional(),
    berth: z.string().trim().min(1).max(50).optional(),
    vessel: VesselInput,
    carrierServiceCode: z.string().max(11).regex(/^[A-Z0-9]{1,11}$/, 'must be 1–11 capital letters or digits').optional(),
    carrierServiceName: z.string().trim().min(1).max(100).optional(),
    carrierImportVoyageNumber: z.string().trim().min(1).max(50).optional(),
    carrierExportVoyageNumber: z.string().trim().min(1).max(50).optional(),
    portVisitReference: z.string().trim().min(1).max(50).optional(),
    status: PortCallStatus.optional().meta({ description: 'Omitted: kept as is (PLANNED for a new call); actual timestamps move it forward.' }),
    cargoDescription: z.string().trim().min(1).max(200).optional(),
    cargoQuantity: z.number().nonnegative().max(10_000_000).optional(),
    cargoUnit: z.string().trim().min(1).max(20).optional(),
    agentName: z.string().trim().min(1).max(200).optional(),
    source: z.string().trim().min(1).max(100).optional().meta({ description: 'Who sends this change; shown as "last changed by".' }),
    timestamps: z.array(TimestampInput).max(50).optional().meta({ description: 'Appended unless an identical one is already recorded, so repeating the PUT changes nothing.' }),
  })
  .meta({ id: 'PortCallInput', examples: [portCallExamples.input] });
export type PortCallInput = z.infer<typeof PortCallInput>;

/** One row of an NDJSON import: a port call and its reference. */
export const PortCallImportRow = PortCallInput.extend({ transportCallReference: TransportCallReference })
  .meta({ id: 'PortCallImportRow', examples: [portCallExamples.importRow] });
export type PortCallImportRow = z.infer<typeof PortCallImportRow>;

/** The compact shape of lists and live events (budget: ≤ 30 KB brotli per 1,000 rows). */
export const PortCallListItem = z
  .object({
    id: z.string().max(100),
    transportCallReference: z.string().max(100),
    vesselName: z.string().max(100),
    vesselIMONumber: z.string().max(7),
    voyage: z.string().max(50).nullable().meta({ description: 'Export voyage number, else import voyage number.' }),
    UNLocationCode: z.string().max(5),
    timeZone: z.string().max(64).meta({ description: 'IANA zone of the port.' }),
    facilitySMDGCode: z.string().max(6).nullable(),
    berth: z.string().max(50).nullable(),
    status: PortCallStatus,
    arrival: BestKnownTime.nullable(),
    berthing: BestKnownTime.nullable(),
    departure: BestKnownTime.nullable(),
    delayMinutes: z.number().int().nullable().meta({ description: 'Latest phase with a plan: best known minus planned time. Positive = late.' }),
    updatedAt: z.string().max(35),
    updatedBy: z.string().max(100).nullable(),
    version: z.number().int().meta({ description: 'Grows with every change; apply a live event only if its version is newer.' }),
  })
  .meta({ id: 'PortCallListItem', examples: [portCallExamples.listItem] });
export type PortCallListItem = z.infer<typeof PortCallListItem>;

export const PortCall = PortCallListItem.extend({
  portName: z.string().max(100),
  terminalName: z.string().max(100).nullable(),
  portVisitReference: z.string().max(50).nullable(),
  carrierServiceCode: z.string().max(11).nullable(),
  carrierImportVoyageNumber: z.string().max(50).nullable(),
  carrierExportVoyageNumber: z.string().max(50).nullable(),
  vessel: Vessel,
  cargoDescription: z.string().max(200).nullable(),
  cargoQuantity: z.number().nullable(),
  cargoUnit: z.string().max(20).nullable(),
  agentName: z.string().max(200).nullable(),
  planned: z.object({ arrival: z.string().max(35).nullable(), berthing: z.string().max(35).nullable(), departure: z.string().max(35).nullable() }),
  createdAt: z.string().max(35),
  timestamps: z.array(PortCallTimestamp).meta({ description: 'Every timestamp received, oldest first.' }),
}).meta({ id: 'PortCall', examples: [portCallExamples.portCall] });
export type PortCall = z.infer<typeof PortCall>;

export const PortCallSort = z
  .enum(['arrival', '-arrival', 'departure', '-departure', 'updated', '-updated', 'vessel', '-vessel'])
  .meta({ id: 'PortCallSort', description: 'Field to sort by; a leading "-" sorts descending. Calls without the time sort last.' });
export type PortCallSort = z.infer<typeof PortCallSort>;

const statusList = z
  .string()
  .max(100)
  .transform((value) => value.split(',').map((part) => part.trim()).filter(Boolean))
  .pipe(z.array(PortCallStatus).max(6))
  .meta({ description: 'One status or several, comma separated.', example: 'PLANNED,ARRIVED' });

const instant = z.union([isoDateTime({ offset: true }), isoDate()]).meta({ description: 'ISO date-time with offset, or a date (midnight UTC).' });

/** Filters shared by the list and the live stream. */
export const PortCallFilter = z.object({
  port: UNLocationCode.optional(),
  terminal: FacilitySMDGCode.optional(),
  status: statusList.optional(),
  from: instant.optional().meta({ description: 'Calls still in port at or after this time (departure, else arrival).' }),
  to: instant.optional().meta({ description: 'Calls arriving before this time.' }),
  q: z.string().trim().min(1).max(100).optional().meta({ description: 'Vessel name (contains), IMO or MMSI (prefix).' }),
});
export type PortCallFilter = z.input<typeof PortCallFilter>;

export const PortCallListQuery = PortCallFilter.extend({
  sort: PortCallSort.default('arrival'),
  cursor: z.string().max(1024).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100).meta({ description: 'Page size, 1–500 (default 100).' }),
});
export type PortCallListQuery = z.input<typeof PortCallListQuery>;

export const PortCallStreamQuery = PortCallFilter.extend({
  after: z.coerce.number().int().min(0).max(Number.MAX_SAFE_INTEGER).optional().meta({ description: 'Resume after this sequence number (for clients that cannot send Last-Event-ID).' }),
});
export type PortCallStreamQuery = z.input<typeof PortCallStreamQuery>;

export const PortCallEventType = z.enum(['port_call.created', 'port_call.updated', 'port_call.timestamp_added']);
export type PortCallEventType = z.infer<typeof PortCallEventType>;

/** `data` of an SSE `port-call` event; the SSE `id` is `sequence`. */
export const PortCallEvent = z
  .object({
    sequence: z.number().int(),
    type: PortCallEventType,
    occurredAt: z.string(),
    portCall: PortCallListItem,
  })
  .meta({ id: 'PortCallEvent', examples: [portCallExamples.event] });
export type PortCallEvent = z.infer<typeof PortCallEvent>;

export const ImportMode = z
  .enum(['all-or-nothing', 'per-row'])
  .meta({ id: 'ImportMode', description: 'all-or-nothing: any bad row → 422 and nothing is written. per-row: good rows are written, bad rows reported.' });
export type ImportMode = z.infer<typeof ImportMode>;

export const LineupDateOrder = z
  .enum(['dmy', 'mdy'])
  .meta({ id: 'LineupDateOrder', description: 'How a CSV line-up writes dates like 03/04/2026: dmy (3 April; India, Europe; the default) or mdy (March 4; the United States).' });
export type LineupDateOrder = z.infer<typeof LineupDateOrder>;

export const ImportQuery = z.object({
  mode: ImportMode.default('all-or-nothing'),
  port: UNLocationCode.optional().meta({ description: 'Port of CSV rows that name none (a line-up is usually one port\'s).' }),
  dates: LineupDateOrder.default('dmy'),
});
export type ImportQuery = z.input<typeof ImportQuery>;

/** JSON form of an import (NDJSON and CSV bodies are the other two). */
export const ImportJsonBody = z
  .object({
    rows: z
      .array(z.unknown().meta({ description: 'A PortCallImportRow. Each row is checked on its own, so one bad row is named instead of hiding the others.' }))
      .min(1)
      .max(5000),
  })
  .meta({ id: 'ImportJsonBody', examples: [{ rows: [portCallExamples.importRow] }] });

export const ImportRowResult = z
  .object({
    row: z.number().int().meta({ description: 'Data row, from 1 (a CSV header is not a row).' }),
    line: z.number().int().meta({ description: 'Line in the file, from 1.' }),
    transportCallReference: z.string().max(100).nullable(),
    outcome: z.enum(['created', 'updated', 'unchanged', 'failed']),
    id: z.string().max(100).optional(),
    issues: z.array(ValidationIssue).optional(),
  })
  .meta({ id: 'ImportRowResult' });
export type ImportRowResult = z.infer<typeof ImportRowResult>;

export const ImportResult = z
  .object({
    mode: ImportMode,
    rows: z.number().int(),
    applied: z.number().int(),
    failed: z.number().int(),
    results: z.array(ImportRowResult),
  })
  .meta({ id: 'ImportResult', examples: [portCallExamples.importResult] });
export type ImportResult = z.infer<typeof ImportResult>;
