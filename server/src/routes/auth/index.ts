import { Hono } from 'hono';
import type * as z from 'zod';
import { ProfileFields, SignUpFields } from '@porttask/sdk/schemas';
import type { AppEnv } from '../../app-env.ts';
import { requestClientIp, type ScopedAuth } from '../../accounts/auth-instances.ts';
import type { DataScope } from '../../tenants/data-scope.ts';
import { ApiError } from '../../http/api-error.ts';
import { clientIp } from '../../http/client-ip.ts';

/** Bounds better-auth does not check itself; without them a long value reached the database. */
const BOUNDED_INPUT: Record<string, z.ZodType> = {
  '/api/auth/sign-up/email': SignUpFields,
  '/api/auth/update-user': ProfileFields,
};

/**
 * better-auth's endpoints (`/api/auth/sign-up/email`, `/sign-in/email`, `/get-session`,
 * `/sign-out`, …) for the tenant environment of the publishable key that calls them. The
 * key was checked (and CORS answered) by the authenticate middleware before this.
 */
export function authRouter(authFor: (scope: DataScope) => ScopedAuth) {
  return new Hono<AppEnv>().on(['GET', 'POST'], '/api/auth/*', async (c) => {
    const body = c.req.method === 'POST' ? await c.req.arrayBuffer() : undefined;
    if (body) refuseOversized(c.req.path, body);
    const request = new Request(c.req.url, { method: c.req.method, headers: c.req.raw.headers, body });
    requestClientIp.set(request, clientIp(c));
    const response = await authFor(c.get('scope')).handler(request);
    for (const [name, value] of response.headers) if (name !== 'set-cookie') c.header(name, value);
    for (const cookie of response.headers.getSetCookie()) c.header('Set-Cookie', cookie, { append: true });
    return c.body(await response.arrayBuffer(), response.status as 200);
  });
}

/** 422 in the one error shape; a body that is not JSON is better-auth's to refuse. */
function refuseOversized(path: string, body: ArrayBuffer): void {
  const schema = BOUNDED_INPUT[path];
  if (!schema) return;
  let parsed: unknown;
  try {
    parsed = JSON.parse(new TextDecoder().decode(body));
  } catch {
    return;
  }
  const result = schema.safeParse(parsed);
  if (result.success) return;
  throw ApiError.fromZodIssues(result.error.issues);
}
