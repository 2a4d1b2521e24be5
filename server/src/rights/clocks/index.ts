export { addBusinessDays, isBusinessDay, isSupportedHolidayRegion, type HolidayRegion } from './business-days.ts';
export { addDays, addMonths, calendarDateIn, daysBetween, isCalendarDate, type CalendarDate } from './calendar-date.ts';
export { clockRule, DPDP_DEFAULT_RESPONSE_DAYS, DPDP_MAX_RESPONSE_DAYS, type ClockRule } from './clock-rules.ts';
export { clockFlag, extendClock, startClock, strictestClock, type ClockFlag, type ClockSettings, type ExtensionResult, type LegalClock } from './legal-clock.ts';
