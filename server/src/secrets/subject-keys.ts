import { randomBytes } from 'node:crypto';
import type { Queryable } from '../db/connection.ts';
import { newSubjectKeyId } from '../ids.ts';
import type { DataScope } from '../tenants/data-scope.ts';
import { open, seal } from './aes-gcm.ts';
import type { TenantKey } from './data-keys.ts';

/**
 * Encrypts one data subject's fields. `place` names where a value is stored (table, column,
 * row id) and is bound into the ciphertext: a value moved elsewhere no longer decrypts.
 */
export interface SubjectCipher {
  id: string;
  encrypt(value: string, place: string): Buffer;
  decrypt(sealed: Buffer, place: string): string;
  /** The same for binary values (an export bundle). */
  encryptBytes(value: Buffer, place: string): Buffer;
  decryptBytes(sealed: Buffer, place: string): Buffer;
}

const wrapContext = (scope: DataScope, id: string) => `porttask subject key|${scope.tenantId}|${scope.environment}|${id}`;
const fieldContext = (scope: DataScope, id: string, place: string) => `porttask field|${scope.tenantId}|${scope.environment}|${id}|${place}`;

function subjectCipher(scope: DataScope, id: string, key: Buffer): SubjectCipher {
  return {
    id,
    encrypt: (value, place) => seal(key, Buffer.from(value, 'utf8'), fieldContext(scope, id, place)),
    decrypt: (sealed, place) => open(key, sealed, fieldContext(scope, id, place)).toString('utf8'),
    encryptBytes: (value, place) => seal(key, value, fieldContext(scope, id, place)),
    decryptBytes: (sealed, place) => open(key, sealed, fieldContext(scope, id, place)),
  };
}

export async function createSubjectKey(sql: Queryable, tenant: TenantKey): Promise<SubjectCipher> {
  const id = newSubjectKeyId();
  const key = randomBytes(32);
  await sql`
    INSERT INTO subject_keys (tenant_id, environment, id, wrapped_key)
    VALUES (${tenant.scope.tenantId}, ${tenant.scope.environment}, ${id}, ${seal(tenant.key, key, wrapContext(tenant.scope, id))})`;
  return subjectCipher(tenant.scope, id, key);
}

/** The ciphers of the given subjects; a shredded (or unknown) subject maps to null. */
export async function openSubjectKeys(sql: Queryable, tenant: TenantKey, ids: readonly string[]): Promise<Map<string, SubjectCipher | null>> {
  const unique = [...new Set(ids)];
  const ciphers = new Map<string, SubjectCipher | null>(unique.map((id) => [id, null]));
  if (unique.length === 0) return ciphers;
  const rows = await sql<{ id: string; wrapped_key: Buffer | null }[]>`
    SELECT id, wrapped_key FROM subject_keys
    WHERE tenant_id = ${tenant.scope.tenantId} AND environment = ${tenant.scope.environment} AND id = ANY(${unique})`;
  for (const row of rows) {
    if (row.wrapped_key) ciphers.set(row.id, subjectCipher(tenant.scope, row.id, open(tenant.key, row.wrapped_key, wrapContext(tenant.scope, row.id))));
  }
  return ciphers;
}

/**
 * Erasure by crypto-shredding: the subject's key is destroyed, so every value encrypted
 * under it (in any table, in any backup taken from now on) stays ciphertext for good.
 * Returns false when there was nothing left to shred.
 */
export async function shredSubjectKey(sql: Queryable, scope: DataScope, id: string): Promise<boolean> {
  const rows = await sql`
    UPDATE subject_keys SET wrapped_key = NULL, shredded_at = now()
    WHERE tenant_id = ${scope.tenantId} AND environment = ${scope.environment} AND id = ${id} AND wrapped_key IS NOT NULL
    RETURNING id`;
  return rows.length === 1;
}
