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
  .refine((value) => {
    try {
      const url = new URL(value);
      return (url.protocol === 'https:' || url.protocol === 'http:') && url.origin === value;
    } catch {
      return false;
    }
  }, 'must be an origin like https://portal.example.com (scheme, host and optional port only)')
  .meta({ id: 'WebOrigin', example: 'https://portal.example.com' });

/** Identifiers the API hands out are prefixed by kind, e.g. `ten_…`. */
export const TenantId = z.string().regex(/^ten_[0-9a-z]{20,40}$/).meta({ example: 'ten_2x4f6h8j0k2m4n6p8q0r' });
