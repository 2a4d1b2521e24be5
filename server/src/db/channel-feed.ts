import type { Sql } from './connection.ts';

/** `undefined` after the LISTEN connection came back: a notification sent meanwhile was missed, anything may have changed. */
type Listener<Change> = (change: Change | undefined) => void;

/**
 * One LISTEN per pool and channel, shared by every subscriber of the process. A trigger's
 * NOTIFY is delivered at commit to every process that listens (API processes, whatever made the
 * change: a request, the CLI, SQL by hand), so caches and streams act on it within a round trip.
 */
export class ChannelFeed<Change> {
  readonly #listeners = new Set<Listener<Change>>();
  #listening: Promise<unknown> | undefined;

  constructor(
    private readonly sql: Sql,
    private readonly channel: string,
    /** The change a payload names; null for a payload to ignore. */
    private readonly parse: (payload: string) => Change | null,
  ) {}

  /** Calls `listener` on every change from now on; resolves once the LISTEN is in place. */
  async subscribe(listener: Listener<Change>): Promise<() => void> {
    this.#listeners.add(listener);
    const unsubscribe = () => { this.#listeners.delete(listener); };
    try {
      await this.listen();
    } catch (error) {
      unsubscribe();
      throw error;
    }
    return unsubscribe;
  }

  /** Starts the LISTEN if it is not running (again, after a failed start). */
  listen(): Promise<unknown> {
    this.#listening ??= this.sql.listen(
      this.channel,
      (payload) => {
        const change = this.parse(payload);
        if (change !== null) this.#emit(change);
      },
      // Called on every (re)connect: a change sent while disconnected was missed, so recheck all.
      () => this.#emit(undefined),
    ).catch((error: unknown) => {
      this.#listening = undefined;
      throw error;
    });
    return this.#listening;
  }

  #emit(change: Change | undefined): void {
    for (const listener of this.#listeners) listener(change);
  }
}

const registry = new WeakMap<Sql, Map<string, ChannelFeed<unknown>>>();

/** The feed of `channel` on this pool (its LISTEN starts on first subscribe). */
export function channelFeed<Change>(sql: Sql, channel: string, parse: (payload: string) => Change | null): ChannelFeed<Change> {
  let feeds = registry.get(sql);
  if (!feeds) {
    feeds = new Map();
    registry.set(sql, feeds);
  }
  let feed = feeds.get(channel) as ChannelFeed<Change> | undefined;
  if (!feed) {
    feed = new ChannelFeed(sql, channel, parse);
    feeds.set(channel, feed as ChannelFeed<unknown>);
  }
  return feed;
}
