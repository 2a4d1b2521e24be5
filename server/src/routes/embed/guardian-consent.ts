import { Hono, type Context } from 'hono';
import { FrameGuardianResend, GuardianConsentForm } from '@porttask/sdk/schemas';
import type { AppEnv } from '../../app-env.ts';
import type { ScopedAuth } from '../../accounts/auth-instances.ts';
import { GUARDIAN_MAILS_PER_DAY, type GuardianConsents } from '../../accounts/guardian/guardian-consents.ts';
import { GUARDIAN_CONSENT_PENDING } from '../../accounts/guardian/pending-sign-up.ts';
import type { Sql } from '../../db/connection.ts';
import { callBetterAuth, refusalOf } from '../../embed/better-auth-call.ts';
import { guardianPage } from '../../embed/guardian-page.ts';
import { guardianPageTexts } from '../../embed/guardian-page-texts.ts';
import { loginAssets } from '../../embed/login-assets.ts';
import { loginLocale, type LoginLocale } from '../../embed/login-texts.ts';
import { setPasswordResult } from '../../embed/set-password-page.ts';
import { ApiError } from '../../http/api-error.ts';
import { clientIp } from '../../http/client-ip.ts';
import type { DataScope } from '../../tenants/data-scope.ts';
import { frameTarget, parsed, scopeOf } from './frame-request.ts';

/** Answers posted from one IP address per hour (a guessed link is refused by its signature before this counts much). */
export const GUARDIAN_PAGE_POSTS_PER_IP_PER_HOUR = 20;

/** The guardian page runs no script and posts only to itself; nobody may frame it. */
const PAGE_CSP = "default-src 'none'; style-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

/**
 * Guardian consent for a minor's account (docs/accounts.md, "Accounts of minors"): the page a
 * guardian mail links to (`/embed/guardian-consent`, top-level, of the API's origin), and the
 * login frame's "email my parent or guardian again" (`POST /embed/login/guardian-mail`).
 */
export function guardianConsentRouter(dependencies: { pool: Sql; authFor: (scope: DataScope) => ScopedAuth; guardians: GuardianConsents }) {
  const router = new Hono<AppEnv>();
  const { guardians } = dependencies;

  router.get('/embed/guardian-consent', async (c) => {
    const { locale, form } = pageRequest(c, c.req.query());
    if (!form) return await invalid(c, locale);
    const request = await guardians.find(scopeOfLink(form), form.token);
    if (!request) return await invalid(c, locale);
    return c.html(await guardianPage({ locale, texts: guardianPageTexts(locale), request, link: form, style: loginAssets.style.path }));
  });

  router.post('/embed/guardian-consent', async (c) => {
    const fields = await c.req.parseBody().catch(() => ({}));
    const { locale, form } = pageRequest(c, fields as Record<string, unknown>);
    // A form of this origin only: another site cannot post an answer for someone's link.
    if (c.req.header('Origin') !== new URL(c.req.url).origin || !form || !form.decision) return await invalid(c, locale);
    const ip = clientIp(c);
    if (ip !== undefined) await c.get('rateLimits').consume(c, 'guardian-ip', `${form.tenant}:${form.environment}:${ip}`, GUARDIAN_PAGE_POSTS_PER_IP_PER_HOUR, 3_600);
    const scope = scopeOfLink(form);
    const request = await guardians.find(scope, form.token);
    if (!request) return await invalid(c, locale);
    const texts = guardianPageTexts(locale);
    const guardianName = (form.guardianName ?? '').trim();
    const declared = form.declared === 'on';
    const error = !declared ? { field: 'declared' as const, message: texts['error.declared'] } : guardianName.length === 0 ? { field: 'name' as const, message: texts['error.name'] } : undefined;
    if (error) {
      return c.html(await guardianPage({ locale, texts, request, link: form, typed: { declared, guardianName }, error, style: loginAssets.style.path }), 422);
    }
    const decided = await guardians.decide(scope, form.token, { decision: form.decision, guardianName, locale, ipAddress: ip, userAgent: c.req.header('User-Agent') });
    if (!decided) return await invalid(c, locale);
    return c.html(await setPasswordResult(locale, texts['done.title'], decided === 'consent' ? texts['done.consent'] : texts['done.refuse'], loginAssets.style.path));
  });

  // The frame's "send again": the account's password proves who asks (better-auth answers
  // GUARDIAN_CONSENT_PENDING only after it was right); a wrong one gets the usual refusal.
  router.post('/embed/login/guardian-mail', async (c) => {
    const target = await frameTarget(c, dependencies.pool);
    const input = parsed(FrameGuardianResend, await c.req.json().catch(() => undefined));
    const scope = scopeOf(target);
    const answer = await callBetterAuth(c, dependencies.authFor(scope), '/sign-in/email', { email: input.email, password: input.password }, { locale: input.locale });
    if (answer.status === 200) {
      // Consent came meanwhile: the session made for this check is not used.
      const token = typeof answer.body?.token === 'string' ? answer.body.token : undefined;
      if (token) await (await dependencies.authFor(scope).$context).internalAdapter.deleteSession(token);
      throw new ApiError(409, 'CONFLICT', 'This account does not wait for a guardian any more: sign in.');
    }
    if (answer.status !== 403 || answer.body?.code !== GUARDIAN_CONSENT_PENDING) throw refusalOf(answer);
    const [account] = await dependencies.pool<{ id: string }[]>`
      SELECT id FROM auth_users WHERE tenant_id = ${scope.tenantId} AND environment = ${scope.environment} AND email = ${input.email.trim().toLowerCase()}`;
    if (!account) throw refusalOf(answer);
    await c.get('rateLimits').consume(c, 'guardian-mail', `${scope.tenantId}:${scope.environment}:${account.id}`, GUARDIAN_MAILS_PER_DAY, 86_400);
    await guardians.resend(scope, account.id);
    c.header('Cache-Control', 'no-store');
    return c.json({ status: 'guardian_consent_pending' }, 202);
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
  const checked = GuardianConsentForm.safeParse(values);
  return { locale, form: checked.success ? checked.data : undefined };
}

const scopeOfLink = (link: { tenant: string; environment: 'test' | 'live' }): DataScope => ({ tenantId: link.tenant, environment: link.environment });

async function invalid(c: Context<AppEnv>, locale: LoginLocale) {
  const texts = guardianPageTexts(locale);
  return c.html(await setPasswordResult(locale, texts.title, texts.invalid, loginAssets.style.path), 400);
}
