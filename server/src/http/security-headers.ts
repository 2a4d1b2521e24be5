import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../app-env.ts';

/**
 * Security headers on every answer, as defaults: a route that needs another value (the docs
 * page's CSP, the widget bundles' cross-origin resource policy) sets its own, and it wins.
 * The API answers JSON, so the default CSP allows nothing at all.
 */
export function securityHeaders(options: { production: boolean }): MiddlewareHandler<AppEnv> {
  const defaults: Record<string, string> = {
    'Content-Security-Policy': "default-src 'none'; frame-ancestors 'none'",
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'strict-origin-when-cross-origin',
    'X-Frame-Options': 'DENY',
    'Cross-Origin-Resource-Policy': 'same-site',
    'Cross-Origin-Opener-Policy': 'same-origin',
    ...(options.production ? { 'Strict-Transport-Security': 'max-age=63072000; includeSubDomains; preload' } : {}),
  };
  // Fixed once: the per-answer loop neither copies the object nor lowercases names again.
  const entries = Object.entries(defaults);
  const withoutFrameOptions = entries.filter(([name]) => name !== 'X-Frame-Options');
  return async (c, next) => {
    await next();
    const headers = c.res.headers;
    // A page that may be framed (the login frame) says by whom in its own frame-ancestors;
    // X-Frame-Options cannot name an origin, so it is left off there.
    const ownPolicy = headers.get('Content-Security-Policy');
    const framable = ownPolicy !== null && FRAMABLE.test(ownPolicy);
    for (const [name, value] of framable ? withoutFrameOptions : entries) {
      if (!headers.has(name)) headers.set(name, value);
    }
  };
}

const FRAMABLE = /frame-ancestors (?!'none')/;
