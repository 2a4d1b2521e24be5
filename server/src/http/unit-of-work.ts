import { createHash } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../app-env.ts';
import type { Queryable, Sql } from '../db/connection.ts';
import { ApiError } from './api-error.ts';

const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,255}$/;
/** Stored answers are honoured for 24 hours, as the API guide promises. */
const IDEMPOTENCY_WINDOW_HOURS = 24;

class RollBack extends Error {}

/**
 * Every write request is one transaction: its effects commit only if it answers < 400, so
 * nothing is ever half-written. A POST with an `Idempotency-Key` also stores its answer in
 * that same transaction; a repeat with the same key and body gets the stored answer (with
 * `Idempotent-Replayed: true`) and a repeat with another body gets 409. Two concurrent
 * requests with one key both run, but the second's insert of the key waits for the first to
 * commit, fails, rolls its own effects back and replays the first's answer: applied once.
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

    if (idempotencyKey && requestHash) {
      const replay = await storedAnswer(pool, tenantId, idempotencyKey, requestHash);
      if (replay) return replay;
    }

    let lostRace = false;
    try {
      await pool.begin(async (transaction) => {
        c.set('sql', transaction);
        try {
          await transaction.savepoint(async (savepoint) => {
            c.set('sql', savepoint);
            await next();
            if (c.res.status >= 400) throw new RollBack(); // undo the handler's partial effects
          });
        } catch (error) {
          if (!(error instanceof RollBack)) throw error;
        }
        if (c.res.status >= 500) throw new RollBack(); // let the client retry with the same key
        if (!idempotencyKey || !requestHash) return;
        const body = await c.res.clone().text();
        await transaction`
          DELETE FROM idempotency_keys
          WHERE tenant_id = ${tenantId} AND key = ${idempotencyKey}
            AND created_at <= now() - make_interval(hours => ${IDEMPOTENCY_WINDOW_HOURS})`;
        const inserted = await transaction`
          INSERT INTO idempotency_keys (tenant_id, key, request_hash, status, response_body)
          VALUES (${tenantId}, ${idempotencyKey}, ${requestHash}, ${c.res.status}, ${body})
          ON CONFLICT (tenant_id, key) DO NOTHING
          RETURNING key`;
        if (inserted.length === 0) {
          lostRace = true;
          throw new RollBack();
        }
      });
    } catch (error) {
      if (!(error instanceof RollBack)) throw error;
    } finally {
      c.set('sql', pool);
    }
    if (lostRace && idempotencyKey && requestHash) {
      const replay = await storedAnswer(pool, tenantId, idempotencyKey, requestHash);
      if (replay) c.res = replay;
    }
  };
}

async function storedAnswer(sql: Queryable, tenantId: string, key: string, requestHash: Buffer): Promise<Response | undefined> {
  const [stored] = await sql<{ requestHash: Buffer; status: number; responseBody: string }[]>`
    SELECT request_hash AS "requestHash", status, response_body AS "responseBody"
    FROM idempotency_keys
    WHERE tenant_id = ${tenantId} AND key = ${key}
      AND created_at > now() - make_interval(hours => ${IDEMPOTENCY_WINDOW_HOURS})`;
  if (!stored) return undefined;
  if (!stored.requestHash.equals(requestHash)) {
    throw new ApiError(409, 'IDEMPOTENCY_KEY_REUSED', 'This Idempotency-Key was already used with a different request. Use a new key for a new request.');
  }
  return new Response(stored.responseBody, {
    status: stored.status,
    headers: { 'Content-Type': 'application/json', 'Idempotent-Replayed': 'true' },
  });
}
