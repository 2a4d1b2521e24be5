import { Hono, type Context } from 'hono';
import type * as z from 'zod';
import { FramePassword, guardianIsSomeoneElse, ProfileFields, SignUpAcceptance, SignUpFields, TwoFactorCodeInput } from '@porttask/sdk/schemas';
import type { AppEnv } from '../../app-env.ts';
import { requestClientIp, type ScopedAuth } from '../../accounts/auth-instances.ts';
import { checkAcceptance, recordAcceptance, signUpTerms, underAge, type AcceptanceRecord, type SignUpTerms } from '../../accounts/sign-up-terms.ts';
import type { GuardianConsents } from '../../accounts/guardian/guardian-consents.ts';
import { GUARDIAN_CONSENT_PENDING, pendingSignUps, type PendingSignUp } from '../../accounts/guardian/pending-sign-up.ts';
import type { DataScope } from '../../tenants/data-scope.ts';
import { ApiError } from '../../http/api-error.ts';
import { clientIp } from '../../http/client-ip.ts';
import { limitPasswordCheck, PASSWORD_CHECK_PATHS } from '../../accounts/password-check-limits.ts';

const SIGN_UP = '/api/auth/sign-up/email';
const SignUpBody = SignUpFields.extend({ acceptance: SignUpAcceptance.optional() }).superRefine(guardianIsSomeoneElse);

/** Bounds better-auth does not check itself; without them a long value reached the database. */
const BOUNDED_INPUT: Record<string, z.ZodType> = {
  [SIGN_UP]: SignUpBody,
  '/api/auth/update-user': ProfileFields,
  '/api/auth/two-factor/enable': FramePassword.loose(),
  '/api/auth/two-factor/disable': FramePassword.loose(),
  '/api/auth/two-factor/verify-totp': TwoFactorCodeInput,
  '/api/auth/two-factor/verify-backup-code': TwoFactorCodeInput,
};

/**
 * better-auth's endpoints (`/api/auth/sign-up/email`, `/sign-in/email`, `/get-session`,
 * `/sign-out`, …) for the tenant environment of the publishable key that calls them. The
 * key was checked (and CORS answered) by the authenticate middleware before this. A sign-up
 * here accepts the tenant's policy and terms and passes its age gate, as in the login frame.
 */
export function authRouter(authFor: (scope: DataScope) => ScopedAuth, guardians?: GuardianConsents) {
  return new Hono<AppEnv>().on(['GET', 'POST'], '/api/auth/*', async (c) => {
    // A reset is asked for in the login frame and done on the set-password page (both of the
    // API's origin, rate-limited there); better-auth's own endpoints for it are not offered.
    if (/^\/api\/auth\/(?:request-password-reset|reset-password)(?:\/|$)/.test(c.req.path)) throw ApiError.notFound('This endpoint');
    if (c.req.method === 'POST' && PASSWORD_CHECK_PATHS.has(c.req.path.slice('/api/auth'.length))) await limitPasswordCheck(c, c.get('scope'));
    let body = c.req.method === 'POST' ? await c.req.arrayBuffer() : undefined;
    const input = body ? checkedInput(c.req.path, body) : undefined;
    let acceptance: AcceptanceRecord | undefined;
    let terms: SignUpTerms | undefined;
    let pending: PendingSignUp | undefined;
    if (c.req.path === SIGN_UP && input) {
      terms = await signUpTerms(c.get('sql'), c.get('scope'));
      acceptance = checkAcceptance(terms, (input as z.infer<typeof SignUpBody>).acceptance);
      if (acceptance.guardianEmail !== undefined && !guardians) throw underAge(terms.minimumAge);
      if (acceptance.guardianEmail !== undefined) pending = {};
      // better-auth gets the body as sent (its own optional fields too), without our part.
      const { acceptance: _ours, ...forBetterAuth } = JSON.parse(new TextDecoder().decode(body!)) as Record<string, unknown>;
      body = new TextEncoder().encode(JSON.stringify(forBetterAuth)).buffer as ArrayBuffer;
    }
    const request = new Request(c.req.url, { method: c.req.method, headers: c.req.raw.headers, body });
    requestClientIp.set(request, clientIp(c));
    if (pending) pendingSignUps.set(request, pending);
    const response = await authFor(c.get('scope')).handler(request);
    const answer = await response.arrayBuffer();
    if (acceptance && response.status === 200) await recordSignUp(c, answer, acceptance);
    // Below the age: better-auth made the account pending and refused it a session; the
    // guardian is asked, and the answer says the account waits (no cookie, no session).
    if (pending?.userId && acceptance?.guardianEmail && terms && response.status === 403 && errorCode(answer) === GUARDIAN_CONSENT_PENDING) {
      await recordAcceptance(c.get('sql'), c.get('scope'), pending.userId, acceptance, { ipAddress: clientIp(c), userAgent: c.req.header('User-Agent') });
      await guardians!.open(c.get('scope'), {
        userId: pending.userId, childEmail: (input as z.infer<typeof SignUpBody>).email.toLowerCase(), guardianEmail: acceptance.guardianEmail,
        locale: (input as z.infer<typeof SignUpBody>).acceptance!.locale, serviceOrigin: c.req.header('Origin') ?? new URL(c.req.url).origin, terms,
      });
      c.header('Cache-Control', 'no-store');
      return c.json({ status: 'guardian_consent_pending' as const }, 202);
    }
    for (const [name, value] of response.headers) if (name !== 'set-cookie') c.header(name, value);
    for (const cookie of response.headers.getSetCookie()) c.header('Set-Cookie', cookie, { append: true });
    return c.body(answer, response.status as 200);
  });
}

async function recordSignUp(c: Context<AppEnv>, answer: ArrayBuffer, acceptance: AcceptanceRecord): Promise<void> {
  const userId = (JSON.parse(new TextDecoder().decode(answer)) as { user?: { id?: string } }).user?.id;
  if (userId) await recordAcceptance(c.get('sql'), c.get('scope'), userId, acceptance, { ipAddress: clientIp(c), userAgent: c.req.header('User-Agent') });
}

function errorCode(answer: ArrayBuffer): string | undefined {
  try {
    return (JSON.parse(new TextDecoder().decode(answer)) as { code?: string }).code;
  } catch {
    return undefined;
  }
}

/** The parsed body, or a 422 in the one error shape; a body that is not JSON is better-auth's to refuse. */
function checkedInput(path: string, body: ArrayBuffer): unknown {
  const schema = BOUNDED_INPUT[path];
  if (!schema) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(new TextDecoder().decode(body));
  } catch {
    return undefined;
  }
  const result = schema.safeParse(parsed);
  if (!result.success) throw ApiError.fromZodIssues(result.error.issues);
  return result.data;
}
