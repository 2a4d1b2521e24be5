import type { Jurisdiction } from '@porttask/sdk/schemas';
import { addDays, addMonths, calendarDateIn, daysBetween, type CalendarDate } from './calendar-date.ts';
import { addBusinessDays, type HolidayRegion } from './business-days.ts';
import { clockRule, DPDP_MAX_RESPONSE_DAYS, type Period } from './clock-rules.ts';

/** A request's deadlines, computed at receipt and again at its one extension, then stored. */
export interface LegalClock {
  jurisdiction: Jurisdiction;
  source: string;
  receivedOn: CalendarDate;
  /** The deadline in force (the extended one after an extension). */
  dueOn: CalendarDate;
  originalDueOn: CalendarDate;
  confirmReceiptBy?: CalendarDate;
  extension?: { extendedOn: CalendarDate; reason: string };
}

export interface ClockSettings {
  /** The controller's time zone: it decides on which day a request was received. */
  timeZone: string;
  holidayRegion: HolidayRegion;
  /** DPDP: the tenant's published response period in days (1–90). */
  dpdpResponseDays?: number;
}

function periodEnd(from: CalendarDate, period: Period): CalendarDate {
  return 'months' in period ? addMonths(from, period.months) : addDays(from, period.days);
}

export function startClock(jurisdiction: Jurisdiction, receivedAt: Date, settings: ClockSettings): LegalClock {
  const dpdpDays = settings.dpdpResponseDays;
  if (dpdpDays !== undefined && !(Number.isInteger(dpdpDays) && dpdpDays >= 1 && dpdpDays <= DPDP_MAX_RESPONSE_DAYS)) {
    throw new RangeError(`the DPDP response period must be 1–${DPDP_MAX_RESPONSE_DAYS} days, got ${dpdpDays}`);
  }
  const rule = clockRule(jurisdiction, dpdpDays);
  const receivedOn = calendarDateIn(receivedAt, settings.timeZone);
  const dueOn = periodEnd(receivedOn, rule.answerWithin);
  return {
    jurisdiction,
    source: rule.source,
    receivedOn,
    dueOn,
    originalDueOn: dueOn,
    ...(rule.confirmReceiptWithinBusinessDays === undefined ? {} : { confirmReceiptBy: addBusinessDays(receivedOn, rule.confirmReceiptWithinBusinessDays, settings.holidayRegion) }),
  };
}

/**
 * A tenant under several laws answers by the earliest deadline any of them sets, so one
 * clock serves every requester whatever law protects them.
 */
export function strictestClock(jurisdictions: readonly Jurisdiction[], receivedAt: Date, settings: ClockSettings): LegalClock {
  if (jurisdictions.length === 0) throw new RangeError('a clock needs at least one jurisdiction');
  const clocks = jurisdictions.map((jurisdiction) => startClock(jurisdiction, receivedAt, settings));
  return clocks.reduce((strictest, clock) => (clock.dueOn < strictest.dueOn ? clock : strictest));
}

export type ExtensionRefusal = 'EXTENSION_NOT_ALLOWED' | 'ALREADY_EXTENDED' | 'PAST_DUE' | 'REASON_REQUIRED';

export type ExtensionResult = { ok: true; clock: LegalClock } | { ok: false; code: ExtensionRefusal; message: string };

/** The one extension a law allows: with reasons, decided no later than the first due date. */
export function extendClock(clock: LegalClock, extendedOn: CalendarDate, reason: string): ExtensionResult {
  const rule = clockRule(clock.jurisdiction);
  if (!rule.extendedAnswerWithin) {
    return { ok: false, code: 'EXTENSION_NOT_ALLOWED', message: `${rule.source} allows no extension` };
  }
  if (clock.extension) {
    return { ok: false, code: 'ALREADY_EXTENDED', message: `already extended on ${clock.extension.extendedOn}; ${rule.source} allows one extension` };
  }
  if (extendedOn > clock.originalDueOn) {
    return { ok: false, code: 'PAST_DUE', message: `an extension must be decided by the due date ${clock.originalDueOn}` };
  }
  if (reason.trim().length === 0) {
    return { ok: false, code: 'REASON_REQUIRED', message: 'an extension needs the reasons, which the requester is told' };
  }
  const dueOn = periodEnd(clock.receivedOn, rule.extendedAnswerWithin);
  return { ok: true, clock: { ...clock, dueOn, extension: { extendedOn, reason: reason.trim() } } };
}

export type ClockFlag = 'overdue' | 'due_within_2_days' | 'due_within_7_days';

/** Reminder thresholds: staff hear at 7 and 2 days left, and again once the date has passed. */
export function clockFlag(clock: Pick<LegalClock, 'dueOn'>, today: CalendarDate): ClockFlag | null {
  const daysLeft = daysBetween(today, clock.dueOn);
  if (daysLeft < 0) return 'overdue';
  if (daysLeft <= 2) return 'due_within_2_days';
  if (daysLeft <= 7) return 'due_within_7_days';
  return null;
}
