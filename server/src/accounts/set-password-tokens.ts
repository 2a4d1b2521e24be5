import { createHash, randomBytes } from 'node:crypto';
import type { Queryable, Sql } from '../db/connection.ts';
import type { DataScope } from '../tenants/data-scope.ts';
import { endSignIns } from './users.queries.ts';

/** A password-reset link works for an hour; an invitation's for 7 days. Both work once. */
export const RESET_LINK_SECONDS = 3_600;
export const INVITATION_LINK_DAYS = 7;

/**
 * A set-password token is better-auth's `reset-password:<token>` verification value (its
 * request-password-reset endpoint makes them for resets; invitations make theirs the same
 * way). better-auth is configured to store the identifier hashed (auth-instances.ts), so the
 * database holds SHA-256 of it, never a token that works.
 */
export const RESET_IDENTIFIER_PREFIX = 'reset-password:';

export function setPasswordIdentifier(token: string): string {
  return createHash('sha256').update(`${RESET_IDENTIFIER_PREFIX}${token}`).digest('base64url');
}

/** A new token (better-auth's are 24 characters; ours have 256 random bits) and its stored identifier. */
export function newSetPasswordToken(): { token: string; identifier: string } {
  const token = randomBytes(32).toString('base64url');
  return { token, identifier: setPasswordIdentifier(token) };
}

/** The link of a reset or invitation mail: the set-password page of the API's origin. */
export function setPasswordLink(baseUrl: string, scope: DataScope, token: string, locale: string): string {
  return `${baseUrl}/embed/reset-password?${new URLSearchParams({ tenant: scope.tenantId, environment: scope.environment, token, locale })}`;
}

/** A token of this scope that still works, and for whom: an account, and the invitation it carries if any. */
export interface SetPasswordTarget {
  userId: string;
  email: string;
  invitation: { id: string; role: string } | null;
}

export async function findSetPasswordTarget(sql: Queryable, scope: DataScope, token: string): Promise<SetPasswordTarget | undefined> {
  const [row] = await sql<{ userId: string; email: string; invitationId: string | null; role: string | null }[]>`
    SELECT u.id AS "userId", u.email, i.id AS "invitationId", i.role
    FROM auth_verifications v
    JOIN auth_users u ON u.tenant_id = v.tenant_id AND u.environment = v.environment AND u.id = v.value AND u.disabled_at IS NULL
    LEFT JOIN account_invitations i ON i.tenant_id = v.tenant_id AND i.environment = v.environment AND i.token_identifier = v.identifier
      AND i.accepted_at IS NULL AND i.revoked_at IS NULL
    WHERE v.tenant_id = ${scope.tenantId} AND v.environment = ${scope.environment}
      AND v.identifier = ${setPasswordIdentifier(token)} AND v.expires_at > now()`;
  if (!row) return undefined;
  return { userId: row.userId, email: row.email, invitation: row.invitationId ? { id: row.invitationId, role: row.role! } : null };
}

/**
 * Uses a set-password token, in one transaction: the token is consumed (a second use, or a
 * race, finds nothing), the password hash stored as better-auth's credential, the email
 * counted as verified (the link reached its mailbox), an invitation's role granted, and every
 * session and refresh token of the account ended. Undefined when the token does not work
 * (unknown, used, expired, revoked, another scope's, or its account disabled).
 */
export async function setPasswordWithToken(pool: Sql, scope: DataScope, token: string, passwordHash: string): Promise<SetPasswordTarget | undefined> {
  const identifier = setPasswordIdentifier(token);
  return await pool.begin(async (sql) => {
    const [consumed] = await sql<{ userId: string }[]>`
      DELETE FROM auth_verifications
      WHERE tenant_id = ${scope.tenantId} AND environment = ${scope.environment} AND identifier = ${identifier} AND expires_at > now()
      RETURNING value AS "userId"`;
    if (!consumed) return undefined;
    const [user] = await sql<{ email: string }[]>`
      SELECT email FROM auth_users
      WHERE tenant_id = ${scope.tenantId} AND environment = ${scope.environment} AND id = ${consumed.userId} AND disabled_at IS NULL
      FOR UPDATE`;
    if (!user) return undefined;
    const [invitation] = await sql<{ id: string; role: string }[]>`
      UPDATE account_invitations SET accepted_at = now()
      WHERE tenant_id = ${scope.tenantId} AND environment = ${scope.environment} AND token_identifier = ${identifier}
        AND accepted_at IS NULL AND revoked_at IS NULL
      RETURNING id, role`;
    await storeCredential(sql, scope, consumed.userId, passwordHash);
    await sql`
      UPDATE auth_users SET email_verified = true, role = coalesce(${invitation?.role ?? null}, role), updated_at = now()
      WHERE tenant_id = ${scope.tenantId} AND environment = ${scope.environment} AND id = ${consumed.userId}`;
    await endSignIns(sql, scope, consumed.userId);
    return { userId: consumed.userId, email: user.email, invitation: invitation ?? null };
  });
}

/** better-auth's email-and-password credential: one `credential` account row per user. */
async function storeCredential(sql: Queryable, scope: DataScope, userId: string, passwordHash: string): Promise<void> {
  const updated = await sql`
    UPDATE auth_accounts SET password = ${passwordHash}, updated_at = now()
    WHERE tenant_id = ${scope.tenantId} AND environment = ${scope.environment} AND user_id = ${userId} AND provider_id = 'credential'`;
  if (updated.count > 0) return;
  await sql`
    INSERT INTO auth_accounts (tenant_id, environment, id, user_id, account_id, provider_id, password)
    VALUES (${scope.tenantId}, ${scope.environment}, ${randomBytes(15).toString('base64url')}, ${userId}, ${userId}, 'credential', ${passwordHash})`;
}

/** Stores a set-password token as better-auth would (an invitation's, in the caller's transaction). */
export async function insertSetPasswordToken(sql: Queryable, scope: DataScope, userId: string, identifier: string, validSeconds: number): Promise<void> {
  await sql`
    INSERT INTO auth_verifications (tenant_id, environment, id, identifier, value, expires_at)
    VALUES (${scope.tenantId}, ${scope.environment}, ${randomBytes(15).toString('base64url')}, ${identifier}, ${userId}, now() + make_interval(secs => ${validSeconds}))`;
}

/** Makes a token stop working (an invitation revoked or replaced). */
export async function deleteSetPasswordToken(sql: Queryable, scope: DataScope, identifier: string): Promise<void> {
  await sql`DELETE FROM auth_verifications WHERE tenant_id = ${scope.tenantId} AND environment = ${scope.environment} AND identifier = ${identifier}`;
}
