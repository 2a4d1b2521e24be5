import type { WidgetConfig } from '@porttask/sdk';
import { connectionKey, sharedClient } from './client-cache.ts';
import { loaderPrefetch } from './page-settings.ts';

/**
 * One `GET /v1/config` per API + key per page, however many elements ask. The first caller
 * starts the request (or adopts the loader's prefetch); later callers wait for the same one.
 * A failed request is forgotten so Retry asks again; a successful one is kept for the page.
 * Each caller can give up with its own AbortSignal; the request itself is aborted only when
 * every caller has given up.
 */
interface SharedRequest {
  readonly promise: Promise<WidgetConfig>;
  readonly controller: AbortController;
  /** False for the loader's prefetch, which is not ours to abort. */
  readonly abortable: boolean;
  /** Callers with a signal that are still waiting. */
  waiting: number;
  /** A caller without a signal waits until the end, so the request must not be aborted. */
  pinned: boolean;
  settled: boolean;
}

const requests = new Map<string, SharedRequest>();
/** Loader prefetches already adopted once; a failed one is not adopted again on retry. */
const adoptedPrefetches = new WeakSet<Promise<WidgetConfig>>();

export function fetchWidgetConfig(apiUrl: string, publishableKey: string, signal?: AbortSignal): Promise<WidgetConfig> {
  if (signal?.aborted) return Promise.reject(signal.reason);
  const key = connectionKey(apiUrl, publishableKey);
  let request = requests.get(key);
  if (!request) {
    request = startRequest(apiUrl, publishableKey, key);
    requests.set(key, request);
  }
  return follow(request, key, signal);
}

function startRequest(apiUrl: string, publishableKey: string, key: string): SharedRequest {
  const controller = new AbortController();
  const prefetch = adoptablePrefetch(apiUrl, publishableKey);
  const promise = prefetch ?? sharedClient(apiUrl, publishableKey).config.get({ signal: controller.signal });
  const request: SharedRequest = { promise, controller, abortable: !prefetch, waiting: 0, pinned: false, settled: false };
  promise.then(
    () => {
      request.settled = true;
    },
    () => {
      request.settled = true;
      forget(key, request);
    },
  );
  return request;
}

/** The loader's prefetch, when it was made for the same API and key and not adopted before. */
function adoptablePrefetch(apiUrl: string, publishableKey: string): Promise<WidgetConfig> | undefined {
  const prefetch = loaderPrefetch(apiUrl, publishableKey);
  if (!prefetch || adoptedPrefetches.has(prefetch)) return undefined;
  adoptedPrefetches.add(prefetch);
  return prefetch;
}

function follow(request: SharedRequest, key: string, signal: AbortSignal | undefined): Promise<WidgetConfig> {
  if (!signal) {
    request.pinned = true;
    return request.promise;
  }
  request.waiting += 1;
  return new Promise<WidgetConfig>((resolve, reject) => {
    let stillWaiting = true;
    /** True the first time only: a caller stops waiting once, by answer or by abort. */
    const stopWaiting = (): boolean => {
      if (!stillWaiting) return false;
      stillWaiting = false;
      request.waiting -= 1;
      signal.removeEventListener('abort', giveUp);
      return true;
    };
    const giveUp = (): void => {
      if (!stopWaiting()) return;
      if (request.waiting === 0 && !request.pinned && !request.settled && request.abortable) {
        request.controller.abort(signal.reason);
        forget(key, request);
      }
      reject(signal.reason);
    };
    signal.addEventListener('abort', giveUp);
    request.promise.then(
      (config) => {
        if (stopWaiting()) resolve(config);
      },
      (error: unknown) => {
        if (stopWaiting()) reject(error);
      },
    );
  });
}

function forget(key: string, request: SharedRequest): void {
  if (requests.get(key) === request) requests.delete(key);
}
