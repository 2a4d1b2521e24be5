import type { Context, MiddlewareHandler } from 'hono';
import { LRUCache } from 'lru-cache';
import type { AppEnv } from '../app-env.ts';
import { ApiError } from '../http/api-error.ts';
import { setAnswerHeader } from '../http/answer-headers.ts';
import { respondWithError } from '../http/error-handler.ts';
import type { Sql } from '../db/connection.ts';
import { anyKeyAllowsOrigin, findApiKey, type KeyLookup } from './api-keys.queries.ts';
import { keyChangesFor } from './key-changes.ts';
import { apiKeyShape, isLocalOrigin, isOriginAllowed, parseApiKey, type AuthenticatedKey, type KeyKind } from './api-keys.ts';
import { looksLikeAccessToken, type StaffTokens } from './staff-tokens.ts';

const ALLOWED_REQUEST_HEADERS = 'X-PortTask-Key, X-PortTask-Requester-Token, Authorization, Content-Type, Idempotency-Key, Last-Event-ID';
const EXPOSED_RESPONSE_HEADERS = 'X-Request-Id, Retry-After, Idempotent-Replayed, RateLimit, RateLimit-Policy';
const ALLOWED_METHODS = 'GET, POST, PUT, DELETE';
/**
 * How long a key lookup is reused. A change to a key (revoke, roll, origins) also drops it
 * from every process's cache at once through the `porttask_keys` notification; this is the
 * bound when a notification is missed.
 */
export const KEY_CACHE_MS = 1_000;
/** How long a preflight's answer for an origin is reused. */
const PREFLIGHT_CACHE_MS = 10_000;
/**
 * Routes that also take the publishable key as the `key` query parameter. A GET with no
 * custom header is a CORS "simple" request, so the browser sends it without a preflight: the
 * consent banner's configuration is on its critical path, and the preflight cost a visitor a
 * round trip before the banner could show. A publishable key is public (it is in the page's
 * source) and the Origin check is the same as for the header, so nothing is given away.
 * Secret keys are never accepted in a URL.
 */
export const KEY_IN_QUERY_ROUTES: ReadonlySet<string> = new Set(['GET /v1/config']);

/**
 * Resolves who is calling every `/v1` route, and answers CORS for exactly the key's origins.
 *
 * - Publishable key (`X-PortTask-Key`): a visitor's browser. The `Origin`, when sent, must
 *   be one of the key's allowed origins (test keys also allow localhost).
 * - Secret key (`Authorization: Bearer sk_…`): a partner's server. Refused when a browser
 *   sends it (an `Origin` header), since a secret key in a page is a leaked key.
 *
 * Because the key travels in a non-safelisted header, every cross-origin call is preflighted;
 * preflights carry no key, so they pass only for origins some live key allows. The one
 * exception, `GET /v1/config?key=pk_…` (KEY_IN_QUERY_ROUTES), is a simple request: no
 * preflight, the same Origin check.
 * - Staff access token (`Authorization: Bearer <JWT>`, with `staffTokens`): a signed-in staff
 *   member's browser, checked by auth/staff-tokens.ts; the role matrix (auth/staff-roles.ts)
 *   decides which routes it opens.
 */
export function authenticate(options: { staffTokens?: StaffTokens } = {}): MiddlewareHandler<AppEnv> {
  // Key lookups are cached for a second: every widget request carries a key. The cache is keyed
  // by the key's text, so a hit costs a map lookup and no hashing; it lives in this process's
  // memory only, where the same text already passes in every request's headers.
  const keyCache = new LRUCache<string, KeyLookup>({ max: 10_000, ttl: KEY_CACHE_MS });
  // Preflights carry no key: whether any key allows an origin is reused for a few seconds, so a
  // flood of them is not a flood of queries (the real request still checks its own key's origins).
  const originCache = new LRUCache<string, boolean>({ max: 10_000, ttl: PREFLIGHT_CACHE_MS });
  let purging: Promise<unknown> | undefined;
  return async (c, next) => {
    const origin = c.req.header('Origin');
    if (c.req.method === 'OPTIONS') return preflight(c, origin, originCache);
    // The pool is known from the first request on; a failed LISTEN is tried again on the next.
    purging ??= keyChangesFor(c.get('sql') as Sql).subscribe((change) => purgeChanged(keyCache, change)).catch(() => { purging = undefined; });

    // Answers differ per key: caches must never serve one key's answer for another's.
    setAnswerHeader(c, 'Vary', 'Origin, X-PortTask-Key, Authorization');
    try {
      await authenticateKey(c, origin, keyCache, options.staffTokens);
    } catch (error) {
      // A refusal carries no tenant data, so the page may read it: "key revoked" or "origin
      // not allowed" is far more useful to a partner's developer than an opaque CORS failure.
      // (A foreign origin gets this far only with the preflight-free `GET /v1/config?key=`;
      // other requests of a foreign origin are stopped at their preflight.)
      if (origin !== undefined) exposeTo(c, origin);
      throw error;
    }
    await next();
  };
}

async function authenticateKey(c: Context<AppEnv>, origin: string | undefined, keyCache: LRUCache<string, KeyLookup>, staffTokens: StaffTokens | undefined): Promise<void> {
    const header = c.req.header('X-PortTask-Key');
    const publishable = header ?? publishableKeyInQuery(c);
    const bearer = /^Bearer\s+(\S+)$/i.exec(c.req.header('Authorization') ?? '')?.[1];
    const token = publishable ?? bearer;
    if (!token) {
      throw new ApiError(401, 'MISSING_API_KEY', 'Send a publishable key in X-PortTask-Key, or a secret key as Authorization: Bearer.');
    }
    if (!publishable && staffTokens && looksLikeAccessToken(token)) {
      const { key, staff } = await staffTokens.verify(c.get('sql') as Sql, token, origin, (text) => lookUpKey(c, text, keyCache));
      exposeTo(c, origin!);
      c.set('apiKey', key);
      c.set('scope', { tenantId: key.tenantId, environment: key.environment });
      c.set('staff', staff);
      return;
    }
    const parsed = apiKeyShape(token);
    if (!parsed || (publishable && parsed.kind !== 'publishable') || (!publishable && parsed.kind !== 'secret')) {
      throw new ApiError(401, 'INVALID_API_KEY', publishable
        ? `${header === undefined ? 'The key parameter' : 'X-PortTask-Key'} must hold a publishable key (pk_test_… or pk_live_…).`
        : 'Authorization must hold a secret key (sk_test_… or sk_live_…).');
    }
    const key = await lookUpKey(c, token, keyCache);

    if (origin !== undefined) {
      if (key.kind === 'secret') {
        throw new ApiError(403, 'WRONG_KEY_TYPE', 'Secret keys must never be used from a browser; use the publishable key there.');
      }
      if (!isOriginAllowed(key, origin)) {
        throw new ApiError(403, 'ORIGIN_NOT_ALLOWED', `The origin ${origin} is not allowed for this key. Add it to the key's allowed origins.`);
      }
      exposeTo(c, origin);
    }
    c.set('apiKey', key);
    c.set('scope', { tenantId: key.tenantId, environment: key.environment });
}

/** A key that exists, is not revoked and has not expired (cached: see KEY_CACHE_MS). */
async function lookUpKey(c: Context<AppEnv>, token: string, keyCache: LRUCache<string, KeyLookup>): Promise<AuthenticatedKey> {
    let lookup = keyCache.get(token);
    if (!lookup) keyCache.set(token, (lookup = await findApiKey(c.get('sql'), parseApiKey(token)!)));
    if (!lookup.found) throw new ApiError(401, 'INVALID_API_KEY', 'This API key does not exist.');
    if (lookup.revoked) throw new ApiError(401, 'API_KEY_REVOKED', 'This API key has been revoked.');
    const key = lookup.key;
    if (key.expiresAt !== null && key.expiresAt <= Date.now()) {
      throw new ApiError(401, 'API_KEY_EXPIRED', `This API key expired at ${new Date(key.expiresAt).toISOString()} (it was rolled): use the key that replaced it.`);
    }
    return key;
}

/** Whether the request carries a key in any form `authenticate` accepts. */
export function carriesKey(c: Context<AppEnv>): boolean {
  return c.req.header('X-PortTask-Key') !== undefined || c.req.header('Authorization') !== undefined || publishableKeyInQuery(c) !== undefined;
}

/** The `key` query parameter, on the routes that take it (KEY_IN_QUERY_ROUTES). */
function publishableKeyInQuery(c: Context<AppEnv>): string | undefined {
  if (!KEY_IN_QUERY_ROUTES.has(`${c.req.method} ${c.req.path}`)) return undefined;
  return c.req.query('key');
}

/** Drops a changed key's lookups (all of them when changes may have been missed). */
function purgeChanged(keyCache: LRUCache<string, KeyLookup>, change: { keyId: string; tenantId: string } | undefined): void {
  if (!change) return keyCache.clear();
  for (const [cacheKey, lookup] of keyCache.entries()) {
    if (lookup.found && lookup.key.id === change.keyId && lookup.key.tenantId === change.tenantId) keyCache.delete(cacheKey);
  }
}

/** CORS for an answer that carries no tenant data (a refusal), so the page can read why. */
export function exposeErrorTo(c: Context<AppEnv>, origin: string): void {
  exposeTo(c, origin);
}

function exposeTo(c: Context<AppEnv>, origin: string): void {
  setAnswerHeader(c, 'Access-Control-Allow-Origin', origin);
  setAnswerHeader(c, 'Access-Control-Expose-Headers', EXPOSED_RESPONSE_HEADERS);
}

async function preflight(c: Context<AppEnv>, origin: string | undefined, originCache: LRUCache<string, boolean>): Promise<Response> {
  let allowed = origin === undefined ? false : originCache.get(origin);
  if (origin !== undefined && allowed === undefined) originCache.set(origin, (allowed = await anyKeyAllowsOrigin(c.get('sql'), origin, isLocalOrigin(origin))));
  if (!origin || !allowed) {
    setAnswerHeader(c, 'Vary', 'Origin');
    return respondWithError(c, new ApiError(403, 'ORIGIN_NOT_ALLOWED', 'This origin is not allowed by any API key.'));
  }
  setAnswerHeader(c, 'Access-Control-Allow-Origin', origin);
  setAnswerHeader(c, 'Access-Control-Allow-Methods', ALLOWED_METHODS);
  setAnswerHeader(c, 'Access-Control-Allow-Headers', ALLOWED_REQUEST_HEADERS);
  setAnswerHeader(c, 'Access-Control-Max-Age', '600');
  setAnswerHeader(c, 'Vary', 'Origin');
  return c.body(null, 204);
}

/**
 * Route guard: which kinds of key may call this route. A staff access token passes where a
 * secret key would, once `apiRoute()`'s role guard (auth/staff-role-guard.ts) admitted its role.
 */
export function requireKey(...kinds: KeyKind[]): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (c.get('staff') !== undefined) {
      if (!kinds.includes('secret')) throw new ApiError(403, 'WRONG_KEY_TYPE', 'This route needs a publishable key (X-PortTask-Key), not an access token.');
      if (!c.get('staffRoleAdmitted')) throw new ApiError(403, 'FORBIDDEN_ROLE', 'No role may call this route with an access token: it needs the secret key.');
      return next();
    }
    if (!kinds.includes(c.get('apiKey').kind)) {
      throw new ApiError(403, 'WRONG_KEY_TYPE', kinds.includes('secret')
        ? 'This route needs a secret key (server side), or a staff access token sent alone (Authorization: Bearer, without X-PortTask-Key).'
        : 'This route needs a publishable key.');
    }
    await next();
  };
}
