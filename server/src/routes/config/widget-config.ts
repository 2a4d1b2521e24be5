import type { WidgetConfig } from '@porttask/sdk/schemas';
import type { Queryable } from '../../db/connection.ts';
import { ApiError } from '../../http/api-error.ts';
import { currentPolicyVersion, loadConsentConfig } from '../../consents/consent-config.queries.ts';
import { DPDP_DEFAULT_RESPONSE_DAYS } from '../../rights/clocks/index.ts';
import { offeredRequestTypes } from '../../rights/request-types.ts';
import { findRightsSettings } from '../../rights/settings/rights-settings.queries.ts';
import type { DataScope } from '../../tenants/data-scope.ts';
import { findTenant } from '../../tenants/tenants.queries.ts';

/** The widget configuration of one tenant's environment, from the database (four queries). */
export async function loadWidgetConfig(sql: Queryable, scope: DataScope): Promise<WidgetConfig> {
  const tenant = await findTenant(sql, scope.tenantId);
  if (!tenant) throw ApiError.notFound('The tenant');
  // The policy is the newest version of the key's environment (the tenant's own policy
  // columns are published into both environments, see 025_environments.sql), so a version
  // published through the API with a key of this environment shows here.
  const [consent, policy, rightsSettings] = await Promise.all([
    loadConsentConfig(sql, scope, tenant.jurisdictions),
    currentPolicyVersion(sql, scope),
    findRightsSettings(sql, scope),
  ]);
  const underDpdp = tenant.jurisdictions.includes('dpdp');
  return {
    tenant: { id: tenant.id, name: tenant.name, region: tenant.region },
    environment: scope.environment,
    locales: { default: tenant.defaultLocale, available: tenant.locales },
    policy: policy ? { version: policy.version, url: policy.url, lastUpdated: policy.lastUpdated } : null,
    jurisdictions: tenant.jurisdictions,
    widgets: tenant.widgets,
    consent,
    // The officer is published on every form by law (stored in clear for that reason).
    rights: {
      requestTypes: offeredRequestTypes(tenant.jurisdictions),
      grievanceOfficer: underDpdp && rightsSettings?.grievance_officer_name && rightsSettings.grievance_officer_email
        ? { name: rightsSettings.grievance_officer_name, email: rightsSettings.grievance_officer_email } : null,
      dpdpResponseDays: underDpdp ? rightsSettings?.dpdp_response_days ?? DPDP_DEFAULT_RESPONSE_DAYS : null,
    },
  };
}
