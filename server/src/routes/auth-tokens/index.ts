import { Hono } from 'hono';
import type { TokenService } from '../../accounts/tokens/token-service.ts';
import type { SigningKeys } from '../../accounts/tokens/signing-keys.ts';
import { createRouter } from '../../http/router.ts';
import { authTokenHandlers } from './auth-tokens.handlers.ts';
import { refreshTokenRoute, revokeTokenRoute } from './auth-tokens.routes.ts';

/** `POST /v1/auth/token` and `POST /v1/auth/revoke`. */
export function authTokensRouter(tokens: TokenService) {
  const { refresh, revoke } = authTokenHandlers(tokens);
  return createRouter().openapi(refreshTokenRoute, refresh).openapi(revokeTokenRoute, revoke);
}

/** The public keys that verify access tokens (RFC 7517), for anyone: partners' servers fetch it. */
export function jwksRouter(signingKeys: SigningKeys) {
  return new Hono().get('/.well-known/jwks.json', async (c) => {
    c.header('Access-Control-Allow-Origin', '*');
    // Short: a rotation publishes its new key at once, and verifiers refetch on an unknown kid.
    c.header('Cache-Control', 'public, max-age=300');
    return c.json({ keys: await signingKeys.publicKeys() });
  });
}
