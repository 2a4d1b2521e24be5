import type { PortCallListItem, PortCallStatus } from '../schemas/index.ts';

/** The filters a port-call list and its live stream share. */
export interface PortCallMatchFilter {
  port?: string | undefined;
  terminal?: string | undefined;
  statuses?: readonly PortCallStatus[] | undefined;
  /** The call's time span must end at or after this instant. */
  from?: string | undefined;
  /** The call's time span must start before this instant. */
  to?: string | undefined;
  /** Digits: IMO (or MMSI) prefix; text: vessel name contains, or reference starts with. */
  search?: string | undefined;
}

const instant = (value: { dateTime: string } | null) => (value ? Date.parse(value.dateTime) : undefined);

/**
 * Whether one port call matches a filter, by the same rules as the API's list query. One
 * function serves the server (live events must show what the list shows) and the widget
 * (live rows must respect the filters on screen).
 */
export function portCallMatches(call: PortCallListItem, filter: PortCallMatchFilter, vesselMMSINumber?: string | null): boolean {
  if (filter.port && call.UNLocationCode !== filter.port) return false;
  if (filter.terminal && call.facilitySMDGCode !== filter.terminal) return false;
  if (filter.statuses?.length && !filter.statuses.includes(call.status)) return false;
  if (filter.from) {
    const last = instant(call.departure) ?? instant(call.berthing) ?? instant(call.arrival);
    if (last === undefined || last < Date.parse(filter.from)) return false;
  }
  if (filter.to) {
    const first = instant(call.arrival) ?? instant(call.berthing) ?? instant(call.departure);
    if (first === undefined || first >= Date.parse(filter.to)) return false;
  }
  const search = filter.search?.trim().toLowerCase();
  if (search) {
    if (/^[0-9]{1,9}$/.test(search)) return call.vesselIMONumber.startsWith(search) || (vesselMMSINumber ?? '').startsWith(search);
    return call.vesselName.toLowerCase().includes(search) || call.transportCallReference.toLowerCase().startsWith(search);
  }
  return true;
}
