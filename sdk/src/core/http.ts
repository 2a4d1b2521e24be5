import ky, { HTTPError, TimeoutError, type KyInstance } from 'ky';
import { ConnectionError, errorFromResponse } from '../errors.ts';
import { newIdempotencyKey } from './idempotency.ts';

export interface ClientOptions {
  /** Base URL of the API, e.g. `https://api.porttask.example` (no `/v1`). */
  apiUrl: string;
  /** `pk_test_…`/`pk_live_…`: browsers. Sent as `X-PortTask-Key`. */
  publishableKey?: string;
  /** `sk_test_…`/`sk_live_…`: servers only. Sent as `Authorization: Bearer`. */
  secretKey?: string;
  /**
   * A signed-in staff member's access token (what `<porttask-login>` hands the page), or a
   * function that gives the current one (called before every attempt, so a renewed token is
   * picked up): `() => loginElement.accessToken`. Sent as `Authorization: Bearer`; the API
   * admits it on the operations its role may call. It names its publishable key, so none is
   * needed with it; use it from the page it was handed to (the browser sends that Origin).
   */
  accessToken?: string | (() => string | Promise<string>);
  /** Retries after the first attempt, for 408/429/5xx, a 409 saying the same request is still in progress, and network errors. Default 2. */
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
  /**
   * `false`: retry only when the API answered (a 429 or 5xx, after which nothing was kept),
   * never after a timeout or a lost connection, when the first attempt may have been applied.
   * For calls that must not run twice and are not made safe by an idempotency key (a refresh
   * token is good for one use: a second use revokes the sign-in). Default `true`.
   */
  retryUnanswered?: boolean | undefined;
}

/** A body sent as it is (an NDJSON or CSV import), not as JSON. */
export interface TextBody {
  text: string;
  contentType: string;
}

const RETRY_STATUS_CODES = [408, 409, 429, 500, 502, 503, 504];
/**
 * The one 409 worth repeating: the same idempotent request is still being worked on. Every
 * other 409 (an invalid state change, a locked request, a key reused with another body) is
 * the answer, and repeating the call cannot change it.
 */
const RETRYABLE_CONFLICT = 'IDEMPOTENCY_REQUEST_IN_PROGRESS';
/** A server asking us to wait longer than this is treated as an answer, not a pause. */
const MAX_RETRY_AFTER_MS = 60_000;
const MAX_BACKOFF_MS = 10_000;

/**
 * The transport every resource shares, on ky 1.x (ky 2 needs Node 22; Node 20 is our floor):
 * auth headers, a per-attempt timeout, retries on 408/429/5xx, an in-progress 409 and network errors
 * (honouring `Retry-After`, else full-jitter backoff; POST too, which the idempotency key
 * makes safe), one idempotency key per POST across its retries (a `beforeRequest` hook), and
 * typed errors. The consent banner does not load this: it has its own tiny sender.
 */
export class HttpCore {
  readonly #baseUrl: string;
  readonly #headers: Record<string, string>;
  readonly #fetch: typeof fetch;
  readonly #ky: KyInstance;
  readonly #bearer: (() => Promise<string>) | undefined;

  constructor(options: ClientOptions) {
    if (!options.publishableKey && !options.secretKey && !options.accessToken) {
      throw new TypeError('createClient needs a publishableKey (browser), a secretKey (server) or a staff accessToken.');
    }
    if (options.accessToken && (options.publishableKey || options.secretKey)) {
      throw new TypeError('An accessToken is used alone: it names its publishable key. Make a second client for calls with a key.');
    }
    if (options.secretKey && typeof window !== 'undefined' && typeof document !== 'undefined') {
      throw new TypeError('A secret key must never be used in a browser. Use the publishable key there.');
    }
    this.#baseUrl = options.apiUrl.replace(/\/+$/, '');
    this.#headers = { Accept: 'application/json' };
    if (options.publishableKey) this.#headers['X-PortTask-Key'] = options.publishableKey;
    if (options.secretKey) this.#headers['Authorization'] = `Bearer ${options.secretKey}`;
    const accessToken = options.accessToken;
    this.#bearer = accessToken === undefined ? undefined : async () => `Bearer ${typeof accessToken === 'function' ? await accessToken() : accessToken}`;
    this.#fetch = options.fetch ?? ((input, init) => fetch(input, init));
    this.#ky = ky.create({
      headers: this.#headers,
      credentials: 'omit',
      timeout: options.timeoutMs ?? 30_000,
      fetch: this.#fetch,
      retry: {
        limit: options.maxRetries ?? 2,
        methods: ['get', 'put', 'delete', 'post'],
        statusCodes: RETRY_STATUS_CODES,
        afterStatusCodes: RETRY_STATUS_CODES,
        retryOnTimeout: true,
        delay: (attempt) => backoff(attempt - 1),
        shouldRetry: retryAnswer,
      },
      hooks: {
        // Runs before every attempt; the key set on the first stays on the request for the retries.
        beforeRequest: [async (request) => {
          if (request.method === 'POST' && !request.headers.has('Idempotency-Key')) request.headers.set('Idempotency-Key', newIdempotencyKey());
          // The newest access token on every attempt: a retry after a renewal sends the new one.
          if (this.#bearer) request.headers.set('Authorization', await this.#bearer());
        }],
      },
    });
  }

  get<T>(path: string, query?: Query, options: RequestOptions = {}): Promise<T> {
    return this.#send<T>('GET', path, { query, signal: options.signal, ...(options.headers ? { headers: options.headers } : {}) });
  }

  post<T>(path: string, body: unknown, options: RequestOptions & { query?: Query } = {}): Promise<T> {
    // Without a key of the caller's, the beforeRequest hook makes one.
    const headers: Record<string, string> = { ...options.headers, ...(options.idempotencyKey ? { 'Idempotency-Key': options.idempotencyKey } : {}) };
    return this.#send<T>('POST', path, { body, query: options.query, signal: options.signal, headers, retryUnanswered: options.retryUnanswered });
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
  async fetch(url: string, init: RequestInit & { headers?: Record<string, string> }): Promise<Response> {
    const bearer: Record<string, string> = this.#bearer ? { Authorization: await this.#bearer() } : {};
    return await this.#fetch(url, { credentials: 'omit', ...init, headers: { ...this.#headers, ...bearer, ...init.headers } });
  }

  async #send<T>(method: string, path: string, request: { query?: Query | undefined; body?: unknown; signal?: AbortSignal | undefined; headers?: Record<string, string>; retryUnanswered?: boolean | undefined }): Promise<T> {
    const text = isTextBody(request.body) ? request.body : undefined;
    const headers = { ...request.headers, ...(text ? { 'Content-Type': text.contentType } : {}) };
    const body = text ? { body: text.text } : request.body !== undefined ? { json: request.body } : {};
    const retry = request.retryUnanswered === false ? { retry: { shouldRetry: retryOnlyAnswer } } : {};
    let response: Response;
    try {
      response = await this.#ky(this.url(path, request.query), { method, headers, signal: request.signal, ...body, ...retry });
    } catch (error) {
      throw await typedError(error, request.signal);
    }
    return (response.status === 204 ? undefined : await response.json()) as T;
  }
}

/**
 * Which answers are worth repeating, beyond ky's own rules (`undefined`: ky decides): not one
 * that asks to wait longer than we will, nor a 409 that is the answer itself.
 */
async function retryAnswer({ error }: { error: Error }): Promise<boolean | undefined> {
  if (!(error instanceof HTTPError)) return undefined;
  if (retryAfterMs(error.response) > MAX_RETRY_AFTER_MS) return false;
  if (error.response.status === 409 && (await errorCode(error.response)) !== RETRYABLE_CONFLICT) return false;
  return undefined;
}

/** The same, but never without an answer: a timeout or a lost connection may hide an applied call. */
async function retryOnlyAnswer({ error }: { error: Error }): Promise<boolean | undefined> {
  return error instanceof HTTPError ? await retryAnswer({ error }) : false;
}

/** ky's errors as the SDK's typed ones (`AuthenticationError`, `ValidationError`, … or `ConnectionError`). */
async function typedError(error: unknown, signal: AbortSignal | undefined): Promise<unknown> {
  if (signal?.aborted) return signal.reason ?? error;
  if (error instanceof HTTPError) {
    const body: unknown = await error.response.json().catch(() => null);
    return errorFromResponse(error.response.status, body, error.response.headers.get('X-Request-Id'), error.response.headers.get('Retry-After'));
  }
  if (error instanceof TimeoutError) return new ConnectionError('The API did not answer in time.', { cause: error });
  return new ConnectionError('The API could not be reached (offline, blocked by CORS, or down).', { cause: error });
}

function isTextBody(body: unknown): body is TextBody {
  return typeof body === 'object' && body !== null && typeof (body as TextBody).text === 'string' && typeof (body as TextBody).contentType === 'string' && Object.keys(body).length === 2;
}

/** Full jitter: spreads a crowd of clients retrying after one outage. */
export function backoff(attempt: number): number {
  return Math.random() * Math.min(MAX_BACKOFF_MS, 300 * 2 ** attempt);
}

/** The error code of an answer, read from a copy so the caller can still read the body. */
async function errorCode(response: Response): Promise<string | undefined> {
  const body: unknown = await response.clone().json().catch(() => null);
  const code = (body as { error?: { code?: unknown } } | null)?.error?.code;
  return typeof code === 'string' ? code : undefined;
}

/** How long the server asked us to wait; 0 when it did not say. */
function retryAfterMs(response: Response): number {
  const header = response.headers.get('Retry-After');
  if (!header) return 0;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(header);
  return Number.isNaN(date) ? 0 : Math.max(0, date - Date.now());
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
