import type { LineupDateOrder, PortCallStatus, ValidationIssue } from '@porttask/sdk/schemas';
import { formatOffset, instantFromZonedTime } from './zoned-time.ts';

/**
 * Turns one row of a CSV vessel line-up (the kind ports publish daily: vessel, IMO, cargo,
 * quantity, agent, ETA, berth, status) into a port call import row. Line-up times carry no
 * offset: they are the port's local time, turned into an instant with its IANA zone.
 */

/** Header words (lower case, spaces and punctuation removed) → our column. */
const COLUMN_ALIASES: Record<string, string> = {
  vessel: 'vessel', vesselname: 'vessel', ship: 'vessel', shipname: 'vessel', name: 'vessel',
  imo: 'imo', imono: 'imo', imonumber: 'imo', vesselimonumber: 'imo',
  mmsi: 'mmsi',
  cargo: 'cargo', commodity: 'cargo', cargodescription: 'cargo',
  quantity: 'quantity', qty: 'quantity', qtymt: 'quantity', quantitymt: 'quantity',
  unit: 'unit',
  agent: 'agent', agentname: 'agent', shippingagent: 'agent',
  eta: 'eta', arrival: 'eta', etaat: 'eta',
  etd: 'etd', departure: 'etd',
  berth: 'berth', berthno: 'berth',
  status: 'status',
  port: 'port', unlocode: 'port', unlocationcode: 'port',
  terminal: 'terminal', facilitysmdgcode: 'terminal',
  voyage: 'voyage', voyageno: 'voyage',
  reference: 'reference', transportcallreference: 'reference',
};

export function columnOf(header: string): string | undefined {
  return COLUMN_ALIASES[header.toLowerCase().replace(/[^a-z]/g, '')];
}

const STATUS_WORDS: [RegExp, PortCallStatus][] = [
  [/^(expected|planned|due|awaited|eta)$/i, 'PLANNED'],
  [/^(arrived|at anchorage|anchored|waiting|at anchor|outer anchorage)$/i, 'ARRIVED'],
  [/^(berthed|at berth|alongside|working)$/i, 'BERTHED'],
  [/^(sailed|departed|left)$/i, 'DEPARTED'],
  [/^(cancelled|canceled)$/i, 'CANCELLED'],
  [/^(omitted|skipped)$/i, 'OMITTED'],
];

export function statusOf(word: string): PortCallStatus | undefined {
  const trimmed = word.trim();
  if (/^(PLANNED|ARRIVED|BERTHED|DEPARTED|CANCELLED|OMITTED)$/.test(trimmed)) return trimmed as PortCallStatus;
  return STATUS_WORDS.find(([pattern]) => pattern.test(trimmed))?.[1];
}

/** Year first is unambiguous; day and month in the other order are as the import says (`dates`). */
const LOCAL_FORMATS: { pattern: RegExp; yearFirst: boolean }[] = [
  { pattern: /^(\d{4})-(\d{2})-(\d{2})[ T](\d{1,2}):?(\d{2})(?::\d{2})?(?:\s*hrs?)?$/i, yearFirst: true },
  { pattern: /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})[ T,]+(\d{1,2}):?(\d{2})(?:\s*hrs?)?$/i, yearFirst: false },
];

/**
 * An ISO date-time with offset as is; a local "2026-11-25 14:30", "25-11-2026 14:30",
 * "25/11/2026 1430 hrs" (or "11/25/2026 2:30" with `dates` mdy) in the port's zone.
 * Undefined when it is none of these.
 */
export function lineupTime(text: string, timeZone: string, dates: LineupDateOrder = 'dmy'): string | undefined {
  const value = text.trim();
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/i.test(value)) {
    return Number.isNaN(Date.parse(value)) ? undefined : value;
  }
  for (const { pattern, yearFirst } of LOCAL_FORMATS) {
    const match = pattern.exec(value);
    if (!match) continue;
    const numbers = match.slice(1, 6).map(Number) as [number, number, number, number, number];
    const [year, month, day] = yearFirst ? [numbers[0], numbers[1], numbers[2]]
      : dates === 'mdy' ? [numbers[2], numbers[0], numbers[1]] : [numbers[2], numbers[1], numbers[0]];
    const [hour, minute] = [numbers[3], numbers[4]];
    if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59) return undefined;
    const probe = new Date(Date.UTC(year, month - 1, day));
    if (probe.getUTCDate() !== day) return undefined; // 31 November
    const { epochMs, offsetMinutes } = instantFromZonedTime({ year, month, day, hour, minute }, timeZone);
    const local = new Date(epochMs + offsetMinutes * 60_000).toISOString().slice(0, 16);
    return `${local}:00${formatOffset(offsetMinutes)}`;
  }
  return undefined;
}

export interface LineupRow {
  /** Column → cell text, for the columns the header names. */
  cells: Record<string, string>;
}

/**
 * The import row for a line-up record, or the issues that stop it. `port` is the row's port
 * (its own column, else the request's `port`), already looked up; the shape is validated
 * again by the contract afterwards, which checks the IMO number and the rest.
 */
export function lineupToImportRow(
  cells: Record<string, string>,
  port: { UNLocationCode: string; timeZone: string },
  dates: LineupDateOrder = 'dmy',
): { row: Record<string, unknown> } | { issues: ValidationIssue[] } {
  const issues: ValidationIssue[] = [];
  const cell = (name: string) => cells[name]?.trim() || undefined;
  const imo = cell('imo')?.replace(/^imo\s*/i, '').replace(/\s+/g, '');
  const eta = cell('eta');
  const arrival = eta ? lineupTime(eta, port.timeZone, dates) : undefined;
  if (!eta) issues.push({ path: ['eta'], message: 'is required', code: 'missing' });
  else if (!arrival) issues.push({ path: ['eta'], message: `"${eta}" is not a time (use 2026-11-25 14:30, ${dates === 'mdy' ? '11-25-2026' : '25-11-2026'} 14:30 or ISO 8601 with offset)`, code: 'invalid_time' });
  const etdText = cell('etd');
  const departure = etdText ? lineupTime(etdText, port.timeZone, dates) : undefined;
  if (etdText && !departure) issues.push({ path: ['etd'], message: `"${etdText}" is not a time`, code: 'invalid_time' });
  const statusText = cell('status');
  const status = statusText ? statusOf(statusText) : undefined;
  if (statusText && !status) issues.push({ path: ['status'], message: `"${statusText}" is not a status this import knows (expected, at anchorage, berthed, sailed, cancelled…)`, code: 'invalid_status' });
  const quantityText = cell('quantity');
  const quantityMatch = quantityText ? /^([\d,. ]*\d)\s*([A-Za-z]{1,10})?$/.exec(quantityText) : null;
  if (quantityText && !quantityMatch) issues.push({ path: ['quantity'], message: `"${quantityText}" is not a quantity`, code: 'invalid_quantity' });
  if (!cell('vessel')) issues.push({ path: ['vessel'], message: 'is required', code: 'missing' });
  if (!imo) issues.push({ path: ['imo'], message: 'is required', code: 'missing' });
  if (issues.length > 0) return { issues };

  const localDate = arrival!.slice(0, 10).replaceAll('-', '');
  const timestamps: Record<string, unknown>[] = [
    { eventTypeCode: 'ARRI', classifierCode: 'EST', facilityTypeCode: 'PBPL', dateTime: arrival, source: 'line-up' },
  ];
  if (departure) timestamps.push({ eventTypeCode: 'DEPA', classifierCode: 'EST', facilityTypeCode: 'BRTH', dateTime: departure, source: 'line-up' });
  const row: Record<string, unknown> = {
    transportCallReference: cell('reference') ?? `${port.UNLocationCode}-${imo}-${localDate}`,
    UNLocationCode: port.UNLocationCode,
    vessel: { vesselIMONumber: imo, vesselName: cell('vessel'), ...(cell('mmsi') ? { MMSINumber: cell('mmsi') } : {}) },
    timestamps,
    source: 'line-up',
  };
  if (cell('terminal')) row['facilitySMDGCode'] = cell('terminal')!.toUpperCase();
  if (cell('berth')) row['berth'] = cell('berth');
  if (status) row['status'] = status;
  if (cell('cargo')) row['cargoDescription'] = cell('cargo');
  if (quantityMatch) {
    row['cargoQuantity'] = Number(quantityMatch[1]!.replace(/[, ]/g, ''));
    const unit = cell('unit') ?? quantityMatch[2];
    if (unit) row['cargoUnit'] = unit;
  }
  if (cell('agent')) row['agentName'] = cell('agent');
  if (cell('voyage')) row['carrierExportVoyageNumber'] = cell('voyage');
  return { row };
}
