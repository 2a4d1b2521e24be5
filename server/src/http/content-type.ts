import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../app-env.ts';
import { ApiError } from './api-error.ts';

const BODYLESS_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
const JSON_TYPE = /^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/i;

/**
 * A body the API would silently ignore is a bug waiting to happen, so a request with a body
 * must say it is JSON; the few routes that take other formats list them by exact path in
 * `otherTypesByPath` (anywhere else a CSV body is as unsupported as XML).
 */
export function requireJsonBody(otherTypesByPath: Record<string, RegExp[]> = {}): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const fromNetwork = (c.env as { incoming?: unknown } | undefined)?.incoming !== undefined;
    if (!BODYLESS_METHODS.has(c.req.method) && hasBody(c.req.header('Content-Length'), c.req.header('Transfer-Encoding'), () => !fromNetwork && c.req.raw.body !== null)) {
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
 * Headers answer for requests from the network (a chunked body says so in Transfer-Encoding;
 * with neither header there is no body, as for a fetch DELETE, which the Node adapter still
 * gives a body stream); only a request made in-process (tests) has a body without either header, and only then is
 * `raw.body` read (in the Node adapter that would build a whole web Request and start reading
 * the body, which bodyLimits reads later and only when a route wants it).
 */
function hasBody(contentLength: string | undefined, transferEncoding: string | undefined, rawBodyPresent: () => boolean): boolean {
  if (contentLength !== undefined) return contentLength !== '0';
  return transferEncoding !== undefined || rawBodyPresent();
}
