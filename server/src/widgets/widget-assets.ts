import { existsSync } from 'node:fs';
import path from 'node:path';
import { Hono } from 'hono';
import { serveStatic } from '@hono/node-server/serve-static';
import type { AppEnv } from '../app-env.ts';

/**
 * Serves the CDN build of the widgets at `/widgets/v1/`. Partner pages load these as
 * cross-origin module scripts, which browsers fetch in CORS mode: so `Access-Control-Allow-
 * Origin: *` (public files, no credentials) and `Cross-Origin-Resource-Policy: cross-origin`.
 * Content-hashed chunks never change and are cached for a year; the loader keeps its name
 * across releases, so it is cached briefly.
 */
export function widgetAssets(directory: string) {
  const router = new Hono<AppEnv>();
  router.use('*', async (c, next) => {
    await next();
    c.header('Access-Control-Allow-Origin', '*');
    c.header('Cross-Origin-Resource-Policy', 'cross-origin');
    c.header('X-Content-Type-Options', 'nosniff');
  });
  if (!existsSync(directory)) return router; // not built: the 404 handler answers
  router.use(
    '*',
    serveStatic({
      root: path.relative(process.cwd(), directory) || '.',
      rewriteRequestPath: (requestPath) => requestPath.replace(/^\/widgets\/v1/, ''),
      onFound: (filePath, c) => {
        const immutable = /\/chunks\//.test(filePath);
        c.header('Cache-Control', immutable ? 'public, max-age=31536000, immutable' : 'public, max-age=300');
      },
    }),
  );
  return router;
}
