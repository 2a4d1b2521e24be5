/**
 * A partner's server checking the sign-in of <porttask-login>: the page sends the access
 * token from the `porttask-login` event as `Authorization: Bearer …`, and this server verifies
 * it with @porttask/sdk/server (EdDSA signature against the API's JWKS, expiry, issuer, your
 * publishable key as audience, your page's origin) before it trusts who is calling.
 *
 *   npm start                              # prints the demo publishable key
 *   PORTTASK_PUBLISHABLE_KEY=pk_test_… node --conditions=source --import tsx examples/node-sdk/verify-login-token.ts
 *   curl -H "Authorization: Bearer <access token>" http://localhost:8790/api/me
 *
 * With a token as the argument it verifies that one token, prints its claims and exits
 * (exit 1 when refused).
 */
import { createServer } from 'node:http';
import { AccessTokenError, verifyAccessToken } from '@porttask/sdk/server';

const publishableKey = process.env.PORTTASK_PUBLISHABLE_KEY;
if (!publishableKey) {
  console.error('Set PORTTASK_PUBLISHABLE_KEY to the key your page embeds (`npm start` prints the demo one).');
  process.exit(2);
}
const apiUrl = process.env.PORTTASK_API_URL ?? 'http://localhost:8787';
/** The origin of the page that embeds <porttask-login>: tokens handed to any other site are refused. */
const pageOrigin = process.env.PORTAL_ORIGIN ?? 'http://localhost:8788';

const verify = (token: string) => verifyAccessToken(token, { apiUrl, publishableKey, origin: pageOrigin });

const token = process.argv[2];
if (token) {
  try {
    console.log(JSON.stringify(await verify(token), null, 2));
  } catch (error) {
    console.error(`Refused: ${(error as Error).message}`);
    process.exit(1);
  }
} else {
  const port = Number(process.env.PARTNER_PORT ?? 8790);
  createServer(async (request, response) => {
    const bearer = /^Bearer (\S+)$/.exec(request.headers.authorization ?? '')?.[1];
    const answer = (status: number, body: unknown) => response.writeHead(status, { 'Content-Type': 'application/json' }).end(JSON.stringify(body));
    if (request.url !== '/api/me') return answer(404, { error: 'not found' });
    if (!bearer) return answer(401, { error: 'send the access token as Authorization: Bearer' });
    try {
      const claims = await verify(bearer);
      answer(200, { account: claims.sub, email: claims.email, role: claims.role, tenant: claims.tenant, environment: claims.environment });
    } catch (error) {
      if (error instanceof AccessTokenError) return answer(401, { error: error.code });
      answer(500, { error: 'verification failed' });
    }
  }).listen(port, () => console.log(`Partner server on http://localhost:${port}/api/me, trusting ${apiUrl} for ${pageOrigin}`));
}
