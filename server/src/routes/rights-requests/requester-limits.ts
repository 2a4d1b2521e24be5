import type { Context } from 'hono';
import type { AppEnv } from '../../app-env.ts';
import { clientIp } from '../../http/client-ip.ts';

/**
 * Rate limits of the rights-request routes a requester calls, through the API's one limiter
 * (limits/rate-limits.ts; defaults and per-tenant values in limits/limit-policies.ts). Every
 * key is scoped to the tenant and environment. Counts go to the pool, outside the request's
 * transaction, so a refused request still counts.
 */

/**
 * A new request: per IP address, per email and per tenant. The email is counted by its blind
 * index (a keyed hash of the normalised address, never the address itself), and before
 * anything is looked up, so a known and an unknown address are counted and refused alike.
 */
export async function limitNewRightsRequest(c: Context<AppEnv>, emailIndex: Buffer): Promise<void> {
  const limits = c.get('rateLimits');
  const scope = c.get('scope');
  const tenant = `${scope.tenantId}:${scope.environment}`;
  const own = await limits.tenantLimits(c);
  const ip = clientIp(c);
  // All settle before a refusal is thrown: a count still running would add its fields to the
  // 429, which carries the refused limit's alone.
  const counted = await Promise.allSettled([
    ...(ip === undefined ? [] : [limits.consume(c, 'rights-ip', `${tenant}:${ip}`, own.rightsRequestsPerIpPerHour, 3_600)]),
    limits.consume(c, 'rights-email', `${tenant}:${emailIndex.toString('hex')}`, own.rightsRequestsPerEmailPerDay, 86_400),
    limits.consume(c, 'rights-tenant', tenant, own.rightsRequestsPerTenantPerHour, 3_600),
  ]);
  const refused = counted.find((result) => result.status === 'rejected');
  if (refused) throw refused.reason;
}

/** A requester's other calls (verify, status, cancel): per IP address, before the token is checked. */
export async function limitRequesterCall(c: Context<AppEnv>): Promise<void> {
  const ip = clientIp(c);
  if (ip === undefined) return; // in-process requests (tests) have no address
  const limits = c.get('rateLimits');
  const scope = c.get('scope');
  const { requesterCallsPerIpPerMinute } = await limits.tenantLimits(c);
  await limits.consume(c, 'requester-ip', `${scope.tenantId}:${scope.environment}:${ip}`, requesterCallsPerIpPerMinute, 60);
}

/**
 * A code sent again: under the address's daily limit of new requests (the same mailbox gets
 * mail either way) and at most once a minute per request, so a page cannot turn into a mailer.
 */
export async function limitCodeResend(c: Context<AppEnv>, requestId: string, emailIndex: Buffer): Promise<void> {
  const limits = c.get('rateLimits');
  const scope = c.get('scope');
  const tenant = `${scope.tenantId}:${scope.environment}`;
  const own = await limits.tenantLimits(c);
  await limits.consume(c, 'rights-resend', `${tenant}:${requestId}`, 1, 60);
  await limits.consume(c, 'rights-email', `${tenant}:${emailIndex.toString('hex')}`, own.rightsRequestsPerEmailPerDay, 86_400);
}
