import type { RouteHandler } from '@hono/zod-openapi';
import type { AppEnv } from '../../app-env.ts';
import { ApiError } from '../../http/api-error.ts';
import { getRightsSettings, replaceRightsSettings } from '../../rights/settings/rights-settings.ts';
import type { FieldEncryption } from '../../secrets/field-encryption.ts';
import { findTenant } from '../../tenants/tenants.queries.ts';
import { configCacheFor } from '../config/config-cache.ts';
import type { getRightsSettingsRoute, putRightsSettingsRoute } from './rights-settings.routes.ts';

export function rightsSettingsHandlers(encryption: FieldEncryption) {
  async function tenantOf(c: Parameters<RouteHandler<typeof getRightsSettingsRoute, AppEnv>>[0] | Parameters<RouteHandler<typeof putRightsSettingsRoute, AppEnv>>[0]) {
    const tenant = await findTenant(c.get('sql'), c.get('scope').tenantId);
    if (!tenant) throw ApiError.notFound('The tenant');
    return tenant;
  }

  const get: RouteHandler<typeof getRightsSettingsRoute, AppEnv> = async (c) =>
    c.json(await getRightsSettings(c.get('sql'), encryption, c.get('scope'), await tenantOf(c)), 200);

  const put: RouteHandler<typeof putRightsSettingsRoute, AppEnv> = async (c) => {
    configCacheFor(c.get('pool')).written(c.get('scope').tenantId);
    return c.json(await replaceRightsSettings(c.get('sql'), encryption, c.get('scope'), await tenantOf(c), c.req.valid('json')), 200);
  };

  return { get, put };
}
