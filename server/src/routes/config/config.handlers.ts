import type { RouteHandler } from '@hono/zod-openapi';
import type { WidgetConfig } from '@porttask/sdk/schemas';
import type { AppEnv } from '../../app-env.ts';
import { ApiError } from '../../http/api-error.ts';
import { currentPolicyVersion, loadConsentConfig } from '../../consents/consent-config.queries.ts';
import { findTenant } from '../../tenants/tenants.queries.ts';
import type { getConfigRoute } from './config.routes.ts';

export const getConfig: RouteHandler<typeof getConfigRoute, AppEnv> = async (c) => {
  const tenant = await findTenant(c.get('sql'), c.get('tenantId'));
  if (!tenant) throw ApiError.notFound('The tenant');
  // The policy is the newest version of the tenant's history (020_consent.sql copies the
  // tenant's own policy columns into it), so a version published through the API shows here.
  const [consent, policy] = await Promise.all([
    loadConsentConfig(c.get('sql'), tenant.id, tenant.jurisdictions),
    currentPolicyVersion(c.get('sql'), tenant.id),
  ]);
  const config: WidgetConfig = {
    tenant: { id: tenant.id, name: tenant.name, region: tenant.region },
    environment: c.get('apiKey').environment,
    locales: { default: tenant.defaultLocale, available: tenant.locales },
    policy: policy ? { version: policy.version, url: policy.url, lastUpdated: policy.lastUpdated } : null,
    jurisdictions: tenant.jurisdictions,
    widgets: tenant.widgets,
    consent,
  };
  // Short and private: a config change shows within a minute, and shared caches never mix tenants.
  c.header('Cache-Control', 'private, max-age=60');
  return c.json(config, 200);
};
