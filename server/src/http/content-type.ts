import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../app-env.ts';
import { ApiError } from './api-error.ts';

const JSON_TYPE = /^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/i;

/**
 * A body the API would silently ignore is a bug waiting to happen, so a request with a body
 * must say it is JSON; the few routes that take other formats list them by exact path in
 * `otherTypesByPath` (anywhere else a CSV body is as unsupported as XML).
 */
export function requireJsonBody(otherTypesByPath: Record<string, RegExp[]> = {}): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (!['GET', 'HEAD', 'OPTIONS'].includes(c.req.method) && hasBody(c.req.header('Content-Length'), () => c.req.raw.body !== null)) {
      const type = c.req.header('Content-Type') ?? '';
      const otherTypes = otherTypesByPath[c.req.path] ?? [];
      if (!JSON_TYPE.test(type) && !otherTypes.some((pattern) => pattern.test(type))) throw unsupportedMediaType();
    }
    await next();
  };
}

export function unsupportedMediaType(): ApiError {
  return new ApiError(415, 'UNSUPPORTED_MEDIA_TYPE', 'Send the body as JSON with Content-Type: application/json.');
}

/**
 * Headers answer for requests from the network; only a request made in-process (tests) has a
 * body without a Content-Length, and only then is `raw.body` read (in the Node adapter that
 * builds a whole web Request).
 */
function hasBody(contentLength: string | undefined, rawBodyPresent: () => boolean): boolean {
  return contentLength !== undefined ? contentLength !== '0' : rawBodyPresent();
}
