import type { Context } from 'hono';
import type { AppEnv } from '../app-env.ts';
import { requestClientIp, scopeOfAuth, type ScopedAuth } from '../accounts/auth-instances.ts';
import { limitPasswordCheck, PASSWORD_CHECK_PATHS } from '../accounts/password-check-limits.ts';
import type { ErrorCode } from '@porttask/sdk/schemas';
import { ApiError } from '../http/api-error.ts';
import { clientIp } from '../http/client-ip.ts';

export interface AuthAnswer {
  status: number;
  body: Record<string, unknown> | null;
  /** better-auth's cookies as `name=value` pairs (the pending second factor travels in one). */
  cookies: string[];
}

/**
 * Runs one better-auth endpoint for the login frame exactly as `/api/auth` would (its hooks:
 * password policy, lockout, audit), as a request of the API's own origin. The frame holds no
 * session: better-auth's cookie is not passed on; the frame gets tokens instead (and, between
 * a sign-in's two steps, the pending second factor's signed value as an opaque challenge).
 */
export async function callBetterAuth(c: Context<AppEnv>, auth: ScopedAuth, path: string, body: unknown, options: { locale?: string; cookie?: string; onRequest?: (request: Request) => void } = {}): Promise<AuthAnswer> {
  // A password or code check counts against the sign-in limits before better-auth sees it.
  const scope = scopeOfAuth.get(auth);
  if (body !== undefined && scope && PASSWORD_CHECK_PATHS.has(path)) await limitPasswordCheck(c, scope);
  const origin = new URL(c.req.url).origin;
  const headers: Record<string, string> = { Origin: origin, 'User-Agent': c.req.header('User-Agent') ?? '', 'Accept-Language': options.locale ?? 'en', ...(options.cookie ? { Cookie: options.cookie } : {}) };
  const request = new Request(`${origin}/api/auth${path}`, body === undefined
    ? { method: 'GET', headers }
    : { method: 'POST', headers: { ...headers, 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
  requestClientIp.set(request, clientIp(c));
  options.onRequest?.(request);
  const response = await auth.handler(request);
  const text = await response.text();
  let parsed: Record<string, unknown> | null = null;
  try {
    parsed = text ? (JSON.parse(text) as Record<string, unknown>) : null;
  } catch {
    parsed = null;
  }
  const cookies = response.headers.getSetCookie().map((cookie) => cookie.split(';')[0]!).filter((pair) => !pair.endsWith('='));
  return { status: response.status, body: parsed, cookies };
}

/** better-auth's refusal (INVALID_EMAIL_OR_PASSWORD, PASSWORD_WEAK, …) in our error shape. */
export function refusalOf(answer: AuthAnswer): ApiError {
  const code = typeof answer.body?.code === 'string' ? answer.body.code : 'BAD_REQUEST';
  const message = typeof answer.body?.message === 'string' ? answer.body.message : 'The request was refused.';
  return new ApiError((answer.status >= 400 && answer.status < 500 ? answer.status : 400) as 400, code as ErrorCode, message);
}
