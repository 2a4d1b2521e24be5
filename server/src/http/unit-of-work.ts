import { createHash } from 'node:crypto';
import type { Context, MiddlewareHandler } from 'hono';
import type { AppEnv } from '../app-env.ts';
import type { Sql } from '../db/connection.ts';
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
 * The key is claimed last, by the INSERT that stores the answer, so the common case (a first
 * attempt) costs one statement more and nothing else. A repeat runs, finds the key taken,
 * rolls its own effects back and answers with the stored answer (`Idempotent-Replayed:
 * true`), or 409 if the body differs. Concurrent duplicates wait on the key's row and do the
 * same: applied once. Failed answers are not stored, so a failed request may be retried with
 * the same key.
 */
export function unitOfWork(pool: Sql): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (!WRITE_METHODS.has(c.req.method)) return next();
    const idempotencyKey = c.req.method === 'POST' ? c.req.header('Idempotency-Key') : undefined;
    if (idempotencyKey !== undefined && !IDEMPOTENCY_KEY.test(idempotencyKey)) {
      throw new ApiError(400, 'BAD_REQUEST', 'Idempotency-Key must be 1–255 printable ASCII characters.');
    }
    const tenantId = c.var.tenantId;
    const requestHash = idempotencyKey
      ? createHash('sha256').update(`${c.req.method} ${c.req.path}\n`).update(await c.req.text()).digest()
      : undefined;

    let keyTaken = false;
    try {
      await pool.begin(async (transaction) => {
        c.set('sql', transaction);
        await next();
        if (c.res.status >= 400) throw new RollBack();
        if (!idempotencyKey || !requestHash) return;
        const body = await c.res.clone().text();
        const claimed = await transaction`
          INSERT INTO idempotency_keys (tenant_id, key, request_hash, status, response_body)
          VALUES (${tenantId}, ${idempotencyKey}, ${requestHash}, ${c.res.status}, ${body})
          ON CONFLICT (tenant_id, key) DO UPDATE
            SET request_hash = excluded.request_hash, status = excluded.status,
                response_body = excluded.response_body, created_at = now()
            WHERE idempotency_keys.created_at <= now() - make_interval(hours => ${IDEMPOTENCY_WINDOW_HOURS})
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
    if (idempotencyKey && requestHash && (keyTaken || c.res.status >= 400)) {
      await replayStoredAnswer(c, pool, idempotencyKey, requestHash);
    }
  };
}

async function replayStoredAnswer(c: Context<AppEnv>, pool: Sql, key: string, requestHash: Buffer): Promise<void> {
  const [stored] = await pool<{ requestHash: Buffer; status: number; responseBody: string }[]>`
    SELECT request_hash AS "requestHash", status, response_body AS "responseBody"
    FROM idempotency_keys
    WHERE tenant_id = ${c.var.tenantId} AND key = ${key}
      AND created_at > now() - make_interval(hours => ${IDEMPOTENCY_WINDOW_HOURS})`;
  if (!stored) return;
  if (!stored.requestHash.equals(requestHash)) {
    throw new ApiError(409, 'IDEMPOTENCY_KEY_REUSED', 'This Idempotency-Key was already used with a different request. Use a new key for a new request.');
  }
  // Assigning c.res keeps the headers the request already earned (CORS, request id, Vary).
  c.res = new Response(stored.responseBody, {
    status: stored.status,
    headers: { 'Content-Type': 'application/json; charset=UTF-8', 'Idempotent-Replayed': 'true' },
  });
}
