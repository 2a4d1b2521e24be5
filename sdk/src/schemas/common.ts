import * as z from 'zod';

/** Data-residency regions; a tenant is pinned to one and its data never leaves it. */
export const Region = z.enum(['eu', 'us', 'in', 'br', 'sg']).meta({ id: 'Region' });
export type Region = z.infer<typeof Region>;

export const Environment = z.enum(['test', 'live']).meta({ id: 'Environment' });
export type Environment = z.infer<typeof Environment>;

/**
 * A web origin exactly as browsers send it: scheme, host and optional port, nothing else
 * (no path, no trailing slash, no wildcard), so key checks are exact string comparisons.
 */
export const WebOrigin = z
  .string()
  .max(255)
  .refine((value) => normalizeOrigin(value).origin === value, 'must be an origin like https://portal.example.com (scheme, host and optional port only)')
  .meta({ id: 'WebOrigin', example: 'https://portal.example.com' });

/**
 * An origin as a person types it, stored the way browsers send it in `Origin`: scheme and
 * host lower-cased, a default port (:443, :80) and one trailing slash dropped. A path, query,
 * fragment, user name or wildcard is refused rather than cut off: the key would then allow
 * a site the partner did not mean.
 */
export function normalizeOrigin(value: string): { origin: string; problem?: never } | { origin?: never; problem: string } {
  const typed = value.trim();
  let url: URL;
  try {
    url = new URL(typed);
  } catch {
    return { problem: 'must be an origin like https://portal.example.com' };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return { problem: 'must start with https:// or http://' };
  if (url.username || url.password) return { problem: 'must not contain a user name or password' };
  if (url.hostname.includes('*')) return { problem: 'must name one host: wildcards are not supported (add each origin)' };
  const afterHost = /^[a-z][a-z0-9+.-]*:\/\/[^/?#]*(.*)$/is.exec(typed)?.[1] ?? '';
  if ((afterHost !== '' && afterHost !== '/') || url.pathname !== '/' || url.search !== '' || url.hash !== '') {
    return { problem: `must be an origin (scheme, host and optional port) without a path, query or fragment: "${afterHost}" is not part of an origin (try ${url.origin})` };
  }
  return { origin: url.origin };
}

/** An origin in request input: normalised (see `normalizeOrigin`) or refused with the reason. */
export const OriginInput = z
  .string()
  .max(255)
  .transform((value, context) => {
    const result = normalizeOrigin(value);
    if (result.problem !== undefined) {
      context.addIssue({ code: 'custom', message: result.problem, input: value });
      return z.NEVER;
    }
    return result.origin;
  })
  .meta({ description: 'An origin: scheme, host and optional port. Case, a default port and a trailing slash are normalised away.', example: 'https://portal.example.com' });

/**
 * A BCP 47 language tag like `en` or `pt-BR`: a language and up to seven subtags, at most 35
 * characters (the length RFC 5646 asks every implementation to accept).
 */
export const LocaleTag = z
  .string()
  .max(35)
  .regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8}){0,7}$/, 'must be a BCP 47 language tag like "en" or "pt-BR"')
  .meta({ example: 'pt-BR' });

/**
 * A JSON object used as a map (`z.record`), with at most `maxEntries` keys: enforced, and
 * declared as `maxProperties` in the OpenAPI document.
 */
export function boundedRecord<Key extends z.core.$ZodRecordKey, Value extends z.ZodType>(key: Key, value: Value, maxEntries: number) {
  return z
    .record(key, value)
    .refine((record) => Object.keys(record).length <= maxEntries, `must have at most ${maxEntries} entries`)
    .meta({ maxProperties: maxEntries });
}

/** Identifiers the API hands out are prefixed by kind, e.g. `ten_…`. */
export const TenantId = z.string().max(44).regex(/^ten_[0-9a-z]{20,40}$/).meta({ example: 'ten_2x4f6h8j0k2m4n6p8q0r' });

/**
 * zod's ISO formats accept instants before 1 January of year 1 (UTC), e.g. year 0000, or
 * `0001-01-01T00:30+01:00`; PostgreSQL stores none of them (it has no year 0).
 */
const FIRST_STORABLE_INSTANT = Date.parse('0001-01-01T00:00:00Z');
const storable = (value: string) => Date.parse(value) >= FIRST_STORABLE_INSTANT;
const beforeYearOne = 'must be on or after 1 January of year 1 (UTC)';

/**
 * An ISO 8601 date-time (`Z`, or any offset when `offset: true`). At most 35 characters:
 * `2026-11-25T14:30:00.123456789+05:30` is 35, and zod would take any number of fraction digits.
 */
export const isoDateTime = (params?: { offset?: boolean }) => z.iso.datetime(params).max(35).refine(storable, beforeYearOne);

/** An ISO 8601 calendar date (`2026-04-03`). */
export const isoDate = () => z.iso.date().max(10).refine(storable, beforeYearOne);

/** An http(s) URL written out in full (`https://…`, lower-case scheme), as stored and linked to. */
export const HttpUrl = z
  .url({ protocol: /^https?$/ })
  .max(2048)
  .regex(/^https?:\/\//, 'must start with https:// or http://')
  .meta({ example: 'https://portal.example.com/privacy' });
