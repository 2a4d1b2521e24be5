import type { Context } from 'hono';
import type { RouteHandler } from '@hono/zod-openapi';
import type { AppEnv } from '../../app-env.ts';
import type { TokenRequest, TokenService } from '../../accounts/tokens/token-service.ts';
import { clientIp } from '../../http/client-ip.ts';
import type { refreshTokenRoute, revokeTokenRoute } from './auth-tokens.routes.ts';

/** The binding a refresh token is checked against: this key, this page origin (none from a server). */
function tokenRequest(c: Context<AppEnv>): TokenRequest {
  return {
    apiKeyId: c.get('apiKey').id,
    publishableKey: c.req.header('X-PortTask-Key')!,
    origin: c.req.header('Origin') ?? '',
    ipAddress: clientIp(c),
    userAgent: c.req.header('User-Agent'),
  };
}

export function authTokenHandlers(tokens: TokenService) {
  const refresh: RouteHandler<typeof refreshTokenRoute, AppEnv> = async (c) => {
    const pair = await tokens.refresh(c.get('sql'), c.get('scope'), c.req.valid('json').refreshToken, tokenRequest(c));
    c.header('Cache-Control', 'no-store');
    return c.json(pair, 200);
  };
  const revoke: RouteHandler<typeof revokeTokenRoute, AppEnv> = async (c) => {
    const revoked = await tokens.revoke(c.get('sql'), c.get('scope'), c.req.valid('json').refreshToken, tokenRequest(c));
    return c.json({ revoked }, 200);
  };
  return { refresh, revoke };
}
