import { TokenPair, TokenRefresh, TokenRevocation } from '@porttask/sdk/schemas';
import { requireKey } from '../../auth/authenticate.ts';
import { apiRoute } from '../../openapi/operation.ts';
import { jsonBody, jsonResponse, publishableKeyAuth } from '../../openapi/responses.ts';

export const refreshTokenRoute = apiRoute({
  operationId: 'refreshAccessToken',
  method: 'post',
  path: '/v1/auth/token',
  tags: ['auth'],
  summary: 'Renew the access token',
  description:
    'Exchanges a refresh token for a new access token (5 minutes) and the **next** refresh token; the one sent stops working. ' +
    'Call it from the page the tokens were handed to: a refresh token works only with the publishable key and from the origin ' +
    'it was issued to. A refresh token that was already exchanged and is sent again revokes every token of its sign-in ' +
    '(someone copied it), and the login audit trail records `refresh_reused`. `<porttask-login>` does this for you; without it, ' +
    '`client.auth.refresh()` of `@porttask/sdk` does (it never repeats the call after a timeout, which could spend the token twice).',
  security: publishableKeyAuth,
  middleware: [requireKey('publishable')] as const,
  sdk: "const { accessToken, refreshToken } = await client.auth.refresh('rt_Q2hvb3NlIGEgcmFuZG9tIHRva2VuIGhlcmUgcGxlYXNlLg');",
  request: { body: jsonBody(TokenRefresh) },
  responses: {
    200: jsonResponse(TokenPair, 'The new access token and the next refresh token. Never cached (Cache-Control: no-store).'),
  },
});

export const revokeTokenRoute = apiRoute({
  operationId: 'revokeRefreshToken',
  method: 'post',
  path: '/v1/auth/revoke',
  tags: ['auth'],
  summary: 'Sign out',
  description:
    'Revokes the refresh token and every other token of its sign-in, so no new access token can be had with them; access ' +
    'tokens already issued expire within 5 minutes. An unknown or already revoked token changes nothing (`revoked: false`). ' +
    'Recorded in the login audit trail as `sign_out`.',
  security: publishableKeyAuth,
  middleware: [requireKey('publishable')] as const,
  sdk: "const { revoked } = await client.auth.revoke('rt_Q2hvb3NlIGEgcmFuZG9tIHRva2VuIGhlcmUgcGxlYXNlLg');",
  request: { body: jsonBody(TokenRefresh) },
  responses: {
    200: jsonResponse(TokenRevocation, 'Whether a sign-in ended.'),
  },
});
