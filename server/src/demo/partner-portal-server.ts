import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Hono } from 'hono';
import { serveStatic } from '@hono/node-server/serve-static';
import { AccessTokenError, verifyAccessToken } from '@porttask/sdk/server';

export const PARTNER_PORTAL_DIRECTORY = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../examples/partner-portal');

/**
 * The demo partner portal: a static site on its own origin, embedding PortTask the way a
 * partner would, under a strict CSP (no inline script or style) that allows the API origin
 * only where embedding needs it. Pages are templates: `%%API_URL%%` and
 * `%%PUBLISHABLE_KEY%%` are filled in per run.
 */
export function partnerPortalApp(options: { apiUrl: string; publishableKey: string; directory?: string }) {
  const directory = options.directory ?? PARTNER_PORTAL_DIRECTORY;
  const api = new URL(options.apiUrl).origin;
  const csp = [
    "default-src 'self'",
    `script-src 'self' ${api}`,
    `connect-src 'self' ${api}`,
    `frame-src ${api}`,
    "style-src 'self'",
    "img-src 'self' data:",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
  const app = new Hono();
  app.use('*', async (c, next) => {
    await next();
    c.header('Content-Security-Policy', csp);
    c.header('X-Content-Type-Options', 'nosniff');
    c.header('Referrer-Policy', 'strict-origin-when-cross-origin');
  });
  app.get('/', (c) => c.redirect('/index.html'));
  // The portal's own server: what a partner's backend does with the login's access token.
  app.get('/api/me', async (c) => {
    const token = /^Bearer (\S+)$/.exec(c.req.header('Authorization') ?? '')?.[1];
    if (!token) return c.json({ error: 'no token' }, 401);
    try {
      const claims = await verifyAccessToken(token, { apiUrl: options.apiUrl, publishableKey: options.publishableKey, origin: new URL(c.req.url).origin });
      return c.json({ sub: claims.sub, email: claims.email, role: claims.role, tenant: claims.tenant });
    } catch (error) {
      if (error instanceof AccessTokenError) return c.json({ error: error.code }, 401);
      throw error;
    }
  });
  app.get('/:page{[a-z0-9-]+\\.html}', async (c) => {
    const file = path.join(directory, c.req.param('page'));
    const template = await readFile(file, 'utf8').catch(() => undefined);
    if (template === undefined) return c.notFound();
    return c.html(template.replaceAll('%%API_URL%%', options.apiUrl).replaceAll('%%PUBLISHABLE_KEY%%', options.publishableKey));
  });
  app.use('*', serveStatic({ root: path.relative(process.cwd(), directory) || '.' }));
  return app;
}

