import { LRUCache } from 'lru-cache';
import { keyChangesFor } from '../../auth/key-changes.ts';
import { channelFeed } from '../../db/channel-feed.ts';
import type { Sql } from '../../db/connection.ts';
import { scopeKey, type DataScope } from '../../tenants/data-scope.ts';

/** The channel migration 058's triggers notify with a tenant's id when its configuration may have changed. */
export const CONFIG_CHANNEL = 'porttask_config';

/**
 * How long an answer may be kept at most. Changes arrive by notification well before; this
 * bounds what a missed notification could cost (the LISTEN connection down while a change
 * was made elsewhere, until it reconnects), and is as long as browsers keep it anyway.
 */
export const CONFIG_CACHE_MS = 60_000;

/**
 * After this process's own write, how long a tenant's answers are not kept unless the write's
 * notification arrived first (a write that rolled back sends none).
 */
const UNSETTLED_MS = 5_000;

const parseTenantId = (payload: string) => payload || null;

/**
 * The `GET /v1/config` answers of this process, as JSON text per scope: a hit costs no query.
 * Correct across API processes: whatever changes a tenant's configuration (any process, the
 * CLI, SQL by hand) fires `porttask_config` (migration 058), and a key change `porttask_keys`;
 * every process drops that tenant's answers on the notification, within a round trip. A write
 * by this process's own request (`written`, called inside its transaction) drops them at once
 * and keeps none until its notification arrived (after the commit), so the writer reads its own
 * change. Nothing is kept unless both LISTENs are in place, and an answer read while a change
 * arrived is not kept.
 */
export class ConfigCache {
  readonly #answers = new LRUCache<string, string>({ max: 10_000, ttl: CONFIG_CACHE_MS });
  /** Per tenant, bumped on each change: an answer read across a change is stale. */
  readonly #changes = new Map<string, number>();
  /** Bumped when a LISTEN reconnects: anything may have changed meanwhile. */
  #epoch = 0;
  /** Tenants written by this process whose notification has not arrived yet: until when. */
  readonly #unsettled = new Map<string, number>();
  #watching: Promise<boolean> | undefined;

  constructor(private readonly sql: Sql) {}

  /** The scope's answer: from memory, else from `load` (kept when safe). */
  async answer(scope: DataScope, load: () => Promise<unknown>): Promise<string> {
    const key = scopeKey(scope);
    const kept = this.#answers.get(key);
    if (kept !== undefined) return kept;
    const watching = await this.#watch();
    const before = this.#stamp(scope.tenantId);
    const answer = JSON.stringify(await load());
    const settled = (this.#unsettled.get(scope.tenantId) ?? 0) < Date.now();
    if (watching && settled && this.#stamp(scope.tenantId) === before) this.#answers.set(key, answer);
    return answer;
  }

  /** This process is changing the tenant's configuration (in a transaction not yet committed). */
  written(tenantId: string): void {
    this.#unsettled.set(tenantId, Date.now() + UNSETTLED_MS);
    this.#forget(tenantId);
  }

  /** A notification: a tenant changed, or (undefined) a LISTEN reconnected and any may have. */
  #changed(tenantId: string | undefined): void {
    if (tenantId === undefined) {
      this.#epoch += 1;
      this.#unsettled.clear();
      this.#answers.clear();
      return;
    }
    this.#unsettled.delete(tenantId);
    this.#forget(tenantId);
  }

  /** Drops a tenant's answers (both environments). */
  #forget(tenantId: string): void {
    this.#changes.set(tenantId, (this.#changes.get(tenantId) ?? 0) + 1);
    for (const environment of ['test', 'live'] as const) this.#answers.delete(scopeKey({ tenantId, environment }));
  }

  #stamp(tenantId: string): string {
    return `${this.#epoch}:${this.#changes.get(tenantId) ?? 0}`;
  }

  /** True once both LISTENs are in place; a failed start is tried again on the next miss. */
  #watch(): Promise<boolean> {
    this.#watching ??= Promise.allSettled([
      channelFeed(this.sql, CONFIG_CHANNEL, parseTenantId).subscribe((tenantId) => this.#changed(tenantId)),
      keyChangesFor(this.sql).subscribe((change) => this.#changed(change?.tenantId)),
    ]).then((subscriptions) => {
      if (subscriptions.every((subscription) => subscription.status === 'fulfilled')) return true;
      // Half a watch is no watch: let go of the one that worked, and try both again later.
      for (const subscription of subscriptions) if (subscription.status === 'fulfilled') subscription.value();
      this.#watching = undefined;
      return false;
    });
    return this.#watching;
  }
}

const caches = new WeakMap<Sql, ConfigCache>();

/** The configuration cache of this pool's process. */
export function configCacheFor(sql: Sql): ConfigCache {
  let cache = caches.get(sql);
  if (!cache) {
    cache = new ConfigCache(sql);
    caches.set(sql, cache);
  }
  return cache;
}
