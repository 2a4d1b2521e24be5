import type { Context } from 'hono';
import type { AppEnv } from '../app-env.ts';

/**
 * Security headers on every answer, as defaults (applied by http/answer-headers.ts): a route
 * that needs another value (the docs page's CSP, the widget bundles' cross-origin resource
 * policy) sets its own, and it wins. The API answers JSON, so the default CSP allows nothing.
 */
export function securityHeaders(options: { production: boolean }) {
  const entries: [string, string][] = [
    ['Content-Security-Policy', "default-src 'none'; frame-ancestors 'none'"],
    ['X-Content-Type-Options', 'nosniff'],
    ['Referrer-Policy', 'strict-origin-when-cross-origin'],
    ['X-Frame-Options', 'DENY'],
    ['Cross-Origin-Resource-Policy', 'same-site'],
    ['Cross-Origin-Opener-Policy', 'same-origin'],
    ...(options.production ? [['Strict-Transport-Security', 'max-age=63072000; includeSubDomains; preload'] as [string, string]] : []),
  ];
  return { entries, skipWhen: framableWithoutFrameOptions };
}

/**
 * A page that may be framed (the login frame) says by whom in its own frame-ancestors;
 * X-Frame-Options cannot name an origin, so it is left off there. Answers under /v1/ are JSON
 * and never framable: their headers are not read (reading them costs the hot path).
 */
function framableWithoutFrameOptions(c: Context<AppEnv>): string | undefined {
  if (c.req.path.startsWith('/v1/')) return undefined;
  const ownPolicy = c.res.headers.get('Content-Security-Policy');
  return ownPolicy !== null && FRAMABLE.test(ownPolicy) ? 'X-Frame-Options' : undefined;
}

const FRAMABLE = /frame-ancestors (?!'none')/;
