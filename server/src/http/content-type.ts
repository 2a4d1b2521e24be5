import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../app-env.ts';
import { ApiError } from './api-error.ts';

const JSON_TYPE = /^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/i;

/**
 * A body the API would silently ignore is a bug waiting to happen, so a request with a body
 * must say it is JSON (routes that take other formats list them in `otherTypes`).
 */
export function requireJsonBody(otherTypes: RegExp[] = []): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const hasBody = c.req.raw.body !== null && c.req.header('Content-Length') !== '0';
    if (hasBody && !['GET', 'HEAD', 'OPTIONS'].includes(c.req.method)) {
      const type = c.req.header('Content-Type') ?? '';
      if (!JSON_TYPE.test(type) && !otherTypes.some((pattern) => pattern.test(type))) {
        throw new ApiError(415, 'UNSUPPORTED_MEDIA_TYPE', 'Send the body as JSON with Content-Type: application/json.');
      }
    }
    await next();
  };
}
