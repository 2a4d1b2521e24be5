/*
 * What a decision does to the page: Google Consent Mode v2 signals, scripts held back as
 * `<script type="text/plain" data-porttask-purpose="…">`, and cookies of refused purposes.
 */
export const CONSENT_MODE_SIGNALS = ['ad_storage', 'ad_user_data', 'ad_personalization', 'analytics_storage'] as const;

type GtagWindow = typeof globalThis & { dataLayer?: unknown[]; gtag?: (...args: unknown[]) => void };

/** Google's own snippet: `gtag()` pushes its `arguments` object onto `dataLayer`. */
function gtag(...args: unknown[]): void {
  const page = globalThis as GtagWindow;
  if (typeof page.gtag !== 'function') {
    page.dataLayer ??= [];
    page.gtag = function () {
      // eslint-disable-next-line prefer-rest-params
      page.dataLayer!.push(arguments);
    };
  }
  page.gtag(...args);
}

let defaultSent = false;

/**
 * Before any choice: all four signals denied. Once per page, and not at all when the page
 * already set a default (consent-mode.js in its <head>, or the partner's own snippet): a second
 * default would not be the first thing Google's tags saw anyway.
 */
export function consentModeDefault(extra: Record<string, unknown> = {}): void {
  const setByPage = (globalThis as GtagWindow).dataLayer?.some((entry) => (entry as ArrayLike<unknown>)?.[0] === 'consent' && (entry as ArrayLike<unknown>)[1] === 'default');
  if (defaultSent || setByPage) return;
  defaultSent = true;
  gtag('consent', 'default', { ...Object.fromEntries(CONSENT_MODE_SIGNALS.map((signal) => [signal, 'denied'])), ...extra });
}

/** After a choice (or a stored one): every one of the four signals, granted or denied. */
export function consentModeUpdate(granted: readonly string[]): void {
  gtag('consent', 'update', Object.fromEntries(CONSENT_MODE_SIGNALS.map((signal) => [signal, granted.includes(signal) ? 'granted' : 'denied'])));
}

/**
 * Runs the held-back scripts whose purposes (space-separated) are all granted. A script
 * element only runs when it is inserted, so each placeholder is replaced by a copy with its
 * real type (`data-porttask-type`, default classic); its nonce carries over, so pages with
 * a nonce-based CSP keep working.
 */
export function activateScripts(granted: ReadonlySet<string>, root: ParentNode = document): void {
  for (const placeholder of root.querySelectorAll<HTMLScriptElement>('script[type="text/plain"][data-porttask-purpose]')) {
    const purposes = (placeholder.dataset['porttaskPurpose'] ?? '').split(/\s+/).filter(Boolean);
    if (purposes.length === 0 || !purposes.every((purpose) => granted.has(purpose))) continue;
    const script = document.createElement('script');
    for (const { name, value } of placeholder.attributes) if (name !== 'type') script.setAttribute(name, value);
    const type = placeholder.dataset['porttaskType'];
    if (type) script.type = type;
    if (placeholder.nonce) script.nonce = placeholder.nonce;
    script.text = placeholder.text;
    placeholder.replaceWith(script);
  }
}

/**
 * Expires every cookie whose name matches one of the patterns (`*` = any characters), on
 * this host and each parent domain, at `/` and each prefix of the current path: a cookie is
 * only removed by the same domain and path it was set with, and the page cannot read those.
 */
export function clearCookies(patterns: readonly string[]): string[] {
  if (patterns.length === 0) return [];
  const matchers = patterns.map((pattern) => new RegExp(`^${pattern.replace(/[.+?^${}()|[\]\\-]/g, '\\$&').replace(/\*/g, '.*')}$`));
  const names = document.cookie.split(';').map((cookie) => cookie.split('=')[0]!.trim()).filter((name) => matchers.some((matcher) => matcher.test(name)));
  const labels = location.hostname.split('.');
  const domains = [undefined, ...labels.map((_, index) => labels.slice(index).join('.')).filter((domain) => domain.includes('.'))];
  const segments = location.pathname.split('/').filter(Boolean);
  const paths = ['/', ...segments.map((_, index) => `/${segments.slice(0, index + 1).join('/')}`)];
  for (const name of names) {
    for (const domain of domains) {
      for (const path of paths) {
        document.cookie = `${name}=; expires=Thu, 01 Jan 1970 00:00:00 GMT; path=${path}${domain ? `; domain=${domain}` : ''}`;
      }
    }
  }
  return names;
}
