import type { PortCallListItem } from '@porttask/sdk/schemas';
import type { PortCallFilterValues } from './port-calls.queries.ts';

/**
 * The list's filter (port-calls.queries.ts `filterConditions`) applied to one port call in
 * memory, for live events. Keep the two in step: the stream must show what the list shows.
 */
export function matchesFilter(call: PortCallListItem, vesselMMSINumber: string | null, filter: PortCallFilterValues): boolean {
  if (filter.port && call.UNLocationCode !== filter.port) return false;
  if (filter.terminal && call.facilitySMDGCode !== filter.terminal) return false;
  if (filter.status?.length && !filter.status.includes(call.status)) return false;
  const time = (value: { dateTime: string } | null) => (value ? Date.parse(value.dateTime) : undefined);
  if (filter.from) {
    const last = time(call.departure) ?? time(call.berthing) ?? time(call.arrival);
    if (last === undefined || last < Date.parse(filter.from)) return false;
  }
  if (filter.to) {
    const first = time(call.arrival) ?? time(call.berthing) ?? time(call.departure);
    if (first === undefined || first >= Date.parse(filter.to)) return false;
  }
  if (filter.q) {
    if (/^[0-9]{1,9}$/.test(filter.q)) {
      if (!call.vesselIMONumber.startsWith(filter.q) && !(vesselMMSINumber ?? '').startsWith(filter.q)) return false;
    } else {
      const q = filter.q.toLowerCase();
      if (!call.vesselName.toLowerCase().includes(q) && !call.transportCallReference.toLowerCase().startsWith(q)) return false;
    }
  }
  return true;
}
