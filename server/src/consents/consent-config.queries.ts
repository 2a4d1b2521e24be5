import type { ConsentConfig, ConsentConfigInput, ConsentPolicyVersion, Jurisdiction, NewConsentPolicyVersion, SavedConsentConfig } from '@porttask/sdk/schemas';
import type { Queryable } from '../db/connection.ts';
import type { DataScope } from '../tenants/data-scope.ts';
import { defaultConsentConfig } from './consent-defaults.ts';

/** The scope's consent configuration, or the defaults for the tenant's jurisdictions. */
export async function loadConsentConfig(sql: Queryable, scope: DataScope, jurisdictions: readonly Jurisdiction[]): Promise<ConsentConfig> {
  const [row] = await sql<Omit<ConsentConfig, 'configured'>[]>`
    SELECT model, honour_gpc AS "honourGpc", expiry_days AS "expiryDays", purposes, texts
    FROM consent_configs WHERE tenant_id = ${scope.tenantId} AND environment = ${scope.environment}`;
  return row ? { configured: true, ...row } : defaultConsentConfig(jurisdictions);
}

/**
 * What recording a decision checks, in one round trip: the tenant's consent configuration (or
 * its defaults) and whether the policy version exists. Undefined when there is no such tenant.
 */
export async function loadConsentRules(sql: Queryable, scope: DataScope, policyVersion: string): Promise<{ config: ConsentConfig; policyExists: boolean } | undefined> {
  const [row] = await sql<(Partial<Omit<ConsentConfig, 'configured'>> & { jurisdictions: Jurisdiction[]; configured: boolean; policyExists: boolean })[]>`
    SELECT t.jurisdictions, c.tenant_id IS NOT NULL AS configured, c.model, c.honour_gpc AS "honourGpc",
           c.expiry_days AS "expiryDays", c.purposes, c.texts,
           EXISTS (SELECT 1 FROM consent_policy_versions v
                   WHERE v.tenant_id = t.id AND v.environment = ${scope.environment} AND v.version = ${policyVersion}) AS "policyExists"
    FROM tenants t LEFT JOIN consent_configs c ON c.tenant_id = t.id AND c.environment = ${scope.environment}
    WHERE t.id = ${scope.tenantId}`;
  if (!row) return undefined;
  const { jurisdictions, configured, policyExists, model, honourGpc, expiryDays, purposes, texts } = row;
  const config = configured
    ? { configured: true, model: model!, honourGpc: honourGpc!, expiryDays: expiryDays!, purposes: purposes!, texts: texts! }
    : defaultConsentConfig(jurisdictions);
  return { config, policyExists };
}

/**
 * Replaces the tenant's configuration (already validated against ConsentConfigInput) and
 * appends it to the history, in one statement: neither happens without the other.
 */
export async function saveConsentConfig(sql: Queryable, scope: DataScope, config: Required<ConsentConfigInput>): Promise<void> {
  await sql`
    WITH saved AS (
      INSERT INTO consent_configs (tenant_id, environment, model, honour_gpc, expiry_days, purposes, texts, updated_at)
      VALUES (${scope.tenantId}, ${scope.environment}, ${config.model}, ${config.honourGpc}, ${config.expiryDays},
              ${sql.json(config.purposes as never)}, ${sql.json(config.texts as never)}, now())
      ON CONFLICT (tenant_id, environment) DO UPDATE SET
        model = EXCLUDED.model, honour_gpc = EXCLUDED.honour_gpc, expiry_days = EXCLUDED.expiry_days,
        purposes = EXCLUDED.purposes, texts = EXCLUDED.texts, updated_at = EXCLUDED.updated_at
      RETURNING *
    )
    INSERT INTO consent_config_history (tenant_id, environment, model, honour_gpc, expiry_days, purposes, texts, saved_at)
    SELECT tenant_id, environment, model, honour_gpc, expiry_days, purposes, texts, updated_at FROM saved`;
}

/** The configurations saved in the scope, newest first, a page at a time (before = a sequence). */
export async function listConsentConfigHistory(
  sql: Queryable,
  query: { scope: DataScope; before: bigint | undefined; limit: number },
): Promise<{ entries: SavedConsentConfig[]; lastSequence: string | undefined; more: boolean }> {
  const rows = await sql<(SavedConsentConfig & { sequence: string })[]>`
    SELECT sequence::text AS sequence,
           to_char(saved_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS "savedAt",
           json_build_object('model', model, 'honourGpc', honour_gpc, 'expiryDays', expiry_days, 'purposes', purposes, 'texts', texts) AS config
    FROM consent_config_history
    WHERE tenant_id = ${query.scope.tenantId} AND environment = ${query.scope.environment}
      ${query.before === undefined ? sql`` : sql`AND sequence < ${query.before.toString()}::bigint`}
    ORDER BY consent_config_history.sequence DESC
    LIMIT ${query.limit + 1}`;
  const page = rows.slice(0, query.limit);
  return { entries: page.map(({ sequence: _sequence, ...entry }) => entry), lastSequence: page.at(-1)?.sequence, more: rows.length > query.limit };
}

function policyColumns(sql: Queryable) {
  return sql`version, url, to_char(last_updated, 'YYYY-MM-DD') AS "lastUpdated",
    to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS "createdAt"`;
}

/** Every policy version of the scope, newest (= current) first. */
export function listPolicyVersions(sql: Queryable, scope: DataScope): Promise<ConsentPolicyVersion[]> {
  return sql<ConsentPolicyVersion[]>`
    SELECT ${policyColumns(sql)} FROM consent_policy_versions
    WHERE tenant_id = ${scope.tenantId} AND environment = ${scope.environment} ORDER BY sequence DESC`;
}

export async function currentPolicyVersion(sql: Queryable, scope: DataScope): Promise<ConsentPolicyVersion | undefined> {
  const [row] = await sql<ConsentPolicyVersion[]>`
    SELECT ${policyColumns(sql)} FROM consent_policy_versions
    WHERE tenant_id = ${scope.tenantId} AND environment = ${scope.environment} ORDER BY sequence DESC LIMIT 1`;
  return row;
}

/** Appends a version, which becomes the current one. Undefined when the version already exists. */
export async function insertPolicyVersion(sql: Queryable, scope: DataScope, policy: NewConsentPolicyVersion): Promise<ConsentPolicyVersion | undefined> {
  const [row] = await sql<ConsentPolicyVersion[]>`
    INSERT INTO consent_policy_versions (tenant_id, environment, version, url, last_updated)
    VALUES (${scope.tenantId}, ${scope.environment}, ${policy.version}, ${policy.url}, ${policy.lastUpdated})
    ON CONFLICT (tenant_id, environment, version) DO NOTHING
    RETURNING ${policyColumns(sql)}`;
  return row;
}
