import { createRemoteJWKSet, errors, jwtVerify, type JWTPayload } from 'jose';

/** The claims of a PortTask access token, as `verifyAccessToken` returns them. */
export interface AccessTokenClaims extends JWTPayload {
  /** The account's id in its tenant environment. */
  sub: string;
  tenant: string;
  environment: 'test' | 'live';
  /** The publishable key the token was issued for. */
  aud: string;
  /** The origin of the page the token was handed to. */
  azp: string;
  role: 'owner' | 'admin' | 'privacy_officer' | 'operator' | 'member';
  email: string;
  email_verified: boolean;
}

export interface VerifyAccessTokenOptions {
  /** The API's URL (`https://api.porttask.example`): the JWKS is at `/.well-known/jwks.json`, and it is the `iss`. */
  apiUrl?: string;
  /** Where the keys are, when not under `apiUrl` (then `issuer` should be given too). */
  jwksUrl?: string;
  /** The expected `iss`; defaults to `apiUrl`'s origin. */
  issuer?: string;
  /** Your publishable key: a token issued for another key (another tenant, or test vs live) is refused. */
  publishableKey: string;
  /** Your page's origin: a token handed to another site is refused. */
  origin?: string;
  /** Seconds of clock difference tolerated (default 30). */
  clockToleranceSeconds?: number;
}

export class AccessTokenError extends Error {
  constructor(message: string, readonly code: string) {
    super(message);
    this.name = 'AccessTokenError';
  }
}

// One key set per URL, shared: jose caches the keys and refetches on an unknown key id.
const keySets = new Map<string, ReturnType<typeof createRemoteJWKSet>>();

/**
 * Verifies an access token from `<porttask-login>` on your server: signature (EdDSA, against
 * the API's published keys), expiry, issuer, audience (your publishable key) and, when given,
 * the origin it was handed to. Returns the claims, or throws `AccessTokenError`.
 *
 *   const claims = await verifyAccessToken(token, { apiUrl, publishableKey: 'pk_live_…', origin: 'https://portal.example' });
 */
export async function verifyAccessToken(token: string, options: VerifyAccessTokenOptions): Promise<AccessTokenClaims> {
  const apiOrigin = options.apiUrl ? new URL(options.apiUrl).origin : undefined;
  const jwksUrl = options.jwksUrl ?? (apiOrigin ? `${apiOrigin}/.well-known/jwks.json` : undefined);
  const issuer = options.issuer ?? apiOrigin;
  if (!jwksUrl || !issuer) throw new TypeError('verifyAccessToken needs apiUrl, or jwksUrl and issuer.');
  let keySet = keySets.get(jwksUrl);
  if (!keySet) keySets.set(jwksUrl, (keySet = createRemoteJWKSet(new URL(jwksUrl))));
  try {
    const { payload } = await jwtVerify(token, keySet, {
      algorithms: ['EdDSA'],
      issuer,
      audience: options.publishableKey,
      typ: 'at+jwt',
      clockTolerance: options.clockToleranceSeconds ?? 30,
      requiredClaims: ['sub', 'exp', 'tenant', 'environment', 'azp'],
    });
    if (options.origin !== undefined && payload.azp !== options.origin) {
      throw new AccessTokenError(`The token was issued to ${String(payload.azp)}, not ${options.origin}.`, 'ORIGIN_MISMATCH');
    }
    return payload as AccessTokenClaims;
  } catch (error) {
    if (error instanceof AccessTokenError) throw error;
    if (error instanceof errors.JOSEError) throw new AccessTokenError(error.message, error.code);
    throw error;
  }
}
