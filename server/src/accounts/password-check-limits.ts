import type { Context } from 'hono';
import type { AppEnv } from '../app-env.ts';
import { clientIp } from '../http/client-ip.ts';
import type { DataScope } from '../tenants/data-scope.ts';

/**
 * Calls that check a password (scrypt, tens of milliseconds of CPU each) or a second-factor
 * code. The general per-IP limit (3,000 a minute) is far more than a process can hash, so
 * these have their own, through the one limiter (shared by every API process): per IP address
 * (all tenants together, since the CPU is shared) and per tenant environment (a ceiling that
 * many addresses together cannot pass). A refused call never reaches better-auth: it is not a
 * failed sign-in for the lockout, is not audited, and answers the same for every email.
 */
export const PASSWORD_CHECK_LIMITS = { perIpPerMinute: 30, perTenantPerMinute: 600 } as const;

/** better-auth's endpoints (paths under /api/auth) that check a password or a code. */
export const PASSWORD_CHECK_PATHS: ReadonlySet<string> = new Set([
  '/sign-in/email', '/sign-up/email', '/change-password',
  '/two-factor/enable', '/two-factor/disable', '/two-factor/verify-totp', '/two-factor/verify-backup-code',
]);

/** Counts one password or code check; throws 429 RATE_LIMITED (Retry-After, RateLimit fields) when a limit is used up. */
export async function limitPasswordCheck(c: Context<AppEnv>, scope: DataScope): Promise<void> {
  const limits = c.get('rateLimits');
  if (!limits) return; // apps built without the limiter (unit tests of other parts)
  const ip = clientIp(c);
  const { signInIpPerMinute = PASSWORD_CHECK_LIMITS.perIpPerMinute, signInTenantPerMinute = PASSWORD_CHECK_LIMITS.perTenantPerMinute } = limits.settings;
  if (ip !== undefined) await limits.consume(c, 'sign-in-ip', ip, signInIpPerMinute, 60);
  await limits.consume(c, 'sign-in-tenant', `${scope.tenantId}:${scope.environment}`, signInTenantPerMinute, 60);
}
