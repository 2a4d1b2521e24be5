/**
 * Times as the schedule shows them: always with their zone, in the port's zone, UTC or the
 * viewer's. Intl does the DST arithmetic, so a call on either side of a clock change shows
 * the right offset. Formatters are cached: building one costs more than formatting 100 times.
 */
export type TimeZoneMode = 'port' | 'utc' | 'local';

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(locale: string, timeZone: string | undefined): Intl.DateTimeFormat {
  const key = `${locale} ${timeZone ?? ''}`;
  let format = formatters.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, {
      day: 'numeric',
      month: 'short',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
      timeZoneName: 'short',
      ...(timeZone ? { timeZone } : {}),
    });
    formatters.set(key, format);
  }
  return format;
}

/** The zone to show a call's times in: its port's, UTC, or undefined (the viewer's). */
export function zoneFor(mode: TimeZoneMode, portTimeZone: string): string | undefined {
  if (mode === 'utc') return 'UTC';
  if (mode === 'port') return portTimeZone;
  return undefined;
}

/** "26 Nov, 08:30 GMT+1": the time and its zone, split so the zone can be styled. */
export function formatTime(isoInstant: string, locale: string, timeZone: string | undefined): { time: string; zone: string } {
  const parts = formatter(locale, timeZone).formatToParts(new Date(isoInstant));
  const zone = parts.find((part) => part.type === 'timeZoneName')?.value ?? '';
  const time = parts
    .filter((part) => part.type !== 'timeZoneName')
    .map((part) => part.value)
    .join('')
    .trim()
    .replace(/[\s,]+$/, '');
  return { time, zone };
}

/**
 * Formatted times per call object (a new version of a call is a new object, so its entry goes
 * with the old one), per locale and zone: scrolling re-renders rows without formatting again.
 */
export class FormattedTimes {
  readonly #byCall = new WeakMap<object, { key: string; cells: Map<string, { time: string; zone: string }> }>();

  get(isoInstant: string, locale: string, timeZone: string | undefined, call?: object): { time: string; zone: string } {
    if (!call) return formatTime(isoInstant, locale, timeZone);
    const key = `${locale} ${timeZone ?? ''}`;
    let cache = this.#byCall.get(call);
    if (!cache || cache.key !== key) {
      cache = { key, cells: new Map() };
      this.#byCall.set(call, cache);
    }
    let cell = cache.cells.get(isoInstant);
    if (!cell) {
      cell = formatTime(isoInstant, locale, timeZone);
      cache.cells.set(isoInstant, cell);
    }
    return cell;
  }
}
