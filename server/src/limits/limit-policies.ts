import { LRUCache } from 'lru-cache';
import type { Queryable } from '../db/connection.ts';
import type { DataScope } from '../tenants/data-scope.ts';

/** A tenant's limits in one environment (rate_limit_policies, migration 030). */
export interface TenantLimits {
  /** Every request made with one API key. */
  requestsPerKeyPerMinute: number;
  /** Writes (POST, PUT, DELETE) made with the publishable key from one IP address: anonymous visitors. */
  writesPerIpPerMinute: number;
  /** Consent decisions recorded for one subject id. */
  consentsPerSubjectPerDay: number;
}

/**
 * Safe defaults: a busy partner site's widgets fit in them (every visitor's browser shares the
 * publishable key, each visitor makes a request or two a page), a visitor makes a handful of
 * consent decisions a day, and one address cannot write thousands of records.
 */
export const DEFAULT_TENANT_LIMITS: TenantLimits = {
  requestsPerKeyPerMinute: 12_000,
  writesPerIpPerMinute: 60,
  consentsPerSubjectPerDay: 30,
};

/** How long a tenant's limits are reused before they are read again: a change applies within this. */
const POLICY_CACHE_MS = 10_000;
const caches = new WeakMap<object, LRUCache<string, TenantLimits>>();

export async function tenantLimits(sql: Queryable, scope: DataScope, defaults: TenantLimits = DEFAULT_TENANT_LIMITS): Promise<TenantLimits> {
  let cache = caches.get(sql);
  if (!cache) caches.set(sql, (cache = new LRUCache({ max: 10_000, ttl: POLICY_CACHE_MS })));
  const cacheKey = `${scope.tenantId} ${scope.environment}`;
  const cached = cache.get(cacheKey);
  if (cached) return cached;
  const [row] = await sql<{ requestsPerKeyPerMinute: number | null; writesPerIpPerMinute: number | null; consentsPerSubjectPerDay: number | null }[]>`
    SELECT requests_per_key_per_minute AS "requestsPerKeyPerMinute", writes_per_ip_per_minute AS "writesPerIpPerMinute",
           consents_per_subject_per_day AS "consentsPerSubjectPerDay"
    FROM rate_limit_policies WHERE tenant_id = ${scope.tenantId} AND environment = ${scope.environment}`;
  const limits: TenantLimits = {
    requestsPerKeyPerMinute: row?.requestsPerKeyPerMinute ?? defaults.requestsPerKeyPerMinute,
    writesPerIpPerMinute: row?.writesPerIpPerMinute ?? defaults.writesPerIpPerMinute,
    consentsPerSubjectPerDay: row?.consentsPerSubjectPerDay ?? defaults.consentsPerSubjectPerDay,
  };
  cache.set(cacheKey, limits);
  return limits;
}

/** Sets a tenant's limits in one environment (as the owner: the CLI, tests); undefined keeps the default. */
export async function setTenantLimits(owner: Queryable, scope: DataScope, limits: Partial<TenantLimits>): Promise<void> {
  await owner`
    INSERT INTO rate_limit_policies (tenant_id, environment, requests_per_key_per_minute, writes_per_ip_per_minute, consents_per_subject_per_day)
    VALUES (${scope.tenantId}, ${scope.environment}, ${limits.requestsPerKeyPerMinute ?? null}, ${limits.writesPerIpPerMinute ?? null}, ${limits.consentsPerSubjectPerDay ?? null})
    ON CONFLICT (tenant_id, environment) DO UPDATE SET
      requests_per_key_per_minute = EXCLUDED.requests_per_key_per_minute,
      writes_per_ip_per_minute = EXCLUDED.writes_per_ip_per_minute,
      consents_per_subject_per_day = EXCLUDED.consents_per_subject_per_day,
      updated_at = now()`;
}
