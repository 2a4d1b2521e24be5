import type { Jurisdiction, Region, WidgetName } from '@porttask/sdk/schemas';
import type { Queryable } from '../db/connection.ts';
import { newTenantId } from '../ids.ts';

export interface TenantRow {
  id: string;
  name: string;
  region: Region;
  defaultLocale: string;
  locales: string[];
  jurisdictions: Jurisdiction[];
  widgets: WidgetName[];
  policyVersion: string | null;
  policyUrl: string | null;
  policyLastUpdated: string | null;
  createdAt: Date;
}

export interface NewTenant {
  id?: string;
  name: string;
  region: Region;
  jurisdictions?: Jurisdiction[];
  widgets?: WidgetName[];
  policy?: { version: string; url: string; lastUpdated: string };
}

export async function insertTenant(sql: Queryable, tenant: NewTenant): Promise<TenantRow> {
  const [row] = await sql<TenantRow[]>`
    INSERT INTO tenants (id, name, region, jurisdictions, widgets, policy_version, policy_url, policy_last_updated)
    VALUES (${tenant.id ?? newTenantId()}, ${tenant.name}, ${tenant.region},
            ${tenant.jurisdictions ?? ['gdpr']}, ${tenant.widgets ?? []},
            ${tenant.policy?.version ?? null}, ${tenant.policy?.url ?? null}, ${tenant.policy?.lastUpdated ?? null})
    RETURNING ${tenantColumns(sql)}`;
  return row!;
}

export async function findTenant(sql: Queryable, tenantId: string): Promise<TenantRow | undefined> {
  const [row] = await sql<TenantRow[]>`SELECT ${tenantColumns(sql)} FROM tenants WHERE id = ${tenantId}`;
  return row;
}

function tenantColumns(sql: Queryable) {
  return sql`id, name, region, default_locale AS "defaultLocale", locales, jurisdictions, widgets,
    policy_version AS "policyVersion", policy_url AS "policyUrl",
    to_char(policy_last_updated, 'YYYY-MM-DD') AS "policyLastUpdated", created_at AS "createdAt"`;
}

export interface TenantSummary {
  id: string;
  name: string;
  region: Region;
  createdAt: string;
  /** The current (newest) privacy-policy version, or null: then the consent banner shows nothing. */
  policyVersion: string | null;
  activeKeys: number;
}

/** Every tenant, oldest first, with what an operator checks first (for `porttask tenants list`). */
export function listTenants(sql: Queryable): Promise<TenantSummary[]> {
  return sql<TenantSummary[]>`
    SELECT t.id, t.name, t.region,
           to_char(t.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS "createdAt",
           (SELECT v.version FROM consent_policy_versions v WHERE v.tenant_id = t.id AND v.environment = 'live' ORDER BY v.sequence DESC LIMIT 1) AS "policyVersion",
           (SELECT count(*)::int FROM api_keys k
             WHERE k.tenant_id = t.id AND k.revoked_at IS NULL AND (k.expires_at IS NULL OR k.expires_at > now())) AS "activeKeys"
    FROM tenants t
    ORDER BY t.created_at, t.id`;
}
