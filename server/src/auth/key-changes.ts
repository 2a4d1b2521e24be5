import type { Sql } from '../db/connection.ts';

/** The channel migration 027's trigger notifies on every change to a key: "tenant_id:key_id". */
export const API_KEYS_CHANNEL = 'porttask_keys';

/** A changed key, or `undefined` after the LISTEN connection came back: anything may have changed. */
export type KeyChange = { tenantId: string; keyId: string } | undefined;
type Listener = (change: KeyChange) => void;

/**
 * One LISTEN per pool on `porttask_keys`, shared by the key cache of `authenticate` and by
 * every live stream of the process. A revocation, a roll or an origin change made by any
 * process (another API process, the CLI) reaches every process within a round trip.
 */
class KeyChanges {
  readonly #listeners = new Set<Listener>();
  #listening: Promise<unknown> | undefined;

  constructor(private readonly sql: Sql) {}

  /** Calls `listener` on every change from now on; resolves once the LISTEN is in place. */
  async subscribe(listener: Listener): Promise<() => void> {
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
      API_KEYS_CHANNEL,
      (payload) => {
        const [tenantId, keyId] = payload.split(':');
        if (tenantId && keyId) this.#emit({ tenantId, keyId });
      },
      // Called on every (re)connect: a change sent while disconnected was missed, so recheck all.
      () => this.#emit(undefined),
    ).catch((error: unknown) => {
      this.#listening = undefined;
      throw error;
    });
    return this.#listening;
  }

  #emit(change: KeyChange): void {
    for (const listener of this.#listeners) listener(change);
  }
}

const registry = new WeakMap<Sql, KeyChanges>();

/** The key-change feed of this pool (its LISTEN starts on first subscribe). */
export function keyChangesFor(sql: Sql): KeyChanges {
  let changes = registry.get(sql);
  if (!changes) {
    changes = new KeyChanges(sql);
    registry.set(sql, changes);
  }
  return changes;
}
