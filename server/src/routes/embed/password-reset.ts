import { createHmac, hkdfSync } from 'node:crypto';
import { Hono, type Context } from 'hono';
import { FramePasswordResetRequest, SetPasswordForm } from '@porttask/sdk/schemas';
import type { AppEnv } from '../../app-env.ts';
import type { ScopedAuth } from '../../accounts/auth-instances.ts';
import { checkNewPassword } from '../../accounts/password-policy.ts';
import { findSetPasswordTarget, setPasswordWithToken } from '../../accounts/set-password-tokens.ts';
import type { Sql } from '../../db/connection.ts';
import { callBetterAuth } from '../../embed/better-auth-call.ts';
import { frameTarget, parsed, scopeOf } from './frame-request.ts';
import { loginAssets } from '../../embed/login-assets.ts';
import { loginLocale, loginTexts, type LoginTextKey } from '../../embed/login-texts.ts';
import { setPasswordPage, setPasswordResult } from '../../embed/set-password-page.ts';
import { setPasswordTexts } from '../../embed/set-password-texts.ts';
import { clientIp } from '../../http/client-ip.ts';
import type { Logger } from '../../logger.ts';
import type { DataScope } from '../../tenants/data-scope.ts';

/** Asking for links and setting passwords, from one IP address; links asked for one email address. */
export const RESET_LIMITS = { perIpPerHour: 20, perEmailPerHour: 5 } as const;

/** The set-password page runs no script and posts only to itself; nobody may frame it. */
const PAGE_CSP = "default-src 'none'; style-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

/**
 * Password reset: the login frame's "Forgot your password?" (`POST /embed/login/request-password-reset`)
 * and the set-password page its mail links to (`/embed/reset-password`), which also accepts
 * staff invitations. See docs/accounts.md, "Password reset".
 */
export function passwordResetRouter(dependencies: { pool: Sql; authFor: (scope: DataScope) => ScopedAuth; masterKey: Buffer; logger: Logger }) {
  const router = new Hono<AppEnv>();
  // Emails are counted by a keyed hash: the shared counters never hold an address.
  const emailKey = Buffer.from(hkdfSync('sha256', dependencies.masterKey, Buffer.from('porttask'), Buffer.from('accounts/reset-email-limit/1'), 32));

  router.post('/embed/login/request-password-reset', async (c) => {
    const target = await frameTarget(c, dependencies.pool);
    const input = parsed(FramePasswordResetRequest, await c.req.json().catch(() => undefined));
    const scope = scopeOf(target);
    const email = input.email.trim().toLowerCase();
    await limitResets(c, scope, createHmac('sha256', emailKey).update(email).digest('hex'));
    const ipAddress = clientIp(c);
    const userAgent = c.req.header('User-Agent');
    // The answer leaves before the work: it is the same, at the same time, whether or not the
    // email has an account (better-auth makes the token and queues the mail only if it does).
    void callBetterAuth(c, dependencies.authFor(scope), '/request-password-reset', { email }, { locale: input.locale })
      .then(async () => {
        const [account] = await dependencies.pool<{ id: string }[]>`
          SELECT id FROM auth_users WHERE tenant_id = ${scope.tenantId} AND environment = ${scope.environment} AND email = ${email}`;
        await c.get('loginAudit').append(scope, { outcome: 'reset_requested', email, accountId: account?.id, ipAddress, userAgent });
      })
      .catch((error: unknown) => dependencies.logger.error({ err: error, tenantId: scope.tenantId }, 'password reset request failed'));
    c.header('Cache-Control', 'no-store');
    return c.json({ status: 'sent' }, 202);
  });

  router.get('/embed/reset-password', async (c) => {
    const { locale, link } = pageRequest(c, c.req.query());
    if (!link) return invalid(c, locale);
    const target = await findSetPasswordTarget(dependencies.pool, scopeOfLink(link), link.token);
    if (!target) return invalid(c, locale);
    return c.html(await setPasswordPage({ locale, texts: setPasswordTexts(locale), target, link, style: loginAssets.style.path }));
  });

  router.post('/embed/reset-password', async (c) => {
    const fields = await c.req.parseBody().catch(() => ({}));
    const { locale, link, password } = pageRequest(c, fields as Record<string, unknown>);
    // A form of this origin only: another site cannot post a password for someone's link.
    if (c.req.header('Origin') !== new URL(c.req.url).origin || !link) return invalid(c, locale);
    const ip = clientIp(c);
    if (ip !== undefined) await c.get('rateLimits').consume(c, 'reset-ip', `${link.tenant}:${link.environment}:${ip}`, RESET_LIMITS.perIpPerHour, 3_600);
    const scope = scopeOfLink(link);
    const target = await findSetPasswordTarget(dependencies.pool, scope, link.token);
    if (!target) return invalid(c, locale);
    const refusal = checkNewPassword(password ?? '', { email: target.email });
    if (refusal) {
      const error = loginTexts(locale)[`error.${refusal.code}` as LoginTextKey];
      return c.html(await setPasswordPage({ locale, texts: setPasswordTexts(locale), target, link, error, style: loginAssets.style.path }), 422);
    }
    const hash = await (await dependencies.authFor(scope).$context).password.hash(password!);
    const done = await setPasswordWithToken(dependencies.pool, scope, link.token, hash);
    if (!done) return invalid(c, locale);
    await c.get('loginAudit').append(scope, {
      outcome: done.invitation ? 'invitation_accepted' : 'reset', accountId: done.userId, email: done.email, ipAddress: clientIp(c), userAgent: c.req.header('User-Agent'),
    });
    const texts = setPasswordTexts(locale);
    return c.html(await setPasswordResult(locale, done.invitation ? texts['title.invitation'] : texts['title.reset'], done.invitation ? texts['done.invitation'] : texts['done.reset'], loginAssets.style.path));
  });

  return router;
}

/** The link's parameters (from its query, or posted back by the form), checked; headers for every answer. */
function pageRequest(c: Context<AppEnv>, values: Record<string, unknown>) {
  c.header('Cache-Control', 'no-store');
  c.header('Content-Security-Policy', PAGE_CSP);
  // The token is in the URL: no other origin may see it; the form's post carries this Origin.
  c.header('Referrer-Policy', 'same-origin');
  const locale = loginLocale(typeof values.locale === 'string' ? values.locale : c.req.header('Accept-Language')?.split(',')[0]);
  const checked = SetPasswordForm.safeParse(values);
  return { locale, link: checked.success ? { tenant: checked.data.tenant, environment: checked.data.environment, token: checked.data.token } : undefined, password: checked.success ? checked.data.password : undefined };
}

const scopeOfLink = (link: { tenant: string; environment: 'test' | 'live' }): DataScope => ({ tenantId: link.tenant, environment: link.environment });

async function invalid(c: Context<AppEnv>, locale: ReturnType<typeof loginLocale>) {
  const texts = setPasswordTexts(locale);
  return c.html(await setPasswordResult(locale, texts['title.reset'], texts.invalid, loginAssets.style.path), 400);
}

/**
 * Per IP address and per email (counted whether or not it has an account, so a refusal says
 * nothing about it), through the API's one limiter, before anything is looked up.
 */
async function limitResets(c: Context<AppEnv>, scope: DataScope, emailHash: string): Promise<void> {
  const limits = c.get('rateLimits');
  const tenant = `${scope.tenantId}:${scope.environment}`;
  const ip = clientIp(c);
  if (ip !== undefined) await limits.consume(c, 'reset-ip', `${tenant}:${ip}`, RESET_LIMITS.perIpPerHour, 3_600);
  await limits.consume(c, 'reset-email', `${tenant}:${emailHash}`, RESET_LIMITS.perEmailPerHour, 3_600);
}
