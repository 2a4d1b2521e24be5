import { createHmac, hkdfSync, randomBytes } from 'node:crypto';
import type { Queryable, Sql } from '../db/connection.ts';
import type { DataScope } from '../tenants/data-scope.ts';
import { open, seal } from './aes-gcm.ts';
import type { MasterKeyring } from './master-keyring.ts';

/** A tenant environment's unwrapped data key, and what is derived from it. */
export interface TenantKey {
  scope: DataScope;
  key: Buffer;
  /** Keyed hash for equality lookups (blind index): a separate key, derived once. */
  blindIndexKey: Buffer;
}

const wrapContext = (scope: DataScope) => `porttask data key|${scope.tenantId}|${scope.environment}`;

function toTenantKey(scope: DataScope, key: Buffer): TenantKey {
  const blindIndexKey = Buffer.from(hkdfSync('sha256', key, Buffer.alloc(0), 'porttask blind index', 32));
  return { scope, key, blindIndexKey };
}

function unwrap(keyring: MasterKeyring, scope: DataScope, row: { wrapped_key: Buffer; master_key_id: string }): Buffer {
  const master = keyring.byId.get(row.master_key_id);
  if (!master) {
    throw new Error(`the data key of ${scope.tenantId}/${scope.environment} is wrapped by master key ${row.master_key_id}, which is neither PORTTASK_MASTER_KEY nor in PORTTASK_MASTER_KEY_PREVIOUS`);
  }
  return open(master.key, row.wrapped_key, wrapContext(scope));
}

/** The tenant environment's data key, created on first use (two racing creators agree). */
export async function tenantKey(sql: Queryable, keyring: MasterKeyring, scope: DataScope): Promise<TenantKey> {
  const fresh = randomBytes(32);
  const rows = await sql<{ wrapped_key: Buffer; master_key_id: string }[]>`
    WITH created AS (
      INSERT INTO data_keys (tenant_id, environment, wrapped_key, master_key_id)
      VALUES (${scope.tenantId}, ${scope.environment}, ${seal(keyring.current.key, fresh, wrapContext(scope))}, ${keyring.current.id})
      ON CONFLICT (tenant_id, environment) DO NOTHING
      RETURNING wrapped_key, master_key_id
    )
    SELECT wrapped_key, master_key_id FROM created
    UNION ALL
    SELECT wrapped_key, master_key_id FROM data_keys WHERE tenant_id = ${scope.tenantId} AND environment = ${scope.environment}`;
  // A creator racing ours commits while our statement's snapshot predates it: read again.
  const row = rows[0] ?? (await sql<{ wrapped_key: Buffer; master_key_id: string }[]>`
    SELECT wrapped_key, master_key_id FROM data_keys WHERE tenant_id = ${scope.tenantId} AND environment = ${scope.environment}`)[0];
  if (!row) throw new Error(`no data key for ${scope.tenantId}/${scope.environment} after creating one`);
  return toTenantKey(scope, unwrap(keyring, scope, row));
}

/** Keyed hash of a normalised value: finds "the same email" without storing the email. */
export function blindIndex(tenant: TenantKey, purpose: string, normalisedValue: string): Buffer {
  return createHmac('sha256', tenant.blindIndexKey).update(`${purpose}\u0000${normalisedValue}`).digest();
}

export interface RotationResult {
  rewrapped: number;
  alreadyCurrent: number;
}

/**
 * Re-wraps every data key that an earlier master key wraps under the current one, each in
 * its own short statement, so a rotation interrupted half-way is finished by running it again.
 */
export async function rewrapDataKeys(owner: Sql, keyring: MasterKeyring): Promise<RotationResult> {
  const stale = await owner<{ tenant_id: string; environment: 'test' | 'live'; wrapped_key: Buffer; master_key_id: string }[]>`
    SELECT tenant_id, environment, wrapped_key, master_key_id FROM data_keys WHERE master_key_id <> ${keyring.current.id}`;
  for (const row of stale) {
    const scope: DataScope = { tenantId: row.tenant_id, environment: row.environment };
    const key = unwrap(keyring, scope, row);
    await owner`
      UPDATE data_keys SET wrapped_key = ${seal(keyring.current.key, key, wrapContext(scope))}, master_key_id = ${keyring.current.id}, rewrapped_at = now()
      WHERE tenant_id = ${row.tenant_id} AND environment = ${row.environment} AND master_key_id = ${row.master_key_id}`;
  }
  const [current] = await owner<{ count: number }[]>`SELECT count(*)::int AS count FROM data_keys WHERE master_key_id = ${keyring.current.id}`;
  return { rewrapped: stale.length, alreadyCurrent: (current?.count ?? 0) - stale.length };
}
