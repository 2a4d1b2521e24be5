import { portCallMatches, type PortCallListItem, type PortCallStatus } from '@porttask/sdk';

/** What the schedule filters on in the browser (live events must respect it too). */
export interface ScheduleFilter {
  port?: string | undefined;
  terminal?: string | undefined;
  statuses: PortCallStatus[];
  from?: string | undefined;
  to?: string | undefined;
  search?: string | undefined;
}

export type SortColumn = 'vessel' | 'arrival' | 'berthing' | 'departure' | 'updated' | 'status' | 'delay';
export interface SortOrder {
  column: SortColumn;
  descending: boolean;
}

const time = (value: { dateTime: string } | null) => (value ? Date.parse(value.dateTime) : undefined);

/** The API's filter rules, applied in the browser (one function shared with the server). */
export function matchesFilter(call: PortCallListItem, filter: ScheduleFilter): boolean {
  return portCallMatches(call, filter);
}

const sortKeys: Record<SortColumn, (call: PortCallListItem) => number | string | undefined> = {
  vessel: (call) => call.vesselName.toLowerCase(),
  arrival: (call) => time(call.arrival),
  berthing: (call) => time(call.berthing),
  departure: (call) => time(call.departure),
  updated: (call) => Date.parse(call.updatedAt),
  status: (call) => call.status,
  delay: (call) => call.delayMinutes ?? undefined,
};

/** Sorts in place; calls without the value go last either way; ties by id, so order is stable. */
export function sortCalls(calls: PortCallListItem[], order: SortOrder): PortCallListItem[] {
  const key = sortKeys[order.column];
  const direction = order.descending ? -1 : 1;
  return calls.sort((a, b) => {
    const left = key(a);
    const right = key(b);
    if (left === undefined || right === undefined) {
      if (left !== right) return left === undefined ? 1 : -1;
    } else if (left !== right) return (left < right ? -1 : 1) * direction;
    return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
  });
}

/**
 * The rows on screen: every loaded call by id, the visible ones in order. A live event is
 * applied only when its version is newer than the row's (events can arrive twice, or after
 * a page that already had the change).
 */
export class ScheduleRows {
  readonly #byId = new Map<string, PortCallListItem>();
  visible: PortCallListItem[] = [];

  constructor(private filter: ScheduleFilter, private order: SortOrder) {}

  reset(filter: ScheduleFilter, order: SortOrder): void {
    this.filter = filter;
    this.order = order;
    this.#byId.clear();
    this.visible = [];
  }

  get size(): number {
    return this.#byId.size;
  }

  addPage(calls: PortCallListItem[]): void {
    for (const call of calls) this.#apply(call);
    this.#refresh();
  }

  /** Applies live changes (newer versions only) with one re-sort; returns those that changed something. */
  applyLive(calls: PortCallListItem[]): PortCallListItem[] {
    const changed = calls.filter((call) => this.#apply(call));
    if (changed.length > 0) this.#refresh();
    return changed;
  }

  /** New browser-side filter or order, over the calls already loaded. */
  refilter(filter: ScheduleFilter, order: SortOrder): void {
    this.filter = filter;
    this.order = order;
    this.#refresh();
  }

  #apply(call: PortCallListItem): boolean {
    const current = this.#byId.get(call.id);
    if (current && current.version >= call.version) return false;
    this.#byId.set(call.id, call);
    return true;
  }

  #refresh(): void {
    this.visible = sortCalls([...this.#byId.values()].filter((call) => matchesFilter(call, this.filter)), this.order);
  }
}
