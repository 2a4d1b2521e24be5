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
  /** Rights requests made from one IP address (migration 031 adds these four). */
  rightsRequestsPerIpPerHour: number;
  /** Rights requests made for one email address, counted by its blind index, whether or not it is known. */
  rightsRequestsPerEmailPerDay: number;
  /** Rights requests made to the tenant in one environment, from anyone. */
  rightsRequestsPerTenantPerHour: number;
  /** A requester's other calls (verify a code, read the status, cancel) from one IP address. */
  requesterCallsPerIpPerMinute: number;
}

/**
 * Safe defaults: a busy partner site's widgets fit in them (every visitor's browser shares the
 * publishable key, each visitor makes a request or two a page), a visitor makes a handful of
 * consent decisions a day, and one address cannot write thousands of records. A person makes
 * a rights request or two, so an address or an email making more than a few an hour or a day
 * is a script (mail bombing, filling the tenant's queue); a requester checks a status a few
 * times and types a code at most three times.
 */
export const DEFAULT_TENANT_LIMITS: TenantLimits = {
  requestsPerKeyPerMinute: 12_000,
  writesPerIpPerMinute: 60,
  consentsPerSubjectPerDay: 30,
  rightsRequestsPerIpPerHour: 10,
  rightsRequestsPerEmailPerDay: 5,
  rightsRequestsPerTenantPerHour: 300,
  requesterCallsPerIpPerMinute: 30,
};

/** Each limit's column in rate_limit_policies. */
const COLUMNS: Record<keyof TenantLimits, string> = {
  requestsPerKeyPerMinute: 'requests_per_key_per_minute',
  writesPerIpPerMinute: 'writes_per_ip_per_minute',
  consentsPerSubjectPerDay: 'consents_per_subject_per_day',
  rightsRequestsPerIpPerHour: 'rights_requests_per_ip_per_hour',
  rightsRequestsPerEmailPerDay: 'rights_requests_per_email_per_day',
  rightsRequestsPerTenantPerHour: 'rights_requests_per_tenant_per_hour',
  requesterCallsPerIpPerMinute: 'requester_calls_per_ip_per_minute',
};
const LIMIT_NAMES = Object.keys(COLUMNS) as (keyof TenantLimits)[];

/** How long a tenant's limits are reused before they are read again: a change applies within this. */
const POLICY_CACHE_MS = 10_000;
const caches = new WeakMap<object, LRUCache<string, TenantLimits>>();

export async function tenantLimits(sql: Queryable, scope: DataScope, defaults: TenantLimits = DEFAULT_TENANT_LIMITS): Promise<TenantLimits> {
  let cache = caches.get(sql);
  if (!cache) caches.set(sql, (cache = new LRUCache({ max: 10_000, ttl: POLICY_CACHE_MS })));
  const cacheKey = `${scope.tenantId} ${scope.environment}`;
  const cached = cache.get(cacheKey);
  if (cached) return cached;
  const [row] = await sql<Partial<Record<keyof TenantLimits, number | null>>[]>`
    SELECT ${sql.unsafe(LIMIT_NAMES.map((name) => `${COLUMNS[name]} AS "${name}"`).join(', '))}
    FROM rate_limit_policies WHERE tenant_id = ${scope.tenantId} AND environment = ${scope.environment}`;
  const limits = Object.fromEntries(LIMIT_NAMES.map((name) => [name, row?.[name] ?? defaults[name]])) as unknown as TenantLimits;
  cache.set(cacheKey, limits);
  return limits;
}

/** Sets a tenant's limits in one environment (as the owner: the CLI, tests); undefined keeps the default. */
export async function setTenantLimits(owner: Queryable, scope: DataScope, limits: Partial<TenantLimits>): Promise<void> {
  const row: Record<string, string | number | Date | null> = { tenant_id: scope.tenantId, environment: scope.environment, updated_at: new Date() };
  for (const name of LIMIT_NAMES) row[COLUMNS[name]] = limits[name] ?? null;
  const columns = Object.keys(row);
  await owner`
    INSERT INTO rate_limit_policies ${owner(row, columns)}
    ON CONFLICT (tenant_id, environment) DO UPDATE SET
      ${owner.unsafe(columns.filter((column) => column !== 'tenant_id' && column !== 'environment').map((column) => `${column} = EXCLUDED.${column}`).join(', '))}`;
}
