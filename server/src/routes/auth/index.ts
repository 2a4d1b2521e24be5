import { Hono } from 'hono';
import type { AppEnv } from '../../app-env.ts';
import { requestClientIp, type ScopedAuth } from '../../accounts/auth-instances.ts';
import type { DataScope } from '../../tenants/data-scope.ts';
import { clientIp } from '../../http/client-ip.ts';

/**
 * better-auth's endpoints (`/api/auth/sign-up/email`, `/sign-in/email`, `/get-session`,
 * `/sign-out`, …) for the tenant environment of the publishable key that calls them. The
 * key was checked (and CORS answered) by the authenticate middleware before this.
 */
export function authRouter(authFor: (scope: DataScope) => ScopedAuth) {
  return new Hono<AppEnv>().on(['GET', 'POST'], '/api/auth/*', async (c) => {
    const body = c.req.method === 'POST' ? await c.req.arrayBuffer() : undefined;
    const request = new Request(c.req.url, { method: c.req.method, headers: c.req.raw.headers, body });
    requestClientIp.set(request, clientIp(c));
    const response = await authFor(c.get('scope')).handler(request);
    for (const [name, value] of response.headers) if (name !== 'set-cookie') c.header(name, value);
    for (const cookie of response.headers.getSetCookie()) c.header('Set-Cookie', cookie, { append: true });
    return c.body(await response.arrayBuffer(), response.status as 200);
  });
}
