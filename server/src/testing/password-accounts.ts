import { hashPassword } from 'better-auth/crypto';
import { randomBytes } from 'node:crypto';
import type { Queryable } from '../db/connection.ts';
import type { DataScope } from '../tenants/data-scope.ts';

export interface PasswordAccount {
  id: string;
  email: string;
}

/**
 * Email-and-password accounts written straight into better-auth's tables, as its sign-up
 * leaves them (a user row and a `credential` account holding the scrypt hash its own
 * `hashPassword` makes, one salt per account), for benches that need many accounts: the real
 * sign-up path costs a password-strength check, an audit append and a mail job per account.
 * Each account gets its own hash; they are computed in parallel on libuv's thread pool.
 */
export async function insertPasswordAccounts(sql: Queryable, scope: DataScope, accounts: { email: string; password: string; name?: string }[]): Promise<PasswordAccount[]> {
  const hashes = await Promise.all(accounts.map((account) => hashPassword(account.password)));
  const users = accounts.map((account, index) => ({
    tenant_id: scope.tenantId, environment: scope.environment, id: randomBytes(15).toString('base64url'),
    email: account.email.toLowerCase(), name: account.name ?? account.email.split('@')[0]!, email_verified: true, hash: hashes[index]!,
  }));
  if (users.length === 0) return [];
  await sql`INSERT INTO auth_users ${sql(users, 'tenant_id', 'environment', 'id', 'email', 'name', 'email_verified')}`;
  await sql`INSERT INTO auth_accounts ${sql(users.map((user) => ({
    tenant_id: user.tenant_id, environment: user.environment, id: randomBytes(15).toString('base64url'),
    user_id: user.id, account_id: user.id, provider_id: 'credential', password: user.hash,
  })), 'tenant_id', 'environment', 'id', 'user_id', 'account_id', 'provider_id', 'password')}`;
  return users.map((user) => ({ id: user.id, email: user.email }));
}
