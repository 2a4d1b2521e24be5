import { ConnectionError, errorFromResponse } from '../errors.ts';
import { newIdempotencyKey } from './idempotency.ts';

export interface ClientOptions {
  /** Base URL of the API, e.g. `https://api.porttask.example` (no `/v1`). */
  apiUrl: string;
  /** `pk_test_…`/`pk_live_…`: browsers. Sent as `X-PortTask-Key`. */
  publishableKey?: string;
  /** `sk_test_…`/`sk_live_…`: servers only. Sent as `Authorization: Bearer`. */
  secretKey?: string;
  /** Retries after the first attempt, for 408/409/429/5xx and network errors. Default 2. */
  maxRetries?: number;
  /** Per-attempt timeout in milliseconds. Default 30 000. */
  timeoutMs?: number;
  /** A `fetch` to use instead of the global one (tests, proxies, edge runtimes). */
  fetch?: typeof fetch;
}

export type Query = Record<string, string | number | boolean | undefined | null>;

export interface RequestOptions {
  signal?: AbortSignal | undefined;
  /** POST only: reuse a key to make a call safe to repeat; one is generated otherwise. */
  idempotencyKey?: string | undefined;
  /** Headers a call needs beyond the key (e.g. a rights request's requester token). */
  headers?: Record<string, string> | undefined;
}

/** A body sent as it is (an NDJSON or CSV import), not as JSON. */
export interface TextBody {
  text: string;
  contentType: string;
}

const RETRY_STATUS_CODES = new Set([408, 409, 429, 500, 502, 503, 504]);
/** A server asking us to wait longer than this is treated as an answer, not a pause. */
const MAX_RETRY_AFTER_MS = 60_000;
const MAX_BACKOFF_MS = 10_000;

/**
 * The transport every resource shares: auth headers, timeouts, retries (honouring
 * `Retry-After`, with full-jitter backoff), one idempotency key per POST across its retries,
 * and typed errors.
 *
 * Written on `fetch` rather than ky on purpose: every widget ships this code, and ky alone is
 * ~5 KB gzip — a third of the consent banner's whole 15 KB budget (DESIGN §7b). What we need
 * of it is the ~100 lines below.
 */
export class HttpCore {
  readonly #baseUrl: string;
  readonly #headers: Record<string, string>;
  readonly #maxRetries: number;
  readonly #timeoutMs: number;
  readonly #fetch: typeof fetch;

  constructor(options: ClientOptions) {
    if (!options.publishableKey && !options.secretKey) {
      throw new TypeError('createClient needs a publishableKey (browser) or a secretKey (server).');
    }
    if (options.secretKey && typeof window !== 'undefined' && typeof document !== 'undefined') {
      throw new TypeError('A secret key must never be used in a browser. Use the publishable key there.');
    }
    this.#baseUrl = options.apiUrl.replace(/\/+$/, '');
    this.#headers = { Accept: 'application/json' };
    if (options.publishableKey) this.#headers['X-PortTask-Key'] = options.publishableKey;
    if (options.secretKey) this.#headers['Authorization'] = `Bearer ${options.secretKey}`;
    this.#maxRetries = options.maxRetries ?? 2;
    this.#timeoutMs = options.timeoutMs ?? 30_000;
    this.#fetch = options.fetch ?? ((input, init) => fetch(input, init));
  }

  get<T>(path: string, query?: Query, options: RequestOptions = {}): Promise<T> {
    return this.#send<T>('GET', path, { query, signal: options.signal, ...(options.headers ? { headers: options.headers } : {}) });
  }

  post<T>(path: string, body: unknown, options: RequestOptions & { query?: Query } = {}): Promise<T> {
    return this.#send<T>('POST', path, { body, query: options.query, signal: options.signal, headers: { ...options.headers, 'Idempotency-Key': options.idempotencyKey ?? newIdempotencyKey() } });
  }

  /** POSTs a text body (`{ text, contentType }`), retried like every POST under one idempotency key. */
  postText<T>(path: string, body: TextBody, options: RequestOptions & { query?: Query } = {}): Promise<T> {
    return this.post<T>(path, body, options);
  }

  put<T>(path: string, body: unknown, options: RequestOptions = {}): Promise<T> {
    return this.#send<T>('PUT', path, { body, signal: options.signal });
  }

  patch<T>(path: string, body: unknown, options: RequestOptions = {}): Promise<T> {
    return this.#send<T>('PATCH', path, { body, signal: options.signal });
  }

  delete<T>(path: string, options: RequestOptions = {}): Promise<T> {
    return this.#send<T>('DELETE', path, { signal: options.signal });
  }

  /** The absolute URL of a path, with the query's defined values. */
  url(path: string, query?: Query): string {
    const url = new URL(`${this.#baseUrl}${path}`);
    for (const [name, value] of Object.entries(query ?? {})) {
      if (value !== undefined && value !== null && value !== '') url.searchParams.set(name, String(value));
    }
    return url.toString();
  }

  /** A plain fetch with the client's key, for what is not request/answer JSON (live streams). */
  fetch(url: string, init: RequestInit & { headers?: Record<string, string> }): Promise<Response> {
    return this.#fetch(url, { credentials: 'omit', ...init, headers: { ...this.#headers, ...init.headers } });
  }

  async #send<T>(method: string, path: string, request: { query?: Query | undefined; body?: unknown; signal?: AbortSignal | undefined; headers?: Record<string, string> }): Promise<T> {
    const url = this.url(path, request.query);
    const text = isTextBody(request.body) ? request.body : undefined;
    const contentType = text?.contentType ?? (request.body !== undefined ? 'application/json' : undefined);
    const headers = { ...this.#headers, ...request.headers, ...(contentType ? { 'Content-Type': contentType } : {}) };
    const body = text ? text.text : request.body !== undefined ? JSON.stringify(request.body) : undefined;
    for (let attempt = 0; ; attempt++) {
      const timeout = withTimeout(request.signal, this.#timeoutMs);
      let response: Response;
      try {
        response = await this.#fetch(url, { method, headers, body, signal: timeout.signal, credentials: 'omit' });
      } catch (error) {
        if (request.signal?.aborted) throw request.signal.reason ?? error;
        if (attempt < this.#maxRetries) {
          await sleep(backoff(attempt), request.signal);
          continue;
        }
        throw new ConnectionError(
          timeout.timedOut() ? 'The API did not answer in time.' : 'The API could not be reached (offline, blocked by CORS, or down).',
          { cause: error },
        );
      } finally {
        timeout.clear();
      }
      if (response.ok) return (response.status === 204 ? undefined : await response.json()) as T;
      if (RETRY_STATUS_CODES.has(response.status) && attempt < this.#maxRetries) {
        const wait = retryAfterMs(response) ?? backoff(attempt);
        if (wait <= MAX_RETRY_AFTER_MS) {
          await response.body?.cancel();
          await sleep(wait, request.signal);
          continue;
        }
      }
      const errorBody: unknown = await response.json().catch(() => null);
      throw errorFromResponse(response.status, errorBody, response.headers.get('X-Request-Id'));
    }
  }
}

function isTextBody(body: unknown): body is TextBody {
  return typeof body === 'object' && body !== null && typeof (body as TextBody).text === 'string' && typeof (body as TextBody).contentType === 'string' && Object.keys(body).length === 2;
}

/** Full jitter: spreads a crowd of clients retrying after one outage. */
export function backoff(attempt: number): number {
  return Math.random() * Math.min(MAX_BACKOFF_MS, 300 * 2 ** attempt);
}

function retryAfterMs(response: Response): number | undefined {
  const header = response.headers.get('Retry-After');
  if (!header) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}

/** Waits, or rejects with the abort reason as soon as the signal aborts. */
export function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal!.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** The caller's signal, plus a per-attempt timeout (AbortSignal.any is too new for some browsers). */
function withTimeout(outer: AbortSignal | undefined, ms: number) {
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort(new DOMException('The request timed out.', 'TimeoutError'));
  }, ms);
  const forward = () => controller.abort(outer?.reason);
  if (outer?.aborted) forward();
  else outer?.addEventListener('abort', forward, { once: true });
  return {
    signal: controller.signal,
    timedOut: () => timedOut,
    clear() {
      clearTimeout(timer);
      outer?.removeEventListener('abort', forward);
    },
  };
}
