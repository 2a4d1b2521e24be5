import type { Context, MiddlewareHandler } from 'hono';
import { RateLimiterRes } from 'rate-limiter-flexible';
import type { AppEnv } from '../app-env.ts';
import type { Sql } from '../db/connection.ts';
import { ApiError } from '../http/api-error.ts';
import { clientIp } from '../http/client-ip.ts';
import { carriesKey, exposeErrorTo } from '../auth/authenticate.ts';
import { postgresCounterStore, type CounterStore } from './counter-store.ts';
import { DEFAULT_TENANT_LIMITS, tenantLimits, type TenantLimits } from './limit-policies.ts';

export interface RateLimitSettings {
  /** Requests per minute from one IP address to any `/v1` route, preflights included, before any key is looked up. */
  ipPerMinute: number;
  /** Limits of tenants that have none of their own (rate_limit_policies). */
  tenantDefaults?: TenantLimits;
}

export const DEFAULT_IP_PER_MINUTE = 3_000;
/** How often expired counters are deleted. */
const SWEEP_MS = 5 * 60_000;

/**
 * The API's one rate-limiting mechanism (rate-limiter-flexible, counters in PostgreSQL so a
 * limit holds across every API process). `limitIp` and `limitKey` run on every `/v1` request;
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

  constructor(private readonly sql: Sql, private readonly settings: RateLimitSettings) {
    this.#store = postgresCounterStore(sql);
    this.#sweep = setInterval(() => void this.#store.clearExpired().catch(() => {}), SWEEP_MS).unref();
  }

  /**
   * Counts one request from this IP, before anything is looked up. A preflight, or a request
   * without a key, waits for the count here. A request with a key goes on to `authenticate`
   * meanwhile (its lookup is cached), and `limitKey` waits for this count with its own: one
   * round trip for every counter of a request (docs/benchmarks.md). In-process requests
   * (tests) have no address and are not counted.
   */
  limitIp(): MiddlewareHandler<AppEnv> {
    return async (c, next) => {
      c.set('rateLimits', this);
      const ip = clientIp(c);
      if (ip !== undefined) {
        const counted = this.consume(c, 'ip', ip, this.settings.ipPerMinute, 60).catch((error: unknown) => {
          // A refusal carries no tenant data: a page may read it (a preflight's never reaches the page).
          const origin = c.req.header('Origin');
          if (origin !== undefined && c.req.method !== 'OPTIONS') exposeErrorTo(c, origin);
          throw error;
        });
        if (c.req.method === 'OPTIONS' || !carriesKey(c)) await counted;
        else c.set('pendingLimits', settledLater(counted));
      }
      await next();
    };
  }

  /**
   * After `authenticate`: counts the request against its key, and a visitor's write against its
   * IP. Routes in `deferredRoutes` ("POST /v1/consents") count something from their body too and
   * wait for these counts with theirs (`settle`), so the route still costs one round trip.
   */
  limitKey(options: { deferredRoutes?: string[] } = {}): MiddlewareHandler<AppEnv> {
    const deferred = new Set(options.deferredRoutes ?? []);
    return async (c, next) => {
      const key = c.get('apiKey');
      if (key) {
        const limits = await this.tenantLimits(c);
        const counted: Promise<unknown>[] = [c.get('pendingLimits') ?? Promise.resolve(), this.consume(c, 'key', key.id, limits.requestsPerKeyPerMinute, 60)];
        const ip = clientIp(c);
        if (key.kind === 'publishable' && c.req.method !== 'GET' && c.req.method !== 'HEAD' && ip !== undefined) {
          counted.push(this.consume(c, 'visitor-writes', `${key.tenantId}:${key.environment}:${ip}`, limits.writesPerIpPerMinute, 60));
        }
        const all = Promise.all(counted);
        if (deferred.has(`${c.req.method} ${c.req.path}`)) c.set('pendingLimits', settledLater(all));
        else {
          c.set('pendingLimits', undefined);
          await all;
        }
      } else {
        await c.get('pendingLimits');
      }
      await next();
    };
  }

  /** For a deferred route: counts its own limit and waits for the request's other counts with it. */
  async settle(c: Context<AppEnv>, own: Promise<void>): Promise<void> {
    await Promise.all([c.get('pendingLimits'), own]);
  }

  tenantLimits(c: Context<AppEnv>): Promise<TenantLimits> {
    return tenantLimits(this.sql, c.get('scope'), this.settings.tenantDefaults ?? DEFAULT_TENANT_LIMITS);
  }

  /** Counts one request under limit `name` for `key`; throws 429 when the limit is used up. */
  async consume(c: Context<AppEnv>, name: string, key: string, points: number, windowSeconds: number): Promise<void> {
    const limiter = this.#store.limiter(name, points, windowSeconds);
    let result: RateLimiterRes;
    try {
      result = await limiter.consume(key);
    } catch (refusal) {
      if (!(refusal instanceof RateLimiterRes)) throw refusal;
      const retryAfter = Math.max(1, Math.ceil(refusal.msBeforeNext / 1000));
      throw new ApiError(429, 'RATE_LIMITED', `Too many requests (${points} per ${describeWindow(windowSeconds)} for this ${describeLimit(name)}); retry in ${retryAfter} s.`, undefined, {
        'Retry-After': String(retryAfter),
        'RateLimit-Policy': `"${name}";q=${points};w=${windowSeconds}`,
        RateLimit: `"${name}";r=0;t=${retryAfter}`,
      });
    }
    c.header('RateLimit-Policy', `"${name}";q=${points};w=${windowSeconds}`, { append: true });
    c.header('RateLimit', `"${name}";r=${result.remainingPoints};t=${Math.ceil(result.msBeforeNext / 1000)}`, { append: true });
  }

  close(): void {
    clearInterval(this.#sweep);
  }
}

/** A count awaited later: marked handled now, so a request that fails first leaves no unhandled rejection. */
function settledLater<T>(promise: Promise<T>): Promise<T> {
  promise.catch(() => {});
  return promise;
}

function describeWindow(seconds: number): string {
  return seconds === 60 ? 'minute' : seconds === 3_600 ? 'hour' : seconds === 86_400 ? 'day' : `${seconds} s`;
}

function describeLimit(name: string): string {
  return { ip: 'IP address', key: 'API key', 'visitor-writes': 'visitor address', 'consent-subject': 'consent subject',
    'rights-ip': 'IP address\'s rights requests', 'rights-email': 'email address\'s rights requests', 'rights-tenant': 'organisation\'s rights requests', 'requester-ip': 'IP address\'s requester calls' }[name] ?? name;
}
