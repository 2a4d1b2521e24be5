import { RateLimiterMemory, RateLimiterPostgres, type IRateLimiterStoreOptions } from 'rate-limiter-flexible';
import type { Sql } from '../db/connection.ts';

/** Where rate-limiter-flexible keeps the counters (migration 030). */
const COUNTER_TABLE = 'rate_limit_counters';
/** Counter updates per statement at most; more wait for the next one. */
const MAX_BATCH = 2_000;
/** Statements in flight at once: a request arriving mid-statement need not wait for it to end. */
const MAX_IN_FLIGHT = 2;

/** What rate-limiter-flexible's Postgres store reads from a query result. */
interface StoreResult {
  rows: { points: number; expire: number | null }[];
  rowCount: number;
}

interface PendingUpsert {
  key: string;
  points: number;
  expire: number | null;
  resolve(result: StoreResult): void;
  reject(error: unknown): void;
}

/**
 * Group commit for rate-limit counters: every counter change that arrives while a statement
 * is being written goes into the next one, so under load a request's three or four counters
 * and those of every concurrent request share one round trip instead of one each (the
 * consent write rate depends on it; docs/benchmarks.md). Changes to the same counter in one
 * statement are summed, and each caller gets the total as it would have seen it in arrival
 * order, so the library's arithmetic (limit reached, first in window) is unchanged.
 */
class CounterBatcher {
  readonly #queue: PendingUpsert[] = [];
  #inFlight = 0;

  constructor(private readonly sql: Sql) {}

  upsert(key: string, points: number, msDuration: number): Promise<StoreResult> {
    return new Promise((resolve, reject) => {
      this.#queue.push({ key, points, expire: msDuration > 0 ? Date.now() + msDuration : null, resolve, reject });
      if (this.#inFlight < MAX_IN_FLIGHT) void this.#drain();
    });
  }

  async #drain(): Promise<void> {
    this.#inFlight += 1;
    try {
      while (this.#queue.length > 0) await this.#write(this.#queue.splice(0, MAX_BATCH));
    } finally {
      this.#inFlight -= 1;
    }
  }

  async #write(batch: PendingUpsert[]): Promise<void> {
    const byKey = new Map<string, PendingUpsert[]>();
    for (const pending of batch) {
      const same = byKey.get(pending.key);
      if (same) same.push(pending);
      else byKey.set(pending.key, [pending]);
    }
    // Sorted, so concurrent statements lock shared counters in the same order (no deadlock).
    const keys = [...byKey.keys()].sort();
    const groups = keys.map((key) => byKey.get(key)!);
    try {
      // A window that ended starts again from this change; else the change adds to it
      // (the same rule as the library's own single-row statement).
      const rows = await this.sql<{ key: string; points: number; expire: number | null }[]>`
        INSERT INTO rate_limit_counters AS counter (key, points, expire)
        SELECT * FROM unnest(${keys}::text[], ${groups.map((group) => sum(group))}::int[], ${groups.map((group) => group[0]!.expire)}::bigint[])
        ON CONFLICT (key) DO UPDATE SET
          points = CASE WHEN counter.expire <= ${Date.now()} THEN EXCLUDED.points ELSE counter.points + EXCLUDED.points END,
          expire = CASE WHEN counter.expire <= ${Date.now()} THEN EXCLUDED.expire ELSE counter.expire END
        RETURNING key, points, expire::float8 AS expire`;
      for (const row of rows) {
        // The last caller sees the total; each earlier one the total less what came after it.
        let after = 0;
        const group = byKey.get(row.key)!;
        for (let index = group.length - 1; index >= 0; index -= 1) {
          group[index]!.resolve({ rows: [{ points: row.points - after, expire: row.expire }], rowCount: 1 });
          after += group[index]!.points;
        }
      }
    } catch (error) {
      for (const pending of batch) pending.reject(error);
    }
  }
}

function sum(group: PendingUpsert[]): number {
  let total = 0;
  for (const pending of group) total += pending.points;
  return total;
}

/**
 * rate-limiter-flexible's PostgreSQL limiter on our postgres.js pool (it speaks to a `pg`
 * client; a one-method adapter is enough), with its per-counter upsert sent through the
 * batcher. Everything else (windows, blocking, the in-memory block of keys far over their
 * limit, the insurance limiter while the database is away) is the library's.
 */
class BatchedPostgresLimiter extends RateLimiterPostgres {
  constructor(options: IRateLimiterStoreOptions, private readonly batcher: CounterBatcher) {
    super(options);
  }

  /** The library's store hook; forced writes (block, set) keep the library's own statement. */
  _upsert(key: string, points: number, msDuration: number, forceExpire = false): Promise<StoreResult> {
    if (forceExpire) return (RateLimiterPostgres.prototype as unknown as { _upsert(...args: unknown[]): Promise<StoreResult> })._upsert.call(this, key, points, msDuration, true);
    return this.batcher.upsert(key, points, msDuration);
  }
}

export interface CounterStore {
  /** A limiter of `points` per `durationSeconds` for keys under `name`. */
  limiter(name: string, points: number, durationSeconds: number): RateLimiterPostgres;
  /** Deletes counters whose window ended over an hour ago. */
  clearExpired(): Promise<void>;
}

export function postgresCounterStore(sql: Sql): CounterStore {
  const batcher = new CounterBatcher(sql);
  const storeClient = {
    query: async ({ text, values }: { text: string; values?: unknown[] }): Promise<StoreResult> => {
      const rows = await sql.unsafe(text, values as never[]);
      return { rows: rows as unknown as StoreResult['rows'], rowCount: rows.count };
    },
  };
  const limiters = new Map<string, RateLimiterPostgres>();
  return {
    limiter(name, points, durationSeconds) {
      const id = `${name} ${points} ${durationSeconds}`;
      let limiter = limiters.get(id);
      if (!limiter) {
        limiter = new BatchedPostgresLimiter({
          storeClient,
          storeType: 'client',
          tableName: COUNTER_TABLE,
          tableCreated: true, // migration 030 made it
          clearExpiredByTimeout: false, // one sweep for all limiters: clearExpired()
          keyPrefix: name,
          points,
          duration: durationSeconds,
          // A key far over its limit is refused from memory, without a statement, until its window ends.
          inMemoryBlockOnConsumed: points * 2,
          // While the database is unreachable each process counts on its own.
          insuranceLimiter: new RateLimiterMemory({ keyPrefix: name, points, duration: durationSeconds }),
        } as IRateLimiterStoreOptions, batcher);
        limiters.set(id, limiter);
      }
      return limiter;
    },
    async clearExpired() {
      await sql`DELETE FROM rate_limit_counters WHERE expire < ${Date.now() - 3_600_000}`;
    },
  };
}
