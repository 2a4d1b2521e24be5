import type { Queryable } from '../db/connection.ts';
import type { DataScope } from '../tenants/data-scope.ts';
import { revokeUserTokens } from './tokens/refresh-tokens.queries.ts';

export interface UserRow {
  id: string;
  email: string;
  name: string;
  role: 'owner' | 'admin' | 'privacy_officer' | 'operator' | 'member';
  emailVerified: boolean;
  disabled: boolean;
  guardianConsent: 'pending' | 'given' | null;
  createdAt: string;
}

const columns = (sql: Queryable) => sql`
  id, email, name, role, email_verified AS "emailVerified", disabled_at IS NOT NULL AS disabled, guardian_consent AS "guardianConsent",
  to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "createdAt"`;

/** A page of a scope's accounts in email order (the cursor is the last email). */
export async function listUsers(sql: Queryable, scope: DataScope, options: { role?: string; afterEmail?: string; limit: number }): Promise<UserRow[]> {
  return await sql<UserRow[]>`
    SELECT ${columns(sql)} FROM auth_users
    WHERE tenant_id = ${scope.tenantId} AND environment = ${scope.environment}
      ${options.role === undefined ? sql`` : sql`AND role = ${options.role}`}
      ${options.afterEmail === undefined ? sql`` : sql`AND email > ${options.afterEmail}`}
    ORDER BY email LIMIT ${options.limit}`;
}

export async function setUserRole(sql: Queryable, scope: DataScope, userId: string, role: string): Promise<UserRow | undefined> {
  const [row] = await sql<UserRow[]>`
    UPDATE auth_users SET role = ${role}, updated_at = now()
    WHERE tenant_id = ${scope.tenantId} AND environment = ${scope.environment} AND id = ${userId}
    RETURNING ${columns(sql)}`;
  return row;
}

/**
 * Disables an account and ends its sessions and refresh tokens at once, in the caller's
 * transaction: a page holding a refresh token gets 401 on its next renewal, not 14 days later.
 */
export async function disableUser(sql: Queryable, scope: DataScope, userId: string): Promise<UserRow | undefined> {
  const [row] = await sql<UserRow[]>`
    UPDATE auth_users SET disabled_at = coalesce(disabled_at, now()), updated_at = now()
    WHERE tenant_id = ${scope.tenantId} AND environment = ${scope.environment} AND id = ${userId}
    RETURNING ${columns(sql)}`;
  if (row) await endSignIns(sql, scope, userId);
  return row;
}

/** Ends every way an account is signed in: better-auth's sessions and the frame's refresh tokens. */
export async function endSignIns(sql: Queryable, scope: DataScope, userId: string): Promise<{ sessionsEnded: number; signInsRevoked: number }> {
  const sessions = await sql`DELETE FROM auth_sessions WHERE tenant_id = ${scope.tenantId} AND environment = ${scope.environment} AND user_id = ${userId}`;
  return { sessionsEnded: sessions.count, signInsRevoked: await revokeUserTokens(sql, scope, userId) };
}

export async function userExists(sql: Queryable, scope: DataScope, userId: string): Promise<boolean> {
  const [row] = await sql`
    SELECT 1 FROM auth_users WHERE tenant_id = ${scope.tenantId} AND environment = ${scope.environment} AND id = ${userId}`;
  return row !== undefined;
}

export async function isUserDisabled(sql: Queryable, scope: DataScope, userId: string): Promise<boolean> {
  const [row] = await sql<{ disabled: boolean }[]>`
    SELECT disabled_at IS NOT NULL AS disabled FROM auth_users
    WHERE tenant_id = ${scope.tenantId} AND environment = ${scope.environment} AND id = ${userId}`;
  return row?.disabled ?? false;
}
