import { createHash } from 'node:crypto';
import type { Context, MiddlewareHandler } from 'hono';
import type { AppEnv } from '../app-env.ts';
import type { Queryable, Sql } from '../db/connection.ts';
import type { DataScope } from '../tenants/data-scope.ts';
import { ApiError } from './api-error.ts';

const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,255}$/;
/** Stored answers are honoured for 24 hours, as the API guide promises. */
const IDEMPOTENCY_WINDOW_HOURS = 24;

class RollBack extends Error {}

/**
 * Every write request is one transaction: its effects commit only if it answers < 400, so
 * nothing is ever half-written.
 *
 * A POST with an `Idempotency-Key` also stores its successful answer in that transaction.
 * Its first statement takes the key's lock and looks for a stored answer (`claimAttempt`): a
 * repeat of a committed request answers with the stored answer at once (`Idempotent-Replayed:
 * true`), or 409 if the body differs; a repeat while the first attempt is still at work is
 * told 409 IDEMPOTENCY_REQUEST_IN_PROGRESS. The answer is stored last, by an INSERT that
 * claims the key (a key stored meanwhile by a single-statement route still wins: the effects
 * roll back and the stored answer is given). Applied once, in every order. Failed answers are
 * not stored, so a failed request may be retried with the same key; nor are answers marked
 * `Cache-Control: no-store` (they hold a secret): a repeat of those runs again.
 *
 * `singleStatementRoutes` (e.g. "POST /v1/consents") are write paths whose whole effect is one
 * SQL statement, atomic by itself: they skip the transaction (BEGIN and COMMIT are two of a
 * keyed POST's round trips, and the connection is held between them) and claim their key in
 * that statement with `idempotencyOf`, `onKeyConflict` and `storedAnswer`.
 */
export function unitOfWork(pool: Sql, options: { singleStatementRoutes?: string[] } = {}): MiddlewareHandler<AppEnv> {
  const singleStatement = new Set(options.singleStatementRoutes);
  return async (c, next) => {
    if (!WRITE_METHODS.has(c.req.method) || singleStatement.has(`${c.req.method} ${c.req.path}`)) return next();
    const idempotency = await idempotencyOf(c);
    const scope = c.get('scope');
    let keyTaken = false;
    try {
      await pool.begin(async (transaction) => {
        c.set('sql', transaction);
        if (idempotency) {
          const earlier = await claimAttempt(transaction, scope, idempotency);
          if (earlier) {
            keyTaken = true;
            throw new RollBack();
          }
        }
        await next();
        if (c.res.status >= 400) throw new RollBack();
        // An answer marked no-store holds a secret (a new key's text), which is never kept:
        // a repeat runs again and answers for itself.
        if (!idempotency || /\bno-store\b/i.test(c.res.headers.get('Cache-Control') ?? '')) return;
        const body = await c.res.clone().text();
        const claimed = await transaction`
          INSERT INTO idempotency_keys (tenant_id, environment, key, request_hash, status, response_body)
          VALUES (${scope.tenantId}, ${scope.environment}, ${idempotency.key}, ${idempotency.hash}, ${c.res.status}, ${body})
          ${onKeyConflict(transaction)}
          RETURNING key`;
        if (claimed.length === 0) {
          keyTaken = true;
          throw new RollBack();
        }
      });
    } catch (error) {
      if (!(error instanceof RollBack)) throw error;
    } finally {
      c.set('sql', pool);
    }
    // A repeat may also fail in its own right (e.g. a conflict with the first attempt's
    // effects): whenever a keyed POST did not commit, the stored answer wins.
    if (idempotency && (keyTaken || c.res.status >= 400)) await replayStoredAnswer(c, pool, idempotency);
  };
}

export interface Idempotency {
  key: string;
  /** SHA-256 of method, path and body: a repeat must match it to get the stored answer. */
  hash: Buffer;
}

/** The request's `Idempotency-Key` (POST only) and fingerprint, or undefined without one. */
export async function idempotencyOf(c: Context<AppEnv>): Promise<Idempotency | undefined> {
  const key = c.req.method === 'POST' ? c.req.header('Idempotency-Key') : undefined;
  if (key === undefined) return undefined;
  if (!IDEMPOTENCY_KEY.test(key)) throw new ApiError(400, 'BAD_REQUEST', 'Idempotency-Key must be 1–255 printable ASCII characters.');
  const hash = createHash('sha256').update(`${c.req.method} ${c.req.path}\n`).update(await c.req.text()).digest();
  return { key, hash };
}

/**
 * The first statement of a keyed write: takes the key's lock for this transaction, so a second
 * attempt that arrives while the first is still at work is told so (409
 * IDEMPOTENCY_REQUEST_IN_PROGRESS, `Retry-After: 1`; the SDK waits and asks again, and then
 * gets the first attempt's answer) instead of doing the whole work again and waiting on the
 * first one's rows. Says whether an answer is stored already, so a retry after the first
 * attempt committed is answered without doing the work at all.
 */
async function claimAttempt(transaction: Queryable, scope: DataScope, { key, hash }: Idempotency): Promise<boolean> {
  const [row] = await transaction<{ free: boolean; requestHash: Buffer | null }[]>`
    SELECT pg_try_advisory_xact_lock(hashtextextended(${`idempotency ${scope.tenantId} ${scope.environment} ${key}`}, 0)) AS free,
           stored.request_hash AS "requestHash"
    FROM (VALUES (1)) AS one
    LEFT JOIN idempotency_keys AS stored
      ON stored.tenant_id = ${scope.tenantId} AND stored.environment = ${scope.environment} AND stored.key = ${key}
     AND stored.created_at > now() - make_interval(hours => ${IDEMPOTENCY_WINDOW_HOURS})`;
  if (!row!.free) {
    throw new ApiError(409, 'IDEMPOTENCY_REQUEST_IN_PROGRESS', 'A request with this Idempotency-Key is still being processed. Send it again in a moment to get its answer.', undefined, { 'Retry-After': '1' });
  }
  if (row!.requestHash && !row!.requestHash.equals(hash)) throw keyReused();
  return row!.requestHash !== null;
}

/**
 * The ON CONFLICT clause that claims a key: a live key stays taken (the INSERT returns no
 * row); a key past the 24 h window is overwritten, as if new.
 */
export function onKeyConflict(sql: Queryable) {
  return sql`ON CONFLICT (tenant_id, environment, key) DO UPDATE
    SET request_hash = excluded.request_hash, status = excluded.status,
        response_body = excluded.response_body, created_at = now()
    WHERE idempotency_keys.created_at <= now() - make_interval(hours => ${IDEMPOTENCY_WINDOW_HOURS})`;
}

/**
 * The stored answer of a key already taken, or undefined if the key is free again (expired);
 * 409 when the key was used with another request.
 */
export async function storedAnswer(sql: Queryable, scope: DataScope, { key, hash }: Idempotency): Promise<{ status: number; body: string } | undefined> {
  const [stored] = await sql<{ requestHash: Buffer; status: number; responseBody: string }[]>`
    SELECT request_hash AS "requestHash", status, response_body AS "responseBody"
    FROM idempotency_keys
    WHERE tenant_id = ${scope.tenantId} AND environment = ${scope.environment} AND key = ${key}
      AND created_at > now() - make_interval(hours => ${IDEMPOTENCY_WINDOW_HOURS})`;
  if (!stored) return undefined;
  if (!stored.requestHash.equals(hash)) throw keyReused();
  return { status: stored.status, body: stored.responseBody };
}

function keyReused(): ApiError {
  return new ApiError(409, 'IDEMPOTENCY_KEY_REUSED', 'This Idempotency-Key was already used with a different request. Use a new key for a new request.');
}

/** Sets the response to the key's stored answer, marked `Idempotent-Replayed: true`. */
async function replayStoredAnswer(c: Context<AppEnv>, pool: Queryable, idempotency: Idempotency): Promise<void> {
  const stored = await storedAnswer(pool, c.get('scope'), idempotency);
  if (!stored) return;
  // Assigning c.res keeps the headers the request already earned (CORS, request id, Vary).
  c.res = new Response(stored.body, {
    status: stored.status,
    headers: { 'Content-Type': 'application/json; charset=UTF-8', 'Idempotent-Replayed': 'true' },
  });
}
