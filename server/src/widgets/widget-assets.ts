import { existsSync } from 'node:fs';
import path from 'node:path';
import { Hono, type MiddlewareHandler } from 'hono';
import { serveStatic } from '@hono/node-server/serve-static';
import type { AppEnv } from '../app-env.ts';
import { findWidgetReleases, type WidgetRelease } from './widget-releases.ts';

/** A content-hashed name never changes its bytes; a pinned version never changes at all. */
const IMMUTABLE = 'public, max-age=31536000, immutable';
/** `/widgets/v1/porttask.js` moves to each new 1.x release: browsers check back after 5 minutes. */
const SHORT_LIVED = 'public, max-age=300';

export interface WidgetAssetsOptions {
  /** The CDN build of this checkout (`widgets/dist/cdn`). */
  directory: string;
  /** Earlier builds kept for pinned embeds, one folder per version (`<dir>/1.2.3/porttask.js`). */
  releasesDirectory?: string | undefined;
}

/**
 * Serves the widgets' CDN builds under two kinds of path:
 *
 *   /widgets/v1/porttask.js      the newest 1.x release: short-lived cache, no SRI possible
 *   /widgets/1.2.3/porttask.js   exactly that release: immutable, pinned with integrity.json
 *
 * The loader imports its chunks relatively, so each path keeps to its release; chunk names
 * carry a content hash and are immutable under both. Partner pages load these as cross-origin
 * module scripts (CORS mode): so `Access-Control-Allow-Origin: *` (public files, no
 * credentials) and `Cross-Origin-Resource-Policy: cross-origin`, which SRI also needs.
 */
export function widgetAssets({ directory, releasesDirectory }: WidgetAssetsOptions) {
  const router = new Hono<AppEnv>();
  router.use('*', async (c, next) => {
    await next();
    c.header('Access-Control-Allow-Origin', '*');
    c.header('Cross-Origin-Resource-Policy', 'cross-origin');
    c.header('X-Content-Type-Options', 'nosniff');
  });
  const releases = findWidgetReleases(directory, releasesDirectory);
  const pinnedServers = new Map(releases.all.map((release) => [release.version, releaseServer(release, { pinned: true })]));
  const aliasServers = new Map(releases.all.map((release) => [release.version, releaseServer(release, { pinned: false })]));

  router.get('/:release/*', async (c, next) => {
    const requested = c.req.param('release');
    const alias = /^v(\d+)$/.exec(requested);
    const release = alias ? releases.newestOfMajor(Number(alias[1])) : releases.byVersion(requested);
    if (!release) return next(); // the 404 handler answers
    c.header('PortTask-Widgets-Version', release.version);
    return (alias ? aliasServers : pinnedServers).get(release.version)!(c, next);
  });
  return router;
}

function releaseServer(release: WidgetRelease, { pinned }: { pinned: boolean }): MiddlewareHandler<AppEnv> {
  if (!existsSync(release.directory)) return (_c, next) => next();
  return serveStatic({
    root: path.relative(process.cwd(), release.directory) || '.',
    rewriteRequestPath: (requestPath) => requestPath.replace(/^\/widgets\/[^/]+/, ''),
    onFound: (filePath, c) => {
      const contentHashed = /[\\/]chunks[\\/]/.test(filePath);
      c.header('Cache-Control', pinned || contentHashed ? IMMUTABLE : SHORT_LIVED);
      // The build leaves the `//# sourceMappingURL` comment out of scripts (fewer bytes for every
      // visitor); developer tools find the map through this header, relative to the script.
      if (filePath.endsWith('.js') && existsSync(`${filePath}.map`)) c.header('SourceMap', `${path.basename(filePath)}.map`);
    },
  });
}
