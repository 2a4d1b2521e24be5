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
  const fail = async (status: number, code: string, message = '', requestId?: string): Promise<never> => {
    // The advice is a chunk of its own (config-advice.ts); if even that cannot load, the
    // status and code still say what happened.
    const advice = await import('./config-advice.ts').then(
      ({ configAdvice }) => configAdvice(status, code, message, apiUrl),
      () => `the configuration could not be loaded from ${apiUrl} (${status} ${code}) ${message}`,
    );
    throw Object.assign(new Error(advice), { status, code, requestId });
  };
  if (!publishableKey) return fail(0, 'MISSING_API_KEY');
  let response: Response;
  try {
    // The key as a query parameter: a request with no custom header needs no CORS preflight,
    // one round trip less before the banner can show (the API checks the origin the same way).
    response = await fetch(configUrl(apiUrl, publishableKey), { credentials: 'omit' });
  } catch {
    return fail(0, 'CONNECTION_ERROR');
  }
  const body = (await response.json().catch(() => null)) as
    | (WidgetConfig & { error?: { code?: string; message?: string; requestId?: string } })
    | null;
  if (response.ok && body) return body;
  const { code = `HTTP_${response.status}`, message, requestId } = body?.error ?? {};
  return fail(response.status, code, message, requestId);
}

/** `GET /v1/config?key=…`: the preflight-free form of the configuration request. */
function configUrl(apiUrl: string, publishableKey: string): string {
  return `${apiUrl}/v1/config?key=${encodeURIComponent(publishableKey)}`;
}

function announce(target: EventTarget, name: string, detail: unknown): void {
  target.dispatchEvent(new CustomEvent(name, { detail, bubbles: true, composed: true }));
}
