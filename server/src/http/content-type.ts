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
    if (!['GET', 'HEAD', 'OPTIONS'].includes(c.req.method) && hasBody(c.req.header('Content-Length'), c.req.header('Transfer-Encoding'), () => c.req.raw.body !== null)) {
      const type = c.req.header('Content-Type') ?? '';
      if (!JSON_TYPE.test(type) && !otherTypes.some((pattern) => pattern.test(type))) {
        throw new ApiError(415, 'UNSUPPORTED_MEDIA_TYPE', 'Send the body as JSON with Content-Type: application/json.');
      }
    }
    await next();
  };
}

/**
 * Headers answer for requests from the network (a chunked body says so in Transfer-Encoding);
 * only a request made in-process (tests) has a body without either header, and only then is
 * `raw.body` read (in the Node adapter that would build a whole web Request and start reading
 * the body, which bodyLimits reads later and only when a route wants it).
 */
function hasBody(contentLength: string | undefined, transferEncoding: string | undefined, rawBodyPresent: () => boolean): boolean {
  if (contentLength !== undefined) return contentLength !== '0';
  return transferEncoding !== undefined || rawBodyPresent();
}
