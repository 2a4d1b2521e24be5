import { LRUCache } from 'lru-cache';
import type { Sql } from '../db/connection.ts';

/** How often counts made in this process are added to the shared counters (rate_limit_counters). */
export const FLUSH_INTERVAL_MS = 50;
/**
 * The share of a limit one process may admit before the database has confirmed it: a tenth
 * (rounded down, so limits under 10 are confirmed one request at a time). With N processes a
 * limit admits at most `limit + N × floor(limit / 10)` per window; one process is exact.
 */
const UNCONFIRMED_SHARE = 10;
/** Windows kept in memory per process; the least recently used go first (they are re-learnt from the database). */
const MAX_WINDOWS = 100_000;
/** Counter changes per statement at most; more go in the next one. */
const MAX_BATCH = 2_000;
/** After a failed write (database away), the next try waits this long; meanwhile each process counts on its own. */
const RETRY_AFTER_FAILURE_MS = 1_000;

export type Count =
  | { admitted: true; remaining: number; msBeforeReset: number }
  | { admitted: false; msBeforeReset: number };

/** A request that went past the unconfirmed share: it waits for the statement carrying its count. */
interface Waiter {
  /** Its place among the changes sent in that statement for its counter (1 = the first). */
  place: number;
  points: number;
  durationSeconds: number;
  resolve(count: Count | Promise<Count>): void;
}

/** One counter's current window as this process sees it. */
interface Window {
  key: string;
  /** The shared total when this process last wrote to it (its own earlier counts included). */
  known: number;
  /** Counted here, in the statement being written now. */
  sending: number;
  /** Counted here, not yet sent. */
  pending: number;
  /** Epoch ms when the window ends (the shared counter's, once written). */
  resetAt: number;
  sendingWaiters: Waiter[];
  pendingWaiters: Waiter[];
}

/**
 * Fixed-window counters shared by every API process through PostgreSQL, with no round trip on
 * a request's path: each process counts in memory and adds its counts to the shared counters in
 * the background (one statement for every counter changed in the last FLUSH_INTERVAL_MS). Each
 * statement returns the shared totals, so a process learns what the others counted whenever it
 * writes. A request is admitted at once while this process's unconfirmed counts for that
 * counter are within its share; past it, it waits for the statement carrying its count and is
 * decided on the shared total (the round trip a flood pays, not a visitor). While the database
 * is unreachable each process counts on its own, and writes its counts once it is back.
 */
export class CounterStore {
  readonly #windows = new LRUCache<string, Window>({ max: MAX_WINDOWS });
  readonly #dirty = new Set<Window>();
  /** The statement in flight (one at a time: concurrent ones would lock the same counters). */
  #writing: Promise<void> | undefined;
  #timer: NodeJS.Timeout | undefined;
  /** Someone waits for the next statement: it goes as soon as the one in flight is done. */
  #urgent = false;
  #failing = false;
  #closed = false;

  constructor(private readonly sql: Sql) {}

  /** Counts one request for `key` against `points` per `durationSeconds`. */
  consume(key: string, points: number, durationSeconds: number): Count | Promise<Count> {
    const now = Date.now();
    let window = this.#windows.get(key);
    if (!window || window.resetAt <= now) {
      const ended = window;
      window = { key, known: 0, sending: 0, pending: 0, resetAt: now + durationSeconds * 1000, sendingWaiters: [], pendingWaiters: [] };
      this.#windows.set(key, window);
      if (ended) {
        // What an ended window counted is of no use; whoever still waits on it counts in the new one.
        this.#dirty.delete(ended);
        for (const waiter of ended.pendingWaiters) waiter.resolve(this.consume(key, waiter.points, waiter.durationSeconds));
      }
    }
    const used = window.known + window.sending + window.pending;
    // The shared total is at least what this process knows: a refusal needs no confirmation.
    if (used >= points) return { admitted: false, msBeforeReset: window.resetAt - now };
    window.pending += 1;
    this.#dirty.add(window);
    const unconfirmed = window.sending + window.pending;
    if (this.#failing || unconfirmed <= Math.floor(points / UNCONFIRMED_SHARE)) {
      this.#schedule(FLUSH_INTERVAL_MS);
      return { admitted: true, remaining: points - used - 1, msBeforeReset: window.resetAt - now };
    }
    const place = window.pending;
    const counted = new Promise<Count>((resolve) => window.pendingWaiters.push({ place, points, durationSeconds, resolve }));
    this.#urgent = true;
    this.#schedule(0);
    return counted;
  }

  /** Writes every count made so far (tests, shutdown); stops early while the database is away. */
  async flush(): Promise<void> {
    await this.#writing;
    while (this.#dirty.size > 0 && !this.#closed) {
      await this.#startWrite();
      if (this.#failing) return;
    }
  }

  /** Deletes shared counters whose window ended over an hour ago. */
  async clearExpired(): Promise<void> {
    await this.sql`DELETE FROM rate_limit_counters WHERE expire < ${Date.now() - 3_600_000}`;
  }

  /** Stops writing; whoever waits is decided on what this process knows. */
  close(): void {
    this.#closed = true;
    clearTimeout(this.#timer);
    for (const window of this.#dirty) this.#takeBack(window);
  }

  #schedule(delayMs: number): void {
    if (this.#writing || this.#closed) return; // the statement in flight schedules the next one
    if (this.#timer !== undefined) {
      if (delayMs > 0) return;
      clearTimeout(this.#timer);
    }
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      void this.#startWrite();
    }, delayMs);
    this.#timer.unref();
  }

  #startWrite(): Promise<void> {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#writing ??= this.#write().finally(() => {
      this.#writing = undefined;
      if (this.#dirty.size > 0) this.#schedule(this.#urgent && !this.#failing ? 0 : this.#failing ? RETRY_AFTER_FAILURE_MS : FLUSH_INTERVAL_MS);
    });
    return this.#writing;
  }

  async #write(): Promise<void> {
    this.#urgent = false;
    const batch: Window[] = [];
    const keys = new Set<string>();
    for (const window of this.#dirty) {
      if (batch.length === MAX_BATCH) break;
      // A window evicted from memory and counted again is a second window of the same key: next statement.
      if (keys.has(window.key)) continue;
      keys.add(window.key);
      this.#dirty.delete(window);
      window.sending = window.pending;
      window.sendingWaiters = window.pendingWaiters;
      window.pending = 0;
      window.pendingWaiters = [];
      batch.push(window);
    }
    if (batch.length === 0) return;
    try {
      const totals = await addToSharedCounters(this.sql, batch);
      this.#failing = false;
      for (const window of batch) {
        const total = totals.get(window.key)!;
        for (const waiter of window.sendingWaiters) {
          const place = total.points - window.sending + waiter.place;
          waiter.resolve(place <= waiter.points
            ? { admitted: true, remaining: waiter.points - place, msBeforeReset: total.expire - Date.now() }
            : { admitted: false, msBeforeReset: total.expire - Date.now() });
        }
        window.known = total.points;
        window.resetAt = total.expire;
        window.sending = 0;
        window.sendingWaiters = [];
      }
    } catch {
      // Counted on our own until the database answers again; the counts are written then.
      this.#failing = true;
      for (const window of [...batch, ...this.#dirty]) this.#takeBack(window);
    }
  }

  /** A statement failed: its counts go back to pending, and whoever waited is decided on what this process knows. */
  #takeBack(window: Window): void {
    const waiters = [...window.sendingWaiters, ...window.pendingWaiters.map((waiter) => ({ ...waiter, place: waiter.place + window.sending }))];
    window.pending += window.sending;
    window.sending = 0;
    window.sendingWaiters = [];
    window.pendingWaiters = [];
    this.#dirty.add(window);
    const msBeforeReset = window.resetAt - Date.now();
    for (const waiter of waiters) {
      const place = window.known + waiter.place;
      waiter.resolve(place <= waiter.points ? { admitted: true, remaining: waiter.points - place, msBeforeReset } : { admitted: false, msBeforeReset });
    }
  }
}

/**
 * Adds each window's counts to its shared counter in one statement and returns the totals. A
 * shared window that ended starts again from these counts, with this process's end time.
 * Sorted, so statements of several processes lock shared counters in the same order.
 */
async function addToSharedCounters(sql: Sql, batch: Window[]): Promise<Map<string, { points: number; expire: number }>> {
  batch.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const now = Date.now();
  const rows = await sql<{ key: string; points: number; expire: number }[]>`
    INSERT INTO rate_limit_counters AS counter (key, points, expire)
    SELECT * FROM unnest(${batch.map((window) => window.key)}::text[], ${batch.map((window) => window.sending)}::int[], ${batch.map((window) => window.resetAt)}::bigint[])
    ON CONFLICT (key) DO UPDATE SET
      points = CASE WHEN counter.expire <= ${now} THEN EXCLUDED.points ELSE counter.points + EXCLUDED.points END,
      expire = CASE WHEN counter.expire <= ${now} THEN EXCLUDED.expire ELSE counter.expire END
    RETURNING key, points, expire::float8 AS expire`;
  return new Map(rows.map((row) => [row.key, { points: row.points, expire: row.expire }]));
}
