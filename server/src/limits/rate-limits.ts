import type { Context, MiddlewareHandler } from 'hono';
import type { AppEnv } from '../app-env.ts';
import type { Sql } from '../db/connection.ts';
import { ApiError } from '../http/api-error.ts';
import { appendAnswerHeader } from '../http/answer-headers.ts';
import { clientIp } from '../http/client-ip.ts';
import { exposeErrorTo } from '../auth/authenticate.ts';
import { CounterStore, type Count } from './counter-store.ts';
import { DEFAULT_TENANT_LIMITS, tenantLimits, type TenantLimits } from './limit-policies.ts';

export interface RateLimitSettings {
  /** Requests per minute from one IP address to any `/v1` route, preflights included, before any key is looked up. */
  ipPerMinute: number;
  /** Password and code checks per minute from one IP address, and per tenant environment (accounts/password-check-limits.ts). */
  signInIpPerMinute?: number;
  signInTenantPerMinute?: number;
  /** Limits of tenants that have none of their own (rate_limit_policies). */
  tenantDefaults?: TenantLimits;
}

export const DEFAULT_IP_PER_MINUTE = 3_000;
/** How often expired counters are deleted. */
const SWEEP_MS = 5 * 60_000;

/**
 * The API's one rate-limiting mechanism: fixed-window counters shared by every API process
 * through PostgreSQL and counted in memory in between (counter-store.ts), so a request
 * normally waits for no counter at all. `limitIp` and `limitKey` run on every `/v1` request;
 * features add their own limits with `consume` (the consent route per subject, the
 * rights-request routes per IP, email and tenant: routes/rights-requests/requester-limits.ts).
 *
 * Each counted limit is reported in the IETF RateLimit fields (draft-ietf-httpapi-ratelimit-
 * headers-10: `RateLimit-Policy: "key";q=12000;w=60` and `RateLimit: "key";r=11999;t=60`), and
 * an exhausted one answers 429 RATE_LIMITED with `Retry-After`.
 */
export class RateLimits {
  readonly #store: CounterStore;
  readonly #sweep: NodeJS.Timeout;

  constructor(private readonly sql: Sql, readonly settings: RateLimitSettings) {
    this.#store = new CounterStore(sql);
    this.#sweep = setInterval(() => void this.#store.clearExpired().catch(() => {}), SWEEP_MS).unref();
  }

  /**
   * Counts one request from this IP, before anything is looked up (preflights included).
   * In-process requests (tests) have no address and are not counted.
   */
  limitIp(): MiddlewareHandler<AppEnv> {
    return async (c, next) => {
      c.set('rateLimits', this);
      const ip = clientIp(c);
      if (ip !== undefined) {
        try {
          await this.consume(c, 'ip', ip, this.settings.ipPerMinute, 60);
        } catch (error) {
          // A refusal carries no tenant data: a page may read it (a preflight's never reaches the page).
          const origin = c.req.header('Origin');
          if (origin !== undefined && c.req.method !== 'OPTIONS') exposeErrorTo(c, origin);
          throw error;
        }
      }
      await next();
    };
  }

  /**
   * After `authenticate`: counts the request against its key, and a visitor's write against its
   * IP. Routes in `ipOnlyRoutes` ("GET /v1/config": the banner's critical path, the same answer
   * for every visitor and cached by the browser) count under `ip` alone.
   */
  limitKey(options: { ipOnlyRoutes?: string[] } = {}): MiddlewareHandler<AppEnv> {
    const ipOnly = new Set(options.ipOnlyRoutes ?? []);
    return async (c, next) => {
      const key = c.get('apiKey');
      if (key && !ipOnly.has(`${c.req.method} ${c.req.path}`)) {
        const limits = await this.tenantLimits(c);
        await this.consume(c, 'key', key.id, limits.requestsPerKeyPerMinute, 60);
        const ip = clientIp(c);
        if (key.kind === 'publishable' && c.req.method !== 'GET' && c.req.method !== 'HEAD' && ip !== undefined) {
          await this.consume(c, 'visitor-writes', `${key.tenantId}:${key.environment}:${ip}`, limits.writesPerIpPerMinute, 60);
        }
      }
      await next();
    };
  }

  tenantLimits(c: Context<AppEnv>): Promise<TenantLimits> {
    return tenantLimits(this.sql, c.get('scope'), this.settings.tenantDefaults ?? DEFAULT_TENANT_LIMITS);
  }

  /**
   * Counts one request under limit `name` for `key`; throws 429 when the limit is used up.
   * Synchronous when this process may decide alone (the common case): no promise per counter.
   */
  consume(c: Context<AppEnv>, name: string, key: string, points: number, windowSeconds: number): void | Promise<void> {
    const count = this.#store.consume(`${name}:${key}`, points, windowSeconds);
    if (count instanceof Promise) return count.then((decided) => report(c, name, points, windowSeconds, decided));
    report(c, name, points, windowSeconds, count);
  }

  /** Adds every count made so far to the shared counters (tests). */
  flush(): Promise<void> {
    return this.#store.flush();
  }

  close(): void {
    clearInterval(this.#sweep);
    this.#store.close();
  }
}

/** Adds the count to the answer's RateLimit fields, or throws the 429 of a refused one. */
function report(c: Context<AppEnv>, name: string, points: number, windowSeconds: number, count: Count): void {
  const secondsToReset = Math.max(1, Math.ceil(count.msBeforeReset / 1000));
  if (!count.admitted) {
    throw new ApiError(429, 'RATE_LIMITED', `Too many requests (${points} per ${describeWindow(windowSeconds)} for this ${describeLimit(name)}); retry in ${secondsToReset} s.`, undefined, {
      'Retry-After': String(secondsToReset),
      'RateLimit-Policy': `"${name}";q=${points};w=${windowSeconds}`,
      RateLimit: `"${name}";r=0;t=${secondsToReset}`,
    });
  }
  appendAnswerHeader(c, 'RateLimit-Policy', `"${name}";q=${points};w=${windowSeconds}`);
  appendAnswerHeader(c, 'RateLimit', `"${name}";r=${count.remaining};t=${secondsToReset}`);
}

function describeWindow(seconds: number): string {
  return seconds === 60 ? 'minute' : seconds === 3_600 ? 'hour' : seconds === 86_400 ? 'day' : `${seconds} s`;
}

function describeLimit(name: string): string {
  return { ip: 'IP address', key: 'API key', 'visitor-writes': 'visitor address', 'consent-subject': 'consent subject',
    'rights-ip': 'IP address\'s rights requests', 'rights-email': 'email address\'s rights requests', 'rights-tenant': 'organisation\'s rights requests', 'requester-ip': 'IP address\'s requester calls',
    'rights-resend': 'request\'s code resends', 'reset-ip': 'IP address\'s password resets', 'reset-email': 'email address\'s password resets',
    'guardian-ip': 'IP address\'s guardian answers', 'guardian-mail': 'account\'s guardian mails' }[name] ?? name;
}
