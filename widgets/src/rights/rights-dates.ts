/*
 * Dates the rights widgets show. A due date is a calendar day in the organisation's time zone
 * (`YYYY-MM-DD`): shown as that day wherever the visitor is, so it is formatted in UTC, where
 * its midnight stays on the same day. Moments (a timeline step, a code's expiry) are shown in
 * the visitor's own time zone.
 */

const formats = new Map<string, Intl.DateTimeFormat>();

function format(locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale} ${JSON.stringify(options)}`;
  let formatter = formats.get(key);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat(locale, options);
    formats.set(key, formatter);
  }
  return formatter;
}

/** `2026-12-31` → "31 December 2026" (in the locale's words and order). */
export function formatDay(day: string, locale: string): string {
  const date = new Date(`${day}T00:00:00Z`);
  return Number.isNaN(date.getTime()) ? day : format(locale, { dateStyle: 'long', timeZone: 'UTC' }).format(date);
}

/** An instant, as date and time in the visitor's zone. */
export function formatMoment(iso: string, locale: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : format(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(date);
}

/** An instant later today (a code's expiry): the time alone. */
export function formatTime(iso: string, locale: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : format(locale, { timeStyle: 'short' }).format(date);
}
