/*
 * Google Consent Mode v2: the denied default before any choice, and the update after one. Apart
 * from the other effects (effects.ts): the banner sets the default as it starts, in its first
 * load, while everything else a decision does is fetched after its first frame.
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
