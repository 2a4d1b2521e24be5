import { Hono, type Context } from 'hono';
import { FrameSignIn, FrameSignUp } from '@porttask/sdk/schemas';
import type { AppEnv } from '../../app-env.ts';
import type { ScopedAuth } from '../../accounts/auth-instances.ts';
import type { StaffTokens } from '../../auth/staff-tokens.ts';
import { checkAcceptance, recordAcceptance, signUpTerms, underAge } from '../../accounts/sign-up-terms.ts';
import type { GuardianConsents } from '../../accounts/guardian/guardian-consents.ts';
import { GUARDIAN_CONSENT_PENDING, pendingSignUps, type PendingSignUp } from '../../accounts/guardian/pending-sign-up.ts';
import type { TokenService } from '../../accounts/tokens/token-service.ts';
import type { Sql } from '../../db/connection.ts';
import { callBetterAuth, refusalOf } from '../../embed/better-auth-call.ts';
import { resolveEmbedTarget, type EmbedTarget } from '../../embed/embed-key.ts';
import { secondFactorAsked } from '../../embed/second-factor-challenge.ts';
import { loginAssets } from '../../embed/login-assets.ts';
import { loginPage, messagePage, refusedPage } from '../../embed/login-page.ts';
import { loginLocale, loginTexts } from '../../embed/login-texts.ts';
import { ApiError } from '../../http/api-error.ts';
import { clientIp } from '../../http/client-ip.ts';
import type { DataScope } from '../../tenants/data-scope.ts';
import { accountSecurityRoutes } from './account-security.ts';
import { frameTarget, parsed, scopeOf } from './frame-request.ts';

const IMMUTABLE = 'public, max-age=31536000, immutable';

/** better-auth's endpoints that end in a signed-in account (the frame answers them with tokens). */
export type SignInStep = '/sign-in/email' | '/sign-up/email' | '/two-factor/verify-totp' | '/two-factor/verify-backup-code';

/** The frame may be framed by its one verified origin; it loads only our own files. */
function frameCsp(parentOrigin: string | undefined): string {
  return [
    "default-src 'none'", "script-src 'self'", "style-src 'self'", "connect-src 'self'", "img-src 'self'",
    "form-action 'self'", "base-uri 'none'", `frame-ancestors ${parentOrigin ?? "'none'"}`,
  ].join('; ');
}

/**
 * `/embed/login`: the page of the API's origin where people type their credentials, framed by
 * `<porttask-login>` on a partner's page. See docs/accounts.md, "Embedding sign-in".
 */
export function embedRouter(dependencies: { pool: Sql; authFor: (scope: DataScope) => ScopedAuth; tokens: TokenService; staffTokens: StaffTokens; guardians?: GuardianConsents | undefined }) {
  const router = new Hono<AppEnv>();

  router.get('/embed/login', async (c) => {
    const locale = loginLocale(c.req.query('locale'));
    const texts = loginTexts(locale);
    const target = await resolveEmbedTarget(dependencies.pool, c.req.query('key'), c.req.query('origin'));
    c.header('Cache-Control', 'no-store');
    c.header('Cross-Origin-Resource-Policy', 'cross-origin');
    if (!target) {
      c.header('Content-Security-Policy', frameCsp(undefined));
      return c.html(await refusedPage(texts, locale), 403);
    }
    c.header('Content-Security-Policy', frameCsp(target.parentOrigin));
    const signUp = await signUpTerms(dependencies.pool, scopeOf(target));
    // Sign-up closed by the tenant: the frame offers sign-in only. `security`: a signed-in
    // person's account-security view (second-factor-page.ts).
    const requestedMode = c.req.query('mode');
    const mode = requestedMode === 'security' ? 'security' : requestedMode === 'sign-up' && signUp.open ? 'sign-up' : 'sign-in';
    return c.html(await loginPage({
      locale, texts, mode, parentOrigin: target.parentOrigin, publishableKey: target.publishableKey,
      signUp,
      assets: { script: loginAssets.script.path, style: loginAssets.style.path, resetScript: loginAssets.resetScript.path, secondFactorScript: loginAssets.secondFactorScript.path, securityScript: loginAssets.securityScript.path },
    }));
  });

  for (const asset of Object.values(loginAssets)) {
    router.get(asset.path, (c) => {
      c.header('Content-Type', asset.contentType);
      c.header('Cache-Control', IMMUTABLE);
      return c.body(asset.body);
    });
  }

  /** Runs one better-auth call for the frame and answers with a token pair for its page. */
  const signInAndIssue = async (c: Context<AppEnv>, target: EmbedTarget, path: SignInStep, body: unknown, afterSuccess?: (userId: string) => Promise<void>, locale?: string, cookie?: string) => {
    const scope = scopeOf(target);
    const answer = await callBetterAuth(c, dependencies.authFor(scope), path, body, { locale, cookie });
    // The password was right and the account has a second factor: the frame asks for the code.
    const asked = secondFactorAsked(answer);
    if (asked) {
      c.header('Cache-Control', 'no-store');
      return c.json(asked, 200);
    }
    const userId = (answer.body?.user as { id?: string } | undefined)?.id;
    // A refusal, GUARDIAN_CONSENT_PENDING (a minor's account) among them: no token.
    if (answer.status !== 200 || !userId) throw refusalOf(answer);
    await afterSuccess?.(userId);
    const pair = await dependencies.tokens.issue(dependencies.pool, scope, userId, {
      apiKeyId: target.key.id, publishableKey: target.publishableKey, origin: target.parentOrigin,
      ipAddress: clientIp(c), userAgent: c.req.header('User-Agent'),
    });
    c.header('Cache-Control', 'no-store');
    return c.json(pair, 200);
  };

  router.post('/embed/login/sign-in', async (c) => {
    const target = await frameTarget(c, dependencies.pool);
    const input = parsed(FrameSignIn, await c.req.json().catch(() => undefined));
    return await signInAndIssue(c, target, '/sign-in/email', input);
  });

  router.post('/embed/login/sign-up', async (c) => {
    const target = await frameTarget(c, dependencies.pool);
    const { acceptance, ...account } = parsed(FrameSignUp, await c.req.json().catch(() => undefined));
    const scope = scopeOf(target);
    // Before any account exists: an outdated acceptance, or an under-age one without a
    // guardian to ask, stores nothing.
    const terms = await signUpTerms(dependencies.pool, scope);
    const record = checkAcceptance(terms, acceptance);
    const request = { ipAddress: clientIp(c), userAgent: c.req.header('User-Agent') };
    if (record.guardianEmail === undefined) {
      return await signInAndIssue(c, target, '/sign-up/email', account, (userId) => recordAcceptance(dependencies.pool, scope, userId, record, request), acceptance.locale);
    }
    // Below the age: the account is made pending (no session, no token) and the guardian mailed.
    if (!dependencies.guardians) throw underAge(terms.minimumAge);
    const pending: PendingSignUp = {};
    const answer = await callBetterAuth(c, dependencies.authFor(scope), '/sign-up/email', account, { locale: acceptance.locale, onRequest: (made) => pendingSignUps.set(made, pending) });
    if (answer.status !== 403 || answer.body?.code !== GUARDIAN_CONSENT_PENDING || !pending.userId) throw refusalOf(answer);
    await recordAcceptance(dependencies.pool, scope, pending.userId, record, request);
    await dependencies.guardians.open(scope, {
      userId: pending.userId, childEmail: account.email.toLowerCase(), guardianEmail: record.guardianEmail, locale: acceptance.locale, serviceOrigin: target.parentOrigin, terms,
    });
    c.header('Cache-Control', 'no-store');
    return c.json({ status: 'guardian_consent_pending' }, 202);
  });

  accountSecurityRoutes(router, { ...dependencies, signInAndIssue });

  // The link of the verification mail: no key (a mail client sends none); the token is signed
  // with the named scope's secret, so a wrong tenant or environment only makes it fail.
  router.get('/embed/verify-email', async (c) => {
    const locale = loginLocale(c.req.query('locale') ?? c.req.header('Accept-Language')?.split(',')[0]);
    const texts = loginTexts(locale);
    const tenantId = c.req.query('tenant') ?? '';
    const environment = c.req.query('environment');
    const token = c.req.query('token') ?? '';
    c.header('Cache-Control', 'no-store');
    c.header('Content-Security-Policy', "default-src 'none'; style-src 'self'; frame-ancestors 'none'; base-uri 'none'");
    c.header('Referrer-Policy', 'no-referrer');
    let verified = false;
    if (/^ten_[0-9a-z]{20}$/.test(tenantId) && (environment === 'test' || environment === 'live') && token.length > 0 && token.length <= 2000) {
      const [tenant] = await dependencies.pool`SELECT 1 FROM tenants WHERE id = ${tenantId}`;
      if (tenant) {
        const answer = await callBetterAuth(c, dependencies.authFor({ tenantId, environment }), `/verify-email?${new URLSearchParams({ token })}`, undefined, { locale });
        verified = answer.status === 200 && answer.body?.status === true;
      }
    }
    return c.html(await messagePage(texts, locale, verified ? texts['verified.ok'] : texts['verified.failed'], loginAssets.style.path), verified ? 200 : 400);
  });
  return router;
}
