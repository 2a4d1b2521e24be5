import type { RouteHandler } from '@hono/zod-openapi';
import type { WidgetConfig } from '@porttask/sdk/schemas';
import type { AppEnv } from '../../app-env.ts';
import { ApiError } from '../../http/api-error.ts';
import { findTenant } from '../../tenants/tenants.queries.ts';
import type { getConfigRoute } from './config.routes.ts';

export const getConfig: RouteHandler<typeof getConfigRoute, AppEnv> = async (c) => {
  const tenant = await findTenant(c.var.sql, c.var.tenantId);
  if (!tenant) throw ApiError.notFound('The tenant');
  const config: WidgetConfig = {
    tenant: { id: tenant.id, name: tenant.name, region: tenant.region },
    environment: c.var.apiKey.environment,
    locales: { default: tenant.defaultLocale, available: tenant.locales },
    policy: tenant.policyVersion && tenant.policyUrl && tenant.policyLastUpdated
      ? { version: tenant.policyVersion, url: tenant.policyUrl, lastUpdated: tenant.policyLastUpdated }
      : null,
    jurisdictions: tenant.jurisdictions,
    widgets: tenant.widgets,
  };
  // Short and private: a config change shows within a minute, and shared caches never mix tenants.
  c.header('Cache-Control', 'private, max-age=60');
  return c.json(config, 200);
};
