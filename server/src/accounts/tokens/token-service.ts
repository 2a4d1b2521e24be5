import { randomBytes } from 'node:crypto';
import { SignJWT } from 'jose';
import type { Queryable, Sql } from '../../db/connection.ts';
import { ApiError } from '../../http/api-error.ts';
import type { LoginAuditTrail } from '../../login-audit/login-audit-trail.ts';
import type { DataScope } from '../../tenants/data-scope.ts';
import {
  claimForReplacement, findRefreshToken, findTokenSubject, hashRefreshToken, insertRefreshToken, newRefreshToken, revokeFamily,
  type TokenBinding, type TokenSubject,
} from './refresh-tokens.queries.ts';
import type { SigningKeys } from './signing-keys.ts';
import { ACCESS_TOKEN_SECONDS } from './token-lifetimes.ts';

export interface TokenPair {
  accessToken: string;
  refreshToken: string;
  tokenType: 'Bearer';
  /** Seconds until the access token expires. */
  expiresIn: number;
}

/** Who is asking, with the publishable key's own text: it is the access token's audience. */
export interface TokenRequest extends TokenBinding {
  publishableKey: string;
  ipAddress?: string | undefined;
  userAgent?: string | undefined;
}

const refused = () => new ApiError(401, 'INVALID_REFRESH_TOKEN', 'This refresh token is not valid (expired, revoked, or issued to another site): sign in again.');

/**
 * Access tokens and their rotating refresh tokens. A sign-in starts a family; each refresh
 * replaces the presented token with the next one of the family. A token presented after it
 * was replaced has been copied: the family is revoked (both copies stop working) and the
 * audit trail records `refresh_reused`.
 */
export class TokenService {
  constructor(
    private readonly pool: Sql,
    private readonly signingKeys: SigningKeys,
    private readonly loginAudit: LoginAuditTrail,
    /** The API's public URL: the tokens' `iss`. */
    readonly issuer: string,
  ) {}

  /** After a sign-in: a new family. */
  async issue(sql: Queryable, scope: DataScope, userId: string, request: TokenRequest): Promise<TokenPair> {
    const subject = await findTokenSubject(sql, scope, userId);
    if (!subject || subject.disabled || subject.awaitsGuardian) throw refused();
    return await this.#pair(sql, scope, subject, randomBytes(16).toString('base64url'), request);
  }

  async refresh(sql: Queryable, scope: DataScope, refreshToken: string, request: TokenRequest): Promise<TokenPair> {
    const hash = hashRefreshToken(refreshToken);
    const stored = await findRefreshToken(sql, scope, hash);
    if (!stored || stored.revoked || stored.expired || !sameBinding(stored, request)) throw refused();
    // Replaced already (or just now, by a refresh racing this one): two parties hold the token.
    if (stored.replaced || !(await claimForReplacement(sql, scope, hash))) {
      // Committed on the pool, not in the request's transaction (which rolls back with the 401);
      // this transaction holds no lock on the family's rows.
      await revokeFamily(this.pool, scope, stored.familyId);
      await this.loginAudit.append(scope, { outcome: 'refresh_reused', accountId: stored.userId, ipAddress: request.ipAddress, userAgent: request.userAgent });
      throw refused();
    }
    const subject = await findTokenSubject(sql, scope, stored.userId);
    if (!subject || subject.disabled || subject.awaitsGuardian) throw refused();
    return await this.#pair(sql, scope, subject, stored.familyId, request);
  }

  /** Sign-out: the family of the token ends. Unknown tokens change nothing (as RFC 7009 has it). */
  async revoke(sql: Queryable, scope: DataScope, refreshToken: string, request: TokenRequest): Promise<boolean> {
    const stored = await findRefreshToken(sql, scope, hashRefreshToken(refreshToken));
    if (!stored || stored.revoked || !sameBinding(stored, request)) return false;
    await revokeFamily(sql, scope, stored.familyId);
    await this.loginAudit.append(scope, { outcome: 'sign_out', accountId: stored.userId, ipAddress: request.ipAddress, userAgent: request.userAgent });
    return true;
  }

  async #pair(sql: Queryable, scope: DataScope, subject: TokenSubject, familyId: string, request: TokenRequest): Promise<TokenPair> {
    const next = newRefreshToken();
    await insertRefreshToken(sql, scope, next.hash, { familyId, userId: subject.id, apiKeyId: request.apiKeyId, origin: request.origin });
    return { accessToken: await this.#accessToken(scope, subject, request), refreshToken: next.token, tokenType: 'Bearer', expiresIn: ACCESS_TOKEN_SECONDS };
  }

  async #accessToken(scope: DataScope, subject: TokenSubject, request: TokenRequest): Promise<string> {
    const key = await this.signingKeys.current();
    return await new SignJWT({
      tenant: scope.tenantId,
      environment: scope.environment,
      azp: request.origin,
      role: subject.role,
      email: subject.email,
      email_verified: subject.emailVerified,
    })
      .setProtectedHeader({ alg: 'EdDSA', kid: key.kid, typ: 'at+jwt' })
      .setIssuer(this.issuer)
      .setSubject(subject.id)
      .setAudience(request.publishableKey)
      .setIssuedAt()
      .setExpirationTime(`${ACCESS_TOKEN_SECONDS}s`)
      .setJti(randomBytes(12).toString('base64url'))
      .sign(key.privateKey);
  }
}

function sameBinding(stored: TokenBinding, request: TokenBinding): boolean {
  return stored.apiKeyId === request.apiKeyId && stored.origin === request.origin;
}
