import type { Result, Router } from 'hono/router';
import { TrieRouter } from 'hono/router/trie-router';

/** Distinct method-and-path pairs remembered; past this the memory starts over. */
const MAX_REMEMBERED = 1_000;

/**
 * Hono's trie router with the answers to recent lookups remembered. The API's routes need the
 * trie router (static segments beside parameters: `/v1/port-calls/stream` and
 * `/v1/port-calls/{id}`, which the regular-expression router refuses), and a trie lookup walks
 * every `*` middleware and allocates its handler list on every request: for the hot write path
 * (`POST /v1/consents`, always the same path) that was a twentieth of what a request allocated.
 * Hono only reads a lookup's answer, so one answer serves every request to that path. Paths
 * with ids in them come and go; the memory is bounded and starts over when full.
 */
export class CachedTrieRouter<T> implements Router<T> {
  readonly name = 'CachedTrieRouter';
  readonly #inner = new TrieRouter<T>();
  readonly #answers = new Map<string, Result<T>>();

  add(method: string, path: string, handler: T): void {
    this.#answers.clear();
    this.#inner.add(method, path, handler);
  }

  match(method: string, path: string): Result<T> {
    const key = `${method} ${path}`;
    let answer = this.#answers.get(key);
    if (answer === undefined) {
      answer = this.#inner.match(method, path);
      if (this.#answers.size >= MAX_REMEMBERED) this.#answers.clear();
      this.#answers.set(key, answer);
    }
    return answer;
  }
}
