import type { MiddlewareHandler } from 'hono';
import { secureHeaders } from 'hono/secure-headers';
import type { AppEnv } from '../app-env.ts';

/**
 * Security headers on every answer. The API answers JSON, so its CSP allows nothing at all;
 * pages of the API origin (docs, later the login frame) set their own narrower policy.
 */
export function securityHeaders(options: { production: boolean }): MiddlewareHandler<AppEnv> {
  return secureHeaders({
    contentSecurityPolicy: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] },
    strictTransportSecurity: options.production ? 'max-age=63072000; includeSubDomains; preload' : false,
    referrerPolicy: 'strict-origin-when-cross-origin',
    xFrameOptions: 'DENY',
    crossOriginResourcePolicy: 'same-site',
    crossOriginOpenerPolicy: 'same-origin',
    xContentTypeOptions: 'nosniff',
    removePoweredBy: true,
  });
}
