import type { Context } from 'hono';
import type { AppEnv } from '../app-env.ts';
import { requestClientIp, type ScopedAuth } from '../accounts/auth-instances.ts';
import { clientIp } from '../http/client-ip.ts';

export interface AuthAnswer {
  status: number;
  body: Record<string, unknown> | null;
}

/**
 * Runs one better-auth endpoint for the login frame exactly as `/api/auth` would (its hooks:
 * password policy, lockout, audit), as a request of the API's own origin. The frame holds no
 * session: better-auth's cookie is not passed on; the frame gets tokens instead.
 */
export async function callBetterAuth(c: Context<AppEnv>, auth: ScopedAuth, path: string, body: unknown): Promise<AuthAnswer> {
  const origin = new URL(c.req.url).origin;
  const request = new Request(`${origin}/api/auth${path}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Origin: origin, 'User-Agent': c.req.header('User-Agent') ?? '' },
    body: JSON.stringify(body),
  });
  requestClientIp.set(request, clientIp(c));
  const response = await auth.handler(request);
  const text = await response.text();
  let parsed: Record<string, unknown> | null = null;
  try {
    parsed = text ? (JSON.parse(text) as Record<string, unknown>) : null;
  } catch {
    parsed = null;
  }
  return { status: response.status, body: parsed };
}
