import { LRUCache } from 'lru-cache';
import type { Queryable } from '../db/connection.ts';
import { scopeKey, type DataScope } from '../tenants/data-scope.ts';
import { loadConsentRules } from './consent-config.queries.ts';

export type ConsentRules = NonNullable<Awaited<ReturnType<typeof loadConsentRules>>>;

/**
 * A scope's consent rules (purposes, policy version check) change rarely and are read by
 * every decision, so they are reused for a second. A caller that would refuse a decision on
 * cached rules asks again with `fresh` first: a purpose or policy version published a moment
 * ago is never refused.
 */
const RULES_CACHE_MS = 1_000;
const caches = new WeakMap<object, LRUCache<string, ConsentRules>>();

export async function consentRules(sql: Queryable, scope: DataScope, policyVersion: string, options: { fresh?: boolean } = {}): Promise<ConsentRules | undefined> {
  let cache = caches.get(sql);
  if (!cache) caches.set(sql, (cache = new LRUCache({ max: 10_000, ttl: RULES_CACHE_MS })));
  const key = `${scopeKey(scope)} ${policyVersion}`;
  const cached = options.fresh ? undefined : cache.get(key);
  if (cached) return cached;
  const rules = await loadConsentRules(sql, scope, policyVersion);
  if (rules) cache.set(key, rules);
  return rules;
}
