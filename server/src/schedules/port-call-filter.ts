import { portCallMatches } from '@porttask/sdk';
import type { PortCallListItem } from '@porttask/sdk/schemas';
import type { PortCallFilterValues } from './port-calls.queries.ts';

/**
 * The list's filter (port-calls.queries.ts `filterConditions`) applied to one port call in
 * memory, for live events: the stream must show what the list shows.
 */
export function matchesFilter(call: PortCallListItem, vesselMMSINumber: string | null, filter: PortCallFilterValues): boolean {
  const { port, terminal, status, from, to, q } = filter;
  return portCallMatches(call, { port, terminal, statuses: status, from, to, search: q }, vesselMMSINumber);
}
