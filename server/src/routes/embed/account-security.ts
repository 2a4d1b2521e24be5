import type { Context, Hono } from 'hono';
import { FramePassword, FramePasswordChange, FrameSecondFactor, FrameTotpCode, type ErrorCode } from '@porttask/sdk/schemas';
import type { AppEnv } from '../../app-env.ts';
import type { ScopedAuth } from '../../accounts/auth-instances.ts';
import type { TokenService } from '../../accounts/tokens/token-service.ts';
import type { StaffTokens } from '../../auth/staff-tokens.ts';
import type { Sql } from '../../db/connection.ts';
import { withAccountSession } from '../../embed/account-session.ts';
import { callBetterAuth, type AuthAnswer } from '../../embed/better-auth-call.ts';
import type { EmbedTarget } from '../../embed/embed-key.ts';
import { challengeCookie } from '../../embed/second-factor-challenge.ts';
import { ApiError } from '../../http/api-error.ts';
import { clientIp } from '../../http/client-ip.ts';
import type { DataScope } from '../../tenants/data-scope.ts';
import { frameTarget, parsed, scopeOf } from './frame-request.ts';
import type { SignInStep } from './index.ts';

interface SecurityDependencies {
  pool: Sql;
  authFor: (scope: DataScope) => ScopedAuth;
  staffTokens: StaffTokens;
  tokens: TokenService;
  signInAndIssue: (c: Context<AppEnv>, target: EmbedTarget, path: SignInStep, body: unknown, afterSuccess?: undefined, locale?: undefined, cookie?: string) => Promise<Response>;
}

/**
 * The login frame's second factor: the code step of a sign-in (`/embed/login/second-factor`)
 * and the account-security view (`/embed/login/security/*`), where a signed-in person turns
 * TOTP on or off and changes the password. The view proves who is asking with the access token its element handed it
 * (issued to this key and page); the secret and backup codes are shown in the frame only,
 * never to the partner's page.
 */
export function accountSecurityRoutes(router: Hono<AppEnv>, dependencies: SecurityDependencies): void {
  router.post('/embed/login/second-factor', async (c) => {
    const target = await frameTarget(c, dependencies.pool);
    const input = parsed(FrameSecondFactor, await c.req.json().catch(() => undefined));
    const cookie = challengeCookie(input.challenge);
    if (!cookie) throw new ApiError(401, 'INVALID_TWO_FACTOR_COOKIE' as ErrorCode, 'This sign-in has expired: enter the password again.');
    const path = input.method === 'totp' ? '/two-factor/verify-totp' : '/two-factor/verify-backup-code';
    return await dependencies.signInAndIssue(c, target, path, { code: input.code }, undefined, undefined, cookie);
  });

  /** Whom the view acts for: the account of the access token, issued to this key and page. */
  const signedIn = async (c: Context<AppEnv>) => {
    const target = await frameTarget(c, dependencies.pool);
    const scope = scopeOf(target);
    const token = /^Bearer ([\w.-]{1,4000})$/.exec(c.req.header('Authorization') ?? '')?.[1];
    // The token must have been handed to this page (azp) for this key (aud), its account enabled.
    const caller = token && (await dependencies.staffTokens.verify(dependencies.pool, token, target.parentOrigin, async (audience) => {
      if (audience !== target.publishableKey) throw new ApiError(401, 'SIGN_IN_REQUIRED' as ErrorCode, 'This access token was issued to another key.');
      return target.key;
    }).catch(() => undefined));
    const userId = caller ? caller.staff.accountId : undefined;
    if (!userId) throw new ApiError(401, 'SIGN_IN_REQUIRED' as ErrorCode, 'Sign in again to change the account\'s security.');
    c.header('Cache-Control', 'no-store');
    return { target, scope, userId, auth: dependencies.authFor(scope) };
  };

  router.post('/embed/login/security/status', async (c) => {
    const { scope, userId } = await signedIn(c);
    const [row] = await dependencies.pool<{ two_factor_enabled: boolean; email: string }[]>`
      SELECT two_factor_enabled, email FROM auth_users WHERE tenant_id = ${scope.tenantId} AND environment = ${scope.environment} AND id = ${userId}`;
    // The email fills the password form's hidden username, for password managers.
    return c.json({ secondFactor: row?.two_factor_enabled === true, email: row?.email ?? '' });
  });

  // Enabling answers the secret (as text and as an otpauth:// link) and the backup codes; the
  // factor is on once the first code confirms it.
  router.post('/embed/login/security/enable', async (c) => {
    const { userId, auth } = await signedIn(c);
    const { password } = parsed(FramePassword, await c.req.json().catch(() => undefined));
    const answer = refusedUnlessOk(await withAccountSession(auth, userId, (cookie) => callBetterAuth(c, auth, '/two-factor/enable', { password }, { cookie })));
    const uri = String(answer.totpURI);
    return c.json({ uri, secret: new URL(uri).searchParams.get('secret'), backupCodes: answer.backupCodes });
  });

  router.post('/embed/login/security/confirm', async (c) => {
    const { userId, auth } = await signedIn(c);
    const { code } = parsed(FrameTotpCode, await c.req.json().catch(() => undefined));
    refusedUnlessOk(await withAccountSession(auth, userId, (cookie) => callBetterAuth(c, auth, '/two-factor/verify-totp', { code }, { cookie })));
    return c.json({ secondFactor: true });
  });

  router.post('/embed/login/security/disable', async (c) => {
    const { userId, auth } = await signedIn(c);
    const { password } = parsed(FramePassword, await c.req.json().catch(() => undefined));
    refusedUnlessOk(await withAccountSession(auth, userId, (cookie) => callBetterAuth(c, auth, '/two-factor/disable', { password }, { cookie })));
    return c.json({ secondFactor: false });
  });

  // better-auth's change-password, with its hooks: the sign-up's password policy, and then
  // every session and refresh token of the account ends (whoever knew the old password is
  // out) and the trail records `password_changed`. The page that asked goes on with a new
  // sign-in: the answer is a token pair, which the frame hands to its element.
  router.post('/embed/login/security/password', async (c) => {
    const { target, scope, userId, auth } = await signedIn(c);
    const { currentPassword, newPassword } = parsed(FramePasswordChange, await c.req.json().catch(() => undefined));
    refusedUnlessOk(await withAccountSession(auth, userId, (cookie) => callBetterAuth(c, auth, '/change-password', { currentPassword, newPassword }, { cookie })));
    return c.json(await dependencies.tokens.issue(dependencies.pool, scope, userId, {
      apiKeyId: target.key.id, publishableKey: target.publishableKey, origin: target.parentOrigin,
      ipAddress: clientIp(c), userAgent: c.req.header('User-Agent'),
    }), 200);
  });
}

/** better-auth's answer, or its refusal (INVALID_PASSWORD, INVALID_CODE, …) in our error shape. */
function refusedUnlessOk(answer: AuthAnswer): Record<string, unknown> {
  if (answer.status === 200 && answer.body) return answer.body;
  const code = typeof answer.body?.code === 'string' ? answer.body.code : 'BAD_REQUEST';
  const message = typeof answer.body?.message === 'string' ? answer.body.message : 'The request was refused.';
  throw new ApiError((answer.status >= 400 && answer.status < 500 ? answer.status : 400) as 400, code as ErrorCode, message);
}
