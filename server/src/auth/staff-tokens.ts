import type { KeyObject } from 'node:crypto';
import { errors as joseErrors, jwtVerify, type JWTHeaderParameters, type JWTPayload } from 'jose';
import { LRUCache } from 'lru-cache';
import type { Role } from '@porttask/sdk/schemas';
import type { Sql } from '../db/connection.ts';
import { ApiError } from '../http/api-error.ts';
import type { DataScope } from '../tenants/data-scope.ts';
import { publicKeyOf, type SigningKeys } from '../accounts/tokens/signing-keys.ts';
import { isOriginAllowed, parseApiKey, type AuthenticatedKey } from './api-keys.ts';

/** Who called with a staff access token: the account and its role now (not the token's, which may be 5 minutes old). */
export interface StaffCaller {
  accountId: string;
  role: Role;
}

/** The channel migration 056's trigger notifies on a change of an account's role or disabled state: "tenant:environment:id". */
export const ACCOUNTS_CHANNEL = 'porttask_accounts';
/** How long an account's role and state are reused; a change reaches every process at once through ACCOUNTS_CHANNEL. */
export const ACCOUNT_CACHE_MS = 1_000;
/** The published keys are read again this often (a rotation elsewhere), and at once for an unknown `kid`, at most every few seconds. */
const SIGNING_KEYS_CACHE_MS = 60_000;
const UNKNOWN_KID_RETRY_MS = 5_000;

/** Our access tokens are JWS compact serialisations; API keys never contain a dot. */
export function looksLikeAccessToken(bearer: string): boolean {
  return /^eyJ[\w-]*\.[\w-]+\.[\w-]+$/.test(bearer);
}

const invalid = (why: string) => new ApiError(401, 'INVALID_ACCESS_TOKEN', `This access token is not accepted: ${why}`);

/**
 * Checks a staff access token on a `/v1` request, locally: the EdDSA signature against the
 * deployment's signing keys, `iss`, `exp`; `aud` must be an existing, unrevoked publishable key
 * of the token's tenant and environment; `azp` must be the request's Origin and one of that
 * key's origins; the account must exist and not be disabled. What it answers is the key (for
 * CORS, rate limits, scope) and the account with its current role (for the role matrix).
 */
export class StaffTokens {
  #keys = new Map<string, KeyObject>();
  #keysReadAt = 0;
  #reading: Promise<void> | undefined;
  readonly #accounts = new LRUCache<string, { role: Role; disabled: boolean } | 'none'>({ max: 10_000, ttl: ACCOUNT_CACHE_MS });
  #listening: Promise<unknown> | undefined;

  constructor(
    private readonly signingKeys: SigningKeys,
    /** The API's public URL: the tokens' `iss`. */
    private readonly issuer: string,
  ) {}

  async verify(sql: Sql, token: string, origin: string | undefined, findKey: (publishableKey: string) => Promise<AuthenticatedKey>): Promise<{ key: AuthenticatedKey; staff: StaffCaller }> {
    // The pool is known from the first request on; a failed LISTEN is tried again on the next.
    this.#listening ??= sql.listen(ACCOUNTS_CHANNEL, (payload) => this.#accounts.delete(payload), () => this.#accounts.clear())
      .catch(() => { this.#listening = undefined; });
    const claims = await this.#verifySignature(token);
    const audience = typeof claims.aud === 'string' ? claims.aud : undefined;
    if (!audience || parseApiKey(audience)?.kind !== 'publishable') throw invalid('its audience is not a publishable key.');
    const key = await findKey(audience);
    if (key.tenantId !== claims.tenant || key.environment !== claims.environment) throw invalid('it names another tenant or environment than its key.');
    if (origin === undefined) throw invalid('send it from the page it was handed to (an Origin header is required).');
    if (claims.azp !== origin) throw invalid('it was handed to another site.');
    if (!isOriginAllowed(key, origin)) throw new ApiError(403, 'ORIGIN_NOT_ALLOWED', `The origin ${origin} is no longer allowed for this key.`);
    const scope: DataScope = { tenantId: key.tenantId, environment: key.environment };
    const account = await this.#account(sql, scope, claims.sub!);
    if (account === 'none' || account.disabled) throw invalid('the account is disabled or no longer exists.');
    return { key, staff: { accountId: claims.sub!, role: account.role } };
  }

  async #verifySignature(token: string): Promise<JWTPayload> {
    try {
      const { payload } = await jwtVerify(token, (header) => this.#publicKey(header), {
        issuer: this.issuer,
        algorithms: ['EdDSA'],
        typ: 'at+jwt',
        requiredClaims: ['sub', 'aud', 'exp', 'azp', 'tenant', 'environment'],
      });
      return payload;
    } catch (error) {
      if (error instanceof ApiError) throw error;
      if (error instanceof joseErrors.JWTExpired) throw new ApiError(401, 'ACCESS_TOKEN_EXPIRED', 'This access token has expired: renew it with the refresh token (POST /v1/auth/token).');
      throw invalid(error instanceof joseErrors.JOSEError ? `${error.code}.` : 'it is malformed.');
    }
  }

  async #publicKey(header: JWTHeaderParameters): Promise<KeyObject> {
    const kid = header.kid ?? '';
    const stale = Date.now() - this.#keysReadAt > SIGNING_KEYS_CACHE_MS;
    if (stale || (!this.#keys.has(kid) && Date.now() - this.#keysReadAt > UNKNOWN_KID_RETRY_MS)) {
      this.#reading ??= this.signingKeys.publicKeys().then((jwks) => {
        this.#keys = new Map(jwks.map((jwk) => [jwk.kid, publicKeyOf(jwk)]));
        this.#keysReadAt = Date.now();
      }).finally(() => { this.#reading = undefined; });
      await this.#reading;
    }
    const key = this.#keys.get(kid);
    if (!key) throw invalid('it is signed with a key this deployment does not publish.');
    return key;
  }

  async #account(sql: Sql, scope: DataScope, accountId: string): Promise<{ role: Role; disabled: boolean } | 'none'> {
    const cacheKey = `${scope.tenantId}:${scope.environment}:${accountId}`;
    let account = this.#accounts.get(cacheKey);
    if (account === undefined) {
      const [row] = await sql<{ role: Role; disabled: boolean }[]>`
        SELECT role, disabled_at IS NOT NULL AS disabled FROM auth_users
        WHERE tenant_id = ${scope.tenantId} AND environment = ${scope.environment} AND id = ${accountId}`;
      this.#accounts.set(cacheKey, (account = row ?? 'none'));
    }
    return account;
  }
}
