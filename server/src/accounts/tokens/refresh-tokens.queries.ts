import { createHash, randomBytes } from 'node:crypto';
import type { Queryable } from '../../db/connection.ts';
import type { DataScope } from '../../tenants/data-scope.ts';
import { REFRESH_TOKEN_SECONDS } from './token-lifetimes.ts';

/** What a refresh token is bound to: the publishable key and the page origin it was handed to. */
export interface TokenBinding {
  apiKeyId: string;
  origin: string;
}

export interface StoredRefreshToken extends TokenBinding {
  familyId: string;
  userId: string;
  expired: boolean;
  replaced: boolean;
  revoked: boolean;
}

/** `rt_` + 256 random bits; only its SHA-256 is stored. */
export function newRefreshToken(): { token: string; hash: Buffer } {
  const token = `rt_${randomBytes(32).toString('base64url')}`;
  return { token, hash: hashRefreshToken(token) };
}

export function hashRefreshToken(token: string): Buffer {
  return createHash('sha256').update(token).digest();
}

export async function insertRefreshToken(sql: Queryable, scope: DataScope, hash: Buffer, row: TokenBinding & { familyId: string; userId: string }): Promise<void> {
  await sql`
    INSERT INTO auth_refresh_tokens (tenant_id, environment, token_hash, family_id, user_id, api_key_id, origin, expires_at)
    VALUES (${scope.tenantId}, ${scope.environment}, ${hash}, ${row.familyId}, ${row.userId}, ${row.apiKeyId}, ${row.origin},
            now() + make_interval(secs => ${REFRESH_TOKEN_SECONDS}))`;
}

export async function findRefreshToken(sql: Queryable, scope: DataScope, hash: Buffer): Promise<StoredRefreshToken | undefined> {
  const [row] = await sql<StoredRefreshToken[]>`
    SELECT family_id AS "familyId", user_id AS "userId", api_key_id AS "apiKeyId", origin,
           expires_at <= now() AS expired, replaced_at IS NOT NULL AS replaced, revoked_at IS NOT NULL AS revoked
    FROM auth_refresh_tokens
    WHERE tenant_id = ${scope.tenantId} AND environment = ${scope.environment} AND token_hash = ${hash}`;
  return row;
}

/**
 * Marks the token replaced, unless someone else did first (two refreshes of one token: only
 * one claims it). The row stays locked until the transaction ends.
 */
export async function claimForReplacement(sql: Queryable, scope: DataScope, hash: Buffer): Promise<boolean> {
  const claimed = await sql`
    UPDATE auth_refresh_tokens SET replaced_at = now()
    WHERE tenant_id = ${scope.tenantId} AND environment = ${scope.environment} AND token_hash = ${hash}
      AND replaced_at IS NULL AND revoked_at IS NULL`;
  return claimed.count === 1;
}

/** Ends every token of the family (sign-out, or a replaced token presented again). */
export async function revokeFamily(sql: Queryable, scope: DataScope, familyId: string): Promise<number> {
  const revoked = await sql`
    UPDATE auth_refresh_tokens SET revoked_at = now()
    WHERE tenant_id = ${scope.tenantId} AND environment = ${scope.environment} AND family_id = ${familyId} AND revoked_at IS NULL`;
  return revoked.count;
}

/**
 * Ends every refresh token of an account (disabled, signed out everywhere, new password);
 * answers how many sign-ins (families) still had a token that worked.
 */
export async function revokeUserTokens(sql: Queryable, scope: DataScope, userId: string): Promise<number> {
  const [row] = await sql<{ families: number }[]>`
    WITH revoked AS (
      UPDATE auth_refresh_tokens SET revoked_at = now()
      WHERE tenant_id = ${scope.tenantId} AND environment = ${scope.environment} AND user_id = ${userId} AND revoked_at IS NULL
      RETURNING family_id, replaced_at IS NULL AND expires_at > now() AS usable
    )
    SELECT count(DISTINCT family_id) FILTER (WHERE usable)::int AS families FROM revoked`;
  return row!.families;
}

export interface TokenSubject {
  id: string;
  role: string;
  email: string;
  emailVerified: boolean;
  disabled: boolean;
  /** A minor's account still waiting for a guardian's consent: no token until then. */
  awaitsGuardian: boolean;
}

export async function findTokenSubject(sql: Queryable, scope: DataScope, userId: string): Promise<TokenSubject | undefined> {
  const [row] = await sql<TokenSubject[]>`
    SELECT id, role, email, email_verified AS "emailVerified", disabled_at IS NOT NULL AS disabled,
      guardian_consent IS NOT DISTINCT FROM 'pending' AS "awaitsGuardian" FROM auth_users
    WHERE tenant_id = ${scope.tenantId} AND environment = ${scope.environment} AND id = ${userId}`;
  return row;
}
