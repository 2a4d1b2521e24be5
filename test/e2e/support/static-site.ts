import path from 'node:path';
import { serveStatic } from '@hono/node-server/serve-static';
import { Hono } from 'hono';
import { freePort } from '../../../server/src/db/local-postgres.ts';
import { listen, type Listening } from '../../../server/src/runtime/listen.ts';

export interface StaticSite {
  /** `http://localhost:<port>`: an origin of its own, as a partner's site is. */
  url: string;
  close(): Promise<void>;
}

/** Reserves a port now, so the site's origin is known (to bind a key to) before it serves. */
export async function reserveSiteOrigin(): Promise<{ port: number; url: string }> {
  const port = await freePort();
  return { port, url: `http://localhost:${port}` };
}

/** Serves a folder (a built app) as static files, `index.html` at `/`. */
export async function serveFolder(directory: string, port: number): Promise<StaticSite> {
  const app = new Hono().use('*', serveStatic({ root: path.relative(process.cwd(), directory) || '.' }));
  const server: Listening = await listen(app.fetch, { port, host: '127.0.0.1' });
  return { url: `http://localhost:${server.port}`, close: () => server.close(500) };
}
