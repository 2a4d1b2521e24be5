import { LRUCache } from 'lru-cache';
import type { Queryable } from '../db/connection.ts';
import type { DataScope } from '../tenants/data-scope.ts';
import { blindIndex, tenantKey, type TenantKey } from './data-keys.ts';
import type { MasterKeyring } from './master-keyring.ts';
import { createSubjectKey, openSubjectKeys, shredSubjectKey, type SubjectCipher } from './subject-keys.ts';

/**
 * Personal data at rest: what request handlers use. One instance per process, made from
 * the master keyring at start. Tenant data keys are cached unwrapped for a few minutes (they
 * never change but by rotation, which re-wraps the same key); subject keys are read per use,
 * so a shredded subject is unreadable in every process at once.
 */
export interface FieldEncryption {
  tenantKey(sql: Queryable, scope: DataScope): Promise<TenantKey>;
  createSubject(sql: Queryable, scope: DataScope): Promise<SubjectCipher>;
  openSubjects(sql: Queryable, scope: DataScope, ids: readonly string[]): Promise<Map<string, SubjectCipher | null>>;
  shredSubject(sql: Queryable, scope: DataScope, id: string): Promise<boolean>;
  /** Blind index of an email (trimmed, lower-cased, NFC): the same address gives the same bytes per tenant environment. */
  emailIndex(sql: Queryable, scope: DataScope, email: string): Promise<Buffer>;
}

export function normaliseEmail(email: string): string {
  return email.normalize('NFC').trim().toLowerCase();
}

export function createFieldEncryption(keyring: MasterKeyring): FieldEncryption {
  const cache = new LRUCache<string, TenantKey>({ max: 10_000, ttl: 5 * 60_000 });
  const cachedTenantKey = async (sql: Queryable, scope: DataScope): Promise<TenantKey> => {
    const cacheKey = `${scope.tenantId}/${scope.environment}`;
    const hit = cache.get(cacheKey);
    if (hit) return hit;
    const key = await tenantKey(sql, keyring, scope);
    cache.set(cacheKey, key);
    return key;
  };
  return {
    tenantKey: cachedTenantKey,
    createSubject: async (sql, scope) => createSubjectKey(sql, await cachedTenantKey(sql, scope)),
    openSubjects: async (sql, scope, ids) => openSubjectKeys(sql, await cachedTenantKey(sql, scope), ids),
    shredSubject: (sql, scope, id) => shredSubjectKey(sql, scope, id),
    emailIndex: async (sql, scope, email) => blindIndex(await cachedTenantKey(sql, scope), 'email', normaliseEmail(email)),
  };
}
