import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { AppEnv } from '../app-env.ts';
import { payloadTooLarge } from './error-handler.ts';

/**
 * Body size limits: one default, and larger ones for the few routes that take files (a
 * day's vessel line-up is more than a JSON request), matched by exact path.
 */
export function bodyLimits(defaultBytes: number, largerByPath: Record<string, number> = {}): MiddlewareHandler<AppEnv> {
  const onError = () => {
    throw payloadTooLarge();
  };
  const fallback = bodyLimit({ maxSize: defaultBytes, onError });
  const larger = new Map(Object.entries(largerByPath).map(([path, maxSize]) => [path, bodyLimit({ maxSize, onError })]));
  return (c, next) => (larger.get(c.req.path) ?? fallback)(c, next);
}
