/**
 * `@porttask/sdk/server`: what only a partner's server needs (it pulls in jose, which
 * browser bundles of the SDK never carry).
 */
export { AccessTokenError, verifyAccessToken, type AccessTokenClaims, type VerifyAccessTokenOptions } from './verify-access-token.ts';
