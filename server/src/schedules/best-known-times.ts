import type { ClassifierCode, EventTypeCode, FacilityTypeCode, PortCallStatus } from '@porttask/sdk/schemas';

/**
 * What a port call's list row shows is derived from its timestamps, never typed in twice:
 *
 * - phases: ARRI at the pilot boarding place or anchorage = arrival; ARRI at the berth =
 *   berthing; DEPA = departure (STRT/CMPL are cargo operations, shown in the timeline only);
 * - best known time of a phase: the latest-received ACT, else the latest-received EST, else
 *   the latest-received PLN. REQ (a requested time) is a wish, not a known time;
 * - plan: the latest-received PLN of the phase;
 * - delay: best known minus plan, in minutes, for the latest phase (departure, berthing,
 *   arrival) that has both a plan and a better-than-plan time;
 * - status moves forward with actuals (ARRIVED, BERTHED, DEPARTED), never backwards, and
 *   never out of CANCELLED or OMITTED;
 * - actuals must be possible together: arrival ≤ berthing ≤ cargo operations start ≤
 *   complete ≤ departure (each pair checked when both are known).
 */
export interface TimestampFacts {
  eventTypeCode: EventTypeCode;
  classifierCode: ClassifierCode;
  facilityTypeCode: FacilityTypeCode;
  /** Milliseconds since the epoch. */
  instant: number;
}

export type Phase = 'arrival' | 'berthing' | 'departure';
export interface BestTime {
  instant: number;
  classifierCode: ClassifierCode;
}

export interface DerivedTimes {
  arrival: BestTime | null;
  berthing: BestTime | null;
  departure: BestTime | null;
  planned: Record<Phase, number | null>;
  delayMinutes: number | null;
  /** The latest actual start and completion of cargo operations (shown in the timeline; checked for order). */
  operations: { start: number | null; complete: number | null };
}

const PHASES: Phase[] = ['arrival', 'berthing', 'departure'];
const STATUS_RANK: Record<PortCallStatus, number> = { PLANNED: 0, ARRIVED: 1, BERTHED: 2, DEPARTED: 3, CANCELLED: 9, OMITTED: 9 };

export function phaseOf(timestamp: Pick<TimestampFacts, 'eventTypeCode' | 'facilityTypeCode'>): Phase | undefined {
  if (timestamp.eventTypeCode === 'DEPA') return 'departure';
  if (timestamp.eventTypeCode !== 'ARRI') return undefined;
  return timestamp.facilityTypeCode === 'BRTH' ? 'berthing' : 'arrival';
}

/** `timestamps` in the order they were received. */
export function deriveTimes(timestamps: readonly TimestampFacts[]): DerivedTimes {
  const latest = new Map<string, number>();
  for (const timestamp of timestamps) {
    const phase = phaseOf(timestamp);
    if (phase) latest.set(`${phase} ${timestamp.classifierCode}`, timestamp.instant);
  }
  const best = (phase: Phase): BestTime | null => {
    for (const classifierCode of ['ACT', 'EST', 'PLN'] as const) {
      const instant = latest.get(`${phase} ${classifierCode}`);
      if (instant !== undefined) return { instant, classifierCode };
    }
    return null;
  };
  const derived: DerivedTimes = {
    arrival: best('arrival'),
    berthing: best('berthing'),
    departure: best('departure'),
    planned: { arrival: latest.get('arrival PLN') ?? null, berthing: latest.get('berthing PLN') ?? null, departure: latest.get('departure PLN') ?? null },
    delayMinutes: null,
    operations: { start: null, complete: null },
  };
  for (const timestamp of timestamps) {
    if (timestamp.classifierCode !== 'ACT') continue;
    if (timestamp.eventTypeCode === 'STRT') derived.operations.start = timestamp.instant;
    if (timestamp.eventTypeCode === 'CMPL') derived.operations.complete = timestamp.instant;
  }
  for (const phase of [...PHASES].reverse()) {
    const known = derived[phase];
    const plan = derived.planned[phase];
    if (known && known.classifierCode !== 'PLN' && plan !== null) {
      derived.delayMinutes = Math.round((known.instant - plan) / 60_000);
      break;
    }
  }
  return derived;
}

/** The status after these times: forward only, and never out of CANCELLED or OMITTED. */
export function advanceStatus(current: PortCallStatus, derived: DerivedTimes): PortCallStatus {
  if (STATUS_RANK[current] >= 9) return current;
  let reached: PortCallStatus = current;
  const raise = (status: PortCallStatus) => {
    if (STATUS_RANK[status] > STATUS_RANK[reached]) reached = status;
  };
  if (derived.arrival?.classifierCode === 'ACT') raise('ARRIVED');
  if (derived.berthing?.classifierCode === 'ACT') raise('BERTHED');
  if (derived.departure?.classifierCode === 'ACT') raise('DEPARTED');
  return reached;
}

/**
 * Actual times that cannot both be true (a departure before the arrival), named by phase.
 * Empty when the actuals are in a possible order.
 */
export function impossibleActualOrder(derived: DerivedTimes): string[] {
  const actual = (phase: Phase) => (derived[phase]?.classifierCode === 'ACT' ? derived[phase]!.instant : undefined);
  // In the order they must happen; every pair of known ones is checked, not only neighbours.
  const sequence: [name: string, instant: number | undefined][] = [
    ['arrival', actual('arrival')],
    ['berthing', actual('berthing')],
    ['cargo operations start', derived.operations.start ?? undefined],
    ['cargo operations completion', derived.operations.complete ?? undefined],
    ['departure', actual('departure')],
  ];
  const problems: string[] = [];
  sequence.forEach(([earlier, first], index) => {
    for (const [later, second] of sequence.slice(index + 1)) {
      if (first !== undefined && second !== undefined && second < first) {
        problems.push(`the actual ${later} (${new Date(second).toISOString()}) is before the actual ${earlier} (${new Date(first).toISOString()})`);
      }
    }
  });
  return problems;
}
