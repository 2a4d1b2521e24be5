import Holidays from 'date-holidays';
import { addDays, dayOfWeek, type CalendarDate } from './calendar-date.ts';

/**
 * Where a controller works: its country (ISO 3166-1 alpha-2) and, where holidays differ by
 * state (a US state, a German Land), the subdivision code.
 */
export interface HolidayRegion {
  country: string;
  state?: string;
}

// Public holidays per region and year; the library computes a year's list in about a
// millisecond, and a request's clock asks for the same year again and again.
const publicHolidaysCache = new Map<string, ReadonlySet<CalendarDate>>();

function publicHolidays(region: HolidayRegion, year: number): ReadonlySet<CalendarDate> {
  const cacheKey = `${region.country}/${region.state ?? ''}/${year}`;
  let days = publicHolidaysCache.get(cacheKey);
  if (!days) {
    const calendar = region.state ? new Holidays(region.country, region.state) : new Holidays(region.country);
    // Only days off by law: bank, school and observance days are working days for a business.
    const holidays = (calendar.getHolidays(year) || []).filter((holiday) => holiday.type === 'public');
    days = new Set(holidays.map((holiday) => holiday.date.slice(0, 10)));
    publicHolidaysCache.set(cacheKey, days);
  }
  return days;
}

export function isSupportedHolidayRegion(region: HolidayRegion): boolean {
  const calendar = new Holidays();
  const countries = calendar.getCountries();
  if (!countries[region.country]) return false;
  if (!region.state) return true;
  return Boolean(calendar.getStates(region.country)?.[region.state]);
}

/** Saturdays, Sundays and the region's public holidays are not business days. */
export function isBusinessDay(date: CalendarDate, region: HolidayRegion): boolean {
  const weekday = dayOfWeek(date);
  if (weekday === 0 || weekday === 6) return false;
  return !publicHolidays(region, Number(date.slice(0, 4))).has(date);
}

/** The `count`-th business day after `date` (the day itself does not count). */
export function addBusinessDays(date: CalendarDate, count: number, region: HolidayRegion): CalendarDate {
  let day = date;
  for (let counted = 0; counted < count; ) {
    day = addDays(day, 1);
    if (isBusinessDay(day, region)) counted += 1;
  }
  return day;
}
