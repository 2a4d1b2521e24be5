import type { Sql } from '../db/connection.ts';
import { scopeKey, type DataScope } from '../tenants/data-scope.ts';
import { SCHEDULE_EVENTS_CHANNEL } from './outbox.queries.ts';

/**
 * One LISTEN per API process (per pool), shared by every live stream the process serves.
 * A NOTIFY names the tenant and environment whose outbox grew; the hub wakes the streams of
 * exactly that scope (a test write never wakes a live stream), which
 * then read the outbox themselves from their own last sequence. The notification carries no
 * data, so a lost one costs latency, never events: streams also re-read on every heartbeat,
 * and all of them when the LISTEN connection comes back after a drop.
 */
export interface Wakeup {
  /** Resolves at the next wake-up for this scope, or at once if one came since the last call. */
  next(): Promise<void>;
  /** True once the process asked its streams to end (shutting down): the stream should close, its client will reconnect elsewhere. */
  readonly ended: boolean;
  close(): void;
}

interface Subscriber {
  /** `scopeKey` of the stream's tenant and environment. */
  scope: string;
  pending: boolean;
  ended: boolean;
  resolve: (() => void) | undefined;
}

class LiveHub {
  readonly #subscribers = new Set<Subscriber>();
  #listening: Promise<unknown> | undefined;

  constructor(private readonly sql: Sql) {}

  async subscribe(scope: DataScope): Promise<Wakeup> {
    const subscriber: Subscriber = { scope: scopeKey(scope), pending: false, ended: false, resolve: undefined };
    this.#subscribers.add(subscriber);
    await this.#listen();
    return {
      next: () => {
        if (subscriber.pending) {
          subscriber.pending = false;
          return Promise.resolve();
        }
        return new Promise<void>((resolve) => {
          subscriber.resolve = resolve;
        });
      },
      get ended() {
        return subscriber.ended;
      },
      close: () => {
        this.#subscribers.delete(subscriber);
        subscriber.resolve?.();
      },
    };
  }

  /**
   * Ends every stream open now (they close their responses; clients reconnect, to this
   * process or another, and resume without loss). Used when the process stops, so live
   * clients move at once instead of holding the shutdown until its grace time runs out.
   */
  endStreams(): void {
    for (const subscriber of this.#subscribers) subscriber.ended = true;
    this.#wake(undefined);
  }

  #listen(): Promise<unknown> {
    this.#listening ??= this.sql.listen(
      SCHEDULE_EVENTS_CHANNEL,
      (payload) => this.#wake(payload.slice(0, payload.lastIndexOf(':'))),
      // Called on every (re)connect: anything sent while disconnected is read now.
      () => this.#wake(undefined),
    ).catch((error: unknown) => {
      this.#listening = undefined;
      throw error;
    });
    return this.#listening;
  }

  /** `scope`: the payload's `<tenant>:<environment>`; undefined wakes every stream. */
  #wake(scope: string | undefined): void {
    for (const subscriber of this.#subscribers) {
      if (scope !== undefined && subscriber.scope !== scope) continue;
      const resolve = subscriber.resolve;
      if (resolve) {
        subscriber.resolve = undefined;
        resolve();
      } else subscriber.pending = true;
    }
  }
}

const hubs = new WeakMap<Sql, LiveHub>();

/** The hub of this pool (created, and its LISTEN started, on first use). */
export function liveHubFor(sql: Sql): LiveHub {
  let hub = hubs.get(sql);
  if (!hub) {
    hub = new LiveHub(sql);
    hubs.set(sql, hub);
  }
  return hub;
}
