import type { Queryable } from '../../db/connection.ts';
import { shredLoginAuditEmail } from '../../login-audit/subject-email-sealer.ts';
import { normaliseEmail, type FieldEncryption } from '../../secrets/field-encryption.ts';
import type { DataScope } from '../../tenants/data-scope.ts';

export interface AccountErasureResult {
  /** Whether the address had an account in the tenant environment, now deleted. */
  accountDeleted: boolean;
  /** Whether the login audit trail held the address, now unreadable (its key shredded). */
  loginAuditShredded: boolean;
}

/**
 * The deletion of a verified address, reaching the person's account (in the caller's
 * transaction, with the rest of the erasure):
 *
 * - the account of that address in this tenant environment is deleted with its sessions,
 *   login methods (password hash), refresh tokens and pending verifications, by the database
 *   function `erase_account` (migration 059), the one way the application role may delete an
 *   account; what it accepted at sign-up stays as proof (versions, statement hash, time), with
 *   its IP address and browser removed and no link to the person;
 * - the address is crypto-shredded in the login audit trail: the trail keeps each attempt's
 *   time, IP address and outcome (the security record of the service), the sealed address in
 *   it no longer opens, and the chain, which hashed the sealed text, still verifies.
 */
export async function eraseAccountOf(sql: Queryable, encryption: FieldEncryption, scope: DataScope, email: string): Promise<AccountErasureResult> {
  const address = normaliseEmail(email);
  const accounts = await sql<{ id: string }[]>`
    SELECT id FROM auth_users WHERE tenant_id = ${scope.tenantId} AND environment = ${scope.environment} AND email = ${address}`;
  let accountDeleted = false;
  for (const account of accounts) {
    const [erased] = await sql<{ erased: boolean }[]>`SELECT erase_account(${scope.tenantId}, ${scope.environment}, ${account.id}) AS erased`;
    accountDeleted = Boolean(erased?.erased) || accountDeleted;
  }
  const loginAuditShredded = await shredLoginAuditEmail(sql, encryption, scope, address);
  return { accountDeleted, loginAuditShredded };
}
