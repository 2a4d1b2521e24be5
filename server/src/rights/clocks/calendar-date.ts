/**
 * Legal deadlines are calendar dates, not instants: "one month from receipt" ends at the end
 * of a day in the controller's time zone. A `CalendarDate` is that day as `YYYY-MM-DD`;
 * arithmetic runs on UTC midnights so no daylight-saving shift can move a day.
 */
export type CalendarDate = string;

const DAY_MS = 86_400_000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function toUtcMidnight(date: CalendarDate): Date {
  const match = ISO_DATE.exec(date);
  if (!match) throw new RangeError(`not a calendar date (YYYY-MM-DD): ${date}`);
  const parsed = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  if (parsed.toISOString().slice(0, 10) !== date) throw new RangeError(`no such day: ${date}`);
  return parsed;
}

function fromUtcMidnight(date: Date): CalendarDate {
  return date.toISOString().slice(0, 10);
}

/** The day an instant falls on in a time zone (the receipt day of a request). */
export function calendarDateIn(instant: Date, timeZone: string): CalendarDate {
  // en-CA formats as YYYY-MM-DD.
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(instant);
}

export function addDays(date: CalendarDate, days: number): CalendarDate {
  return fromUtcMidnight(new Date(toUtcMidnight(date).getTime() + days * DAY_MS));
}

/**
 * The same day of the month `months` later; where that month is shorter (31 January plus one
 * month), the last day of that month: the reading of "one month" that EU and UK regulators
 * give for the GDPR's deadlines.
 */
export function addMonths(date: CalendarDate, months: number): CalendarDate {
  const start = toUtcMidnight(date);
  const targetMonthStart = new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + months, 1));
  const lastDayOfTarget = new Date(Date.UTC(targetMonthStart.getUTCFullYear(), targetMonthStart.getUTCMonth() + 1, 0)).getUTCDate();
  targetMonthStart.setUTCDate(Math.min(start.getUTCDate(), lastDayOfTarget));
  return fromUtcMidnight(targetMonthStart);
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: CalendarDate, to: CalendarDate): number {
  return Math.round((toUtcMidnight(to).getTime() - toUtcMidnight(from).getTime()) / DAY_MS);
}

/** 0 = Sunday … 6 = Saturday. */
export function dayOfWeek(date: CalendarDate): number {
  return toUtcMidnight(date).getUTCDay();
}

export function isCalendarDate(value: string): boolean {
  try {
    toUtcMidnight(value);
    return true;
  } catch {
    return false;
  }
}
