import type { RouteHandler } from '@hono/zod-openapi';
import type { AppEnv } from '../../app-env.ts';
import { insertPolicyVersion, listConsentConfigHistory, listPolicyVersions, loadConsentConfig, saveConsentConfig } from '../../consents/consent-config.queries.ts';
import { jurisdictionIssues } from '../../consents/jurisdiction-rules.ts';
import type { Queryable } from '../../db/connection.ts';
import { ApiError } from '../../http/api-error.ts';
import { pageCursorsOf } from '../../http/page-cursor.ts';
import type { DataScope } from '../../tenants/data-scope.ts';
import { configCacheFor } from '../config/config-cache.ts';
import { findTenant, type TenantRow } from '../../tenants/tenants.queries.ts';
import type { addPolicyVersionRoute, consentConfigHistoryRoute, getConsentConfigRoute, putConsentConfigRoute } from './consent-config.routes.ts';

async function tenantOf(sql: Queryable, tenantId: string): Promise<TenantRow> {
  const tenant = await findTenant(sql, tenantId);
  if (!tenant) throw ApiError.notFound('The tenant');
  return tenant;
}

async function details(sql: Queryable, scope: DataScope, tenant: TenantRow) {
  const [config, policyVersions] = await Promise.all([loadConsentConfig(sql, scope, tenant.jurisdictions), listPolicyVersions(sql, scope)]);
  return { config, policyVersions };
}

export const getConsentConfig: RouteHandler<typeof getConsentConfigRoute, AppEnv> = async (c) =>
  c.json(await details(c.get('sql'), c.get('scope'), await tenantOf(c.get('sql'), c.get('scope').tenantId)), 200);

export const putConsentConfig: RouteHandler<typeof putConsentConfigRoute, AppEnv> = async (c) => {
  const input = c.req.valid('json') as Parameters<typeof saveConsentConfig>[2];
  const scope = c.get('scope');
  const tenant = await tenantOf(c.get('sql'), scope.tenantId);
  const issues = jurisdictionIssues(tenant.jurisdictions, input);
  if (issues.length > 0) throw ApiError.validation(issues.map((issue) => ({ ...issue, path: ['body', ...issue.path] })));
  configCacheFor(c.get('pool')).written(scope.tenantId);
  await saveConsentConfig(c.get('sql'), scope, input);
  return c.json(await details(c.get('sql'), scope, tenant), 200);
};

export const addPolicyVersion: RouteHandler<typeof addPolicyVersionRoute, AppEnv> = async (c) => {
  const input = c.req.valid('json');
  configCacheFor(c.get('pool')).written(c.get('scope').tenantId);
  const created = await insertPolicyVersion(c.get('sql'), c.get('scope'), input);
  if (!created) throw new ApiError(409, 'CONFLICT', `Policy version "${input.version}" exists already; a published version is never changed. Publish a new version.`);
  return c.json(created, 201);
};

export const consentConfigHistory: RouteHandler<typeof consentConfigHistoryRoute, AppEnv> = async (c) => {
  const { cursor, limit } = c.req.valid('query');
  const cursors = pageCursorsOf(c);
  const before = cursors.open('consent-config-history', cursor)?.[0];
  const page = await listConsentConfigHistory(c.get('sql'), { scope: c.get('scope'), before: before === undefined ? undefined : BigInt(before), limit });
  return c.json({ data: page.entries, nextCursor: cursors.seal('consent-config-history', page.more && page.lastSequence ? [page.lastSequence] : null) }, 200);
};
