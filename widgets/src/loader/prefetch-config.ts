import type { WidgetConfig } from '@porttask/sdk';
import type { PortTaskErrorDetail } from '../core/events.ts';

/**
 * Starts `GET /v1/config` as soon as the loader runs, so the configuration is usually there
 * by the time an element's chunk has loaded. Plain `fetch`, not the SDK: the loader must stay
 * under 2 KB gzip.
 *
 * The outcome is announced on `target` (document) with `porttask-ready` or `porttask-error`.
 * A failure is logged once, as one console warning that says what to fix; the returned
 * promise rejects with an error carrying `status`, `code` and `requestId` (like the SDK's) for
 * the elements that adopt it, but never goes unhandled.
 */
export function prefetchConfig(apiUrl: string, publishableKey: string, target: EventTarget): Promise<WidgetConfig> {
  const config = requestConfig(apiUrl, publishableKey);
  config.then(
    (value) => announce(target, 'porttask-ready', { config: value }),
    (error: Error & PortTaskErrorDetail) => {
      console.warn(`PortTask: ${error.message}`);
      const { status, code, message, requestId } = error;
      announce(target, 'porttask-error', { status, code, message, requestId });
    },
  );
  return config;
}

async function requestConfig(apiUrl: string, publishableKey: string): Promise<WidgetConfig> {
  if (!publishableKey) {
    throw failure(0, 'MISSING_API_KEY', 'add data-publishable-key="pk_…" to the <script> tag that loads porttask.js.');
  }
  let response: Response;
  try {
    // The key as a query parameter: a request with no custom header needs no CORS preflight,
    // one round trip less before the banner can show (the API checks the origin the same way).
    response = await fetch(configUrl(apiUrl, publishableKey), { credentials: 'omit' });
  } catch {
    // The browser hides why: the API may be down, or it refused this origin or key (CORS).
    throw failure(
      0,
      'CONNECTION_ERROR',
      `could not load the configuration from ${apiUrl}: the API is down, or it refused this page's origin (${location.origin}) or publishable key.`,
    );
  }
  const body = (await response.json().catch(() => null)) as
    | (WidgetConfig & { error?: { code?: string; message?: string; requestId?: string } })
    | null;
  if (response.ok && body) return body;
  const { code = `HTTP_${response.status}`, message = '', requestId } = body?.error ?? {};
  const advice =
    code === 'ORIGIN_NOT_ALLOWED'
      ? `this page's origin (${location.origin}) is not allowed for the publishable key; add it to the key's allowed origins.`
      : response.status === 401
        ? `the publishable key in data-publishable-key was rejected (${code}); use a current pk_test_… or pk_live_… key.`
        : `the configuration could not be loaded (${response.status} ${code}) ${message}`;
  throw failure(response.status, code, advice, requestId);
}

/** `GET /v1/config?key=…`: the preflight-free form of the configuration request. */
function configUrl(apiUrl: string, publishableKey: string): string {
  return `${apiUrl}/v1/config?key=${encodeURIComponent(publishableKey)}`;
}

function failure(status: number, code: string, message: string, requestId?: string): Error & PortTaskErrorDetail {
  return Object.assign(new Error(message), { status, code, requestId });
}

function announce(target: EventTarget, name: string, detail: unknown): void {
  target.dispatchEvent(new CustomEvent(name, { detail, bubbles: true, composed: true }));
}
