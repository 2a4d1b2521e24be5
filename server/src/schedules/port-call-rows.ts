import type { PortCallListItem, PortCallStatus, PortCallTimestamp, PublisherRole, ClassifierCode, Vessel } from '@porttask/sdk/schemas';
import type { Queryable } from '../db/connection.ts';
import { formatOffset } from './zoned-time.ts';

/** ISO 8601 in UTC without zero milliseconds: lists are measured in bytes per 1,000 rows. */
export function isoInstant(value: Date | null): string | null {
  if (!value) return null;
  const text = value.toISOString();
  return text.endsWith('.000Z') ? `${text.slice(0, -5)}Z` : text;
}

/** Columns of the compact list shape; every list query joins `vessels v` and `ports p`. */
export function listColumns(sql: Queryable) {
  return sql`pc.id, pc.transport_call_reference, v.vessel_name, pc.vessel_imo_number, v.mmsi_number,
    coalesce(pc.carrier_export_voyage_number, pc.carrier_import_voyage_number) AS voyage,
    pc.un_location_code, p.time_zone, pc.facility_smdg_code, pc.berth, pc.status,
    pc.arrival_at, pc.arrival_classifier, pc.berthing_at, pc.berthing_classifier,
    pc.departure_at, pc.departure_classifier, pc.delay_minutes, pc.updated_at, pc.updated_by, pc.version`;
}

export interface ListRow {
  id: string;
  transport_call_reference: string;
  vessel_name: string;
  vessel_imo_number: string;
  mmsi_number: string | null;
  voyage: string | null;
  un_location_code: string;
  time_zone: string;
  facility_smdg_code: string | null;
  berth: string | null;
  status: PortCallStatus;
  arrival_at: Date | null;
  arrival_classifier: ClassifierCode | null;
  berthing_at: Date | null;
  berthing_classifier: ClassifierCode | null;
  departure_at: Date | null;
  departure_classifier: ClassifierCode | null;
  delay_minutes: number | null;
  updated_at: Date;
  updated_by: string | null;
  version: number;
}

const best = (at: Date | null, classifierCode: ClassifierCode | null) =>
  at && classifierCode ? { dateTime: isoInstant(at)!, classifierCode } : null;

export function toListItem(row: ListRow): PortCallListItem {
  return {
    id: row.id,
    transportCallReference: row.transport_call_reference,
    vesselName: row.vessel_name,
    vesselIMONumber: row.vessel_imo_number,
    voyage: row.voyage,
    UNLocationCode: row.un_location_code,
    timeZone: row.time_zone,
    facilitySMDGCode: row.facility_smdg_code,
    berth: row.berth,
    status: row.status,
    arrival: best(row.arrival_at, row.arrival_classifier),
    berthing: best(row.berthing_at, row.berthing_classifier),
    departure: best(row.departure_at, row.departure_classifier),
    delayMinutes: row.delay_minutes,
    // Seconds are enough to say when a row last changed, and sub-second digits cost bytes.
    updatedAt: isoInstant(new Date(Math.floor(row.updated_at.getTime() / 1000) * 1000))!,
    updatedBy: row.updated_by,
    version: row.version,
  };
}

export interface TimestampRow {
  id: string;
  event_type_code: PortCallTimestamp['eventTypeCode'];
  classifier_code: PortCallTimestamp['classifierCode'];
  facility_type_code: PortCallTimestamp['facilityTypeCode'];
  event_date_time: Date;
  original_utc_offset_minutes: number;
  delay_reason_code: string | null;
  remark: string | null;
  source: string | null;
  publisher_role: PublisherRole | null;
  received_at: Date;
}

export function toTimestamp(row: TimestampRow): PortCallTimestamp {
  return {
    id: String(row.id),
    eventTypeCode: row.event_type_code,
    classifierCode: row.classifier_code,
    facilityTypeCode: row.facility_type_code,
    dateTime: isoInstant(row.event_date_time)!,
    originalUTCOffset: formatOffset(row.original_utc_offset_minutes),
    delayReasonCode: row.delay_reason_code,
    remark: row.remark,
    source: row.source,
    publisherRole: row.publisher_role,
    receivedAt: row.received_at.toISOString(),
  };
}

/** numeric columns arrive as strings (exact decimals); the contract wants numbers. */
export const numberOrNull = (value: string | null) => (value === null ? null : Number(value));

export interface VesselRow {
  vessel_imo_number: string;
  vessel_name: string;
  mmsi_number: string | null;
  vessel_call_sign: string | null;
  length_overall: string | null;
  width: string | null;
  draft: string | null;
}

export const toVessel = (row: VesselRow): Vessel => ({
  vesselIMONumber: row.vessel_imo_number,
  vesselName: row.vessel_name,
  MMSINumber: row.mmsi_number,
  vesselCallSign: row.vessel_call_sign,
  lengthOverall: numberOrNull(row.length_overall),
  width: numberOrNull(row.width),
  draft: numberOrNull(row.draft),
});
