import ky, { HTTPError, TimeoutError, type KyInstance } from 'ky';
import { ConnectionError, PortTaskError, errorFromResponse } from '../errors.ts';
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
  signal?: AbortSignal;
  /** POST only: reuse a key to make a call safe to repeat; one is generated otherwise. */
  idempotencyKey?: string;
}

const RETRY_STATUS_CODES = [408, 409, 429, 500, 502, 503, 504];

/** The transport every resource shares: auth headers, retries, idempotency, typed errors. */
export class HttpCore {
  readonly #ky: KyInstance;

  constructor(options: ClientOptions) {
    if (!options.publishableKey && !options.secretKey) {
      throw new TypeError('createClient needs a publishableKey (browser) or a secretKey (server).');
    }
    if (options.secretKey && typeof window !== 'undefined' && typeof document !== 'undefined') {
      throw new TypeError('A secret key must never be used in a browser. Use the publishable key there.');
    }
    const headers: Record<string, string> = {};
    if (options.publishableKey) headers['X-PortTask-Key'] = options.publishableKey;
    if (options.secretKey) headers['Authorization'] = `Bearer ${options.secretKey}`;
    this.#ky = ky.create({
      prefixUrl: options.apiUrl.replace(/\/+$/, ''),
      headers,
      timeout: options.timeoutMs ?? 30_000,
      ...(options.fetch ? { fetch: options.fetch } : {}),
      retry: {
        limit: options.maxRetries ?? 2,
        // POSTs are retried too: each carries one idempotency key across all its attempts.
        methods: ['get', 'put', 'head', 'delete', 'options', 'post'],
        statusCodes: RETRY_STATUS_CODES,
        afterStatusCodes: [413, 429, 503],
        maxRetryAfter: 60_000,
        backoffLimit: 10_000,
        jitter: true,
        retryOnTimeout: true,
      },
    });
  }

  get<T>(path: string, query?: Query, options: RequestOptions = {}): Promise<T> {
    return this.#send<T>('get', path, { query, signal: options.signal });
  }

  post<T>(path: string, body: unknown, options: RequestOptions = {}): Promise<T> {
    return this.#send<T>('post', path, {
      body,
      signal: options.signal,
      headers: { 'Idempotency-Key': options.idempotencyKey ?? newIdempotencyKey() },
    });
  }

  put<T>(path: string, body: unknown, options: RequestOptions = {}): Promise<T> {
    return this.#send<T>('put', path, { body, signal: options.signal });
  }

  delete<T>(path: string, options: RequestOptions = {}): Promise<T> {
    return this.#send<T>('delete', path, { signal: options.signal });
  }

  async #send<T>(
    method: 'get' | 'post' | 'put' | 'delete',
    path: string,
    request: { query?: Query | undefined; body?: unknown; signal?: AbortSignal | undefined; headers?: Record<string, string> },
  ): Promise<T> {
    try {
      const response = await this.#ky(path.replace(/^\//, ''), {
        method,
        ...(request.query ? { searchParams: definedEntries(request.query) } : {}),
        ...(request.body !== undefined ? { json: request.body } : {}),
        ...(request.signal ? { signal: request.signal } : {}),
        ...(request.headers ? { headers: request.headers } : {}),
      });
      if (response.status === 204) return undefined as T;
      return (await response.json()) as T;
    } catch (error) {
      throw await toPortTaskError(error);
    }
  }
}

function definedEntries(query: Query): Record<string, string> {
  const entries: Record<string, string> = {};
  for (const [name, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '') entries[name] = String(value);
  }
  return entries;
}

async function toPortTaskError(error: unknown): Promise<unknown> {
  if (error instanceof HTTPError) {
    const body: unknown = await error.response.json().catch(() => null);
    return errorFromResponse(error.response.status, body, error.response.headers.get('X-Request-Id'));
  }
  if (error instanceof PortTaskError) return error;
  if (error instanceof DOMException && error.name === 'AbortError') return error;
  if (error instanceof TimeoutError) return new ConnectionError('The API did not answer in time.', { cause: error });
  if (error instanceof TypeError) {
    return new ConnectionError('The API could not be reached (offline, blocked by CORS, or down).', { cause: error });
  }
  return error;
}
