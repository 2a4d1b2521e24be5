import type { PortCallListItem } from '@porttask/sdk';

/**
 * Exports of the current view. CSV cells are quoted, and cells that a spreadsheet would run
 * as a formula (=, +, -, @) are prefixed with an apostrophe. iCalendar events run from the
 * best known arrival to departure, in UTC.
 */
const CSV_HEADER = ['transportCallReference', 'vesselName', 'vesselIMONumber', 'voyage', 'UNLocationCode', 'facilitySMDGCode', 'berth', 'status',
  'arrival', 'arrivalClassifier', 'berthing', 'berthingClassifier', 'departure', 'departureClassifier', 'delayMinutes', 'updatedAt', 'updatedBy'];

function csvCell(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  let text = String(value);
  if (/^[=+\-@\t\r]/.test(text) && typeof value === 'string') text = `'${text}`;
  return /[",\n\r]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function toCsv(calls: readonly PortCallListItem[]): string {
  const lines = [CSV_HEADER.join(',')];
  for (const call of calls) {
    lines.push([
      call.transportCallReference, call.vesselName, call.vesselIMONumber, call.voyage, call.UNLocationCode, call.facilitySMDGCode, call.berth,
      call.status, call.arrival?.dateTime, call.arrival?.classifierCode, call.berthing?.dateTime, call.berthing?.classifierCode,
      call.departure?.dateTime, call.departure?.classifierCode, call.delayMinutes, call.updatedAt, call.updatedBy,
    ].map(csvCell).join(','));
  }
  return `${lines.join('\r\n')}\r\n`;
}

const icsTime = (iso: string) => new Date(iso).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
const icsText = (text: string) => text.replace(/[\\;,]/g, (character) => `\\${character}`).replace(/\r\n|\r|\n/g, '\\n'); // a lone CR ends a line too (RFC 5545 §3.1)

/** Lines longer than 75 octets are folded (RFC 5545 §3.1). */
function fold(line: string): string {
  const bytes = new TextEncoder().encode(line);
  if (bytes.length <= 75) return line;
  const parts: string[] = [];
  let current = '';
  for (const character of line) {
    if (new TextEncoder().encode(current + character).length > (parts.length === 0 ? 75 : 74)) {
      parts.push(current);
      current = '';
    }
    current += character;
  }
  parts.push(current);
  return parts.join('\r\n ');
}

export function toICalendar(calls: readonly PortCallListItem[], now = new Date()): string {
  const lines = ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//PortTask//Vessel schedule//EN', 'CALSCALE:GREGORIAN'];
  for (const call of calls) {
    const start = call.arrival?.dateTime ?? call.berthing?.dateTime ?? call.departure?.dateTime;
    if (!start) continue;
    const end = call.departure?.dateTime && call.departure.dateTime > start ? call.departure.dateTime : new Date(Date.parse(start) + 3_600_000).toISOString();
    lines.push(
      'BEGIN:VEVENT',
      `UID:${call.id}@porttask`,
      `DTSTAMP:${icsTime(now.toISOString())}`,
      `LAST-MODIFIED:${icsTime(call.updatedAt)}`,
      `SEQUENCE:${call.version}`,
      `DTSTART:${icsTime(start)}`,
      `DTEND:${icsTime(end)}`,
      fold(`SUMMARY:${icsText(`${call.vesselName} (${call.status})`)}`),
      fold(`LOCATION:${icsText([call.UNLocationCode, call.facilitySMDGCode, call.berth].filter(Boolean).join(' '))}`),
      fold(`DESCRIPTION:${icsText(`IMO ${call.vesselIMONumber}${call.voyage ? `, voyage ${call.voyage}` : ''}, ${call.transportCallReference}`)}`),
      'END:VEVENT',
    );
  }
  lines.push('END:VCALENDAR');
  return `${lines.join('\r\n')}\r\n`;
}

/** Saves text as a file through a temporary link (no inline script; fine under a strict CSP). */
export function download(fileName: string, type: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1_000);
}
