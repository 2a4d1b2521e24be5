import type { RouteHandler } from '@hono/zod-openapi';
import type { AppEnv } from '../../app-env.ts';
import { configCacheFor } from './config-cache.ts';
import type { getConfigRoute } from './config.routes.ts';
import { loadWidgetConfig } from './widget-config.ts';

export const getConfig: RouteHandler<typeof getConfigRoute, AppEnv> = async (c) => {
  const scope = c.get('scope');
  const sql = c.get('sql');
  // From memory when nothing changed since (config-cache.ts); the JSON text as it was made.
  const answer = await configCacheFor(c.get('pool')).answer(scope, () => loadWidgetConfig(sql, scope));
  // Short and private: a config change shows within a minute, and shared caches never mix tenants.
  c.header('Cache-Control', 'private, max-age=60');
  // Already a WidgetConfig's JSON text: the route's typed JSON answer, without serialising it again.
  return c.body(answer, 200, { 'Content-Type': 'application/json' }) as never;
};
