/**
 * Time-zone arithmetic with Intl only. Line-ups give local wall-clock times ("25-11-2026
 * 14:30") without an offset; they mean the port's time, so they are turned into an instant
 * with the port's IANA zone, DST included.
 */

/** Minutes east of UTC that `timeZone` is at the instant `epochMs`. */
export function zoneOffsetMinutes(timeZone: string, epochMs: number): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(new Date(epochMs));
  const value = (type: string) => Number(parts.find((part) => part.type === type)?.value);
  const asUtc = Date.UTC(value('year'), value('month') - 1, value('day'), value('hour'), value('minute'), value('second'));
  return Math.round((asUtc - Math.floor(epochMs / 1000) * 1000) / 60_000);
}

/**
 * The instant of a wall-clock time in `timeZone`. A time that does not exist (skipped by a
 * DST change) moves forward by the gap; an ambiguous one (repeated) takes the earlier instant.
 */
export function instantFromZonedTime(
  wallClock: { year: number; month: number; day: number; hour: number; minute: number },
  timeZone: string,
): { epochMs: number; offsetMinutes: number } {
  const naive = Date.UTC(wallClock.year, wallClock.month - 1, wallClock.day, wallClock.hour, wallClock.minute);
  const before = zoneOffsetMinutes(timeZone, naive - 24 * 3_600_000);
  const after = zoneOffsetMinutes(timeZone, naive + 24 * 3_600_000);
  for (const offset of before <= after ? [after, before] : [before, after]) {
    const candidate = naive - offset * 60_000;
    if (zoneOffsetMinutes(timeZone, candidate) === offset) {
      // Prefer the earlier of two valid readings (the first pass through a repeated hour).
      const other = naive - (offset === before ? after : before) * 60_000;
      const otherValid = zoneOffsetMinutes(timeZone, other) === (offset === before ? after : before);
      const epochMs = otherValid ? Math.min(candidate, other) : candidate;
      return { epochMs, offsetMinutes: zoneOffsetMinutes(timeZone, epochMs) };
    }
  }
  // In a gap: neither offset reproduces the wall clock; the later offset moves it forward.
  const epochMs = naive - Math.min(before, after) * 60_000;
  return { epochMs, offsetMinutes: zoneOffsetMinutes(timeZone, epochMs) };
}

/** "+05:30" from 330. */
export function formatOffset(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+';
  const absolute = Math.abs(minutes);
  return `${sign}${String(Math.floor(absolute / 60)).padStart(2, '0')}:${String(absolute % 60).padStart(2, '0')}`;
}

/** The offset written in an ISO date-time ("Z" → 0, "+05:30" → 330). */
export function offsetOfIsoDateTime(value: string): number {
  const match = /(Z|([+-])(\d{2}):?(\d{2}))$/i.exec(value);
  if (!match || match[1]!.toUpperCase() === 'Z') return 0;
  const minutes = Number(match[3]) * 60 + Number(match[4]);
  return match[2] === '-' ? -minutes : minutes;
}

export function isValidTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone });
    return true;
  } catch {
    return false;
  }
}
