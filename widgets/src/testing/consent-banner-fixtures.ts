/*
 * What every consent-banner test file shares: the real tenant's configuration, a stand-in for
 * the loader, the banner mounted with it, and ways to look into its shadow root.
 */
import { fixture, fixtureCleanup, html, oneEvent } from '@open-wc/testing';
import type { WidgetConfig } from '@porttask/sdk';
import { waitUntil } from './wait-until.ts';
import { testEnvironment } from './test-environment.ts';
import '../elements/consent-banner/porttask-consent-banner.ts';
import type { ConsentBanner, ConsentChangeDetail } from '../elements/consent-banner/porttask-consent-banner.ts';
import type { StoredDecision } from '../consent/storage.ts';
export const { apiUrl, publishableKey, tenantId, unreachableApiUrl } = testEnvironment();

// Consent Mode: every gtag call of this page, in order. Installed before any banner exists.
export const gtagCalls: unknown[][] = [];
(globalThis as { gtag?: unknown }).gtag = (...args: unknown[]) => gtagCalls.push(args);

let realConfig: WidgetConfig;

/** The real tenant's configuration, with cookie patterns and services added to analytics. */
export async function tenantConfig(change: (config: WidgetConfig) => void = () => {}): Promise<WidgetConfig> {
  realConfig ??= await (await fetch(`${apiUrl}/v1/config`, { headers: { 'X-PortTask-Key': publishableKey } })).json();
  const config = structuredClone(realConfig);
  const analytics = config.consent.purposes.find((purpose) => purpose.key === 'analytics')!;
  analytics.services = [{ name: 'Example Analytics', cookies: ['_ga', '_ga_*'] }];
  change(config);
  return config;
}

/** Stands in for the loader: its settings and its prefetched configuration. */
export function loaderSettings(config: WidgetConfig, url = apiUrl): void {
  globalThis.PortTask = { version: 'test', apiUrl: url, publishableKey, config: Promise.resolve(config) };
}

export async function mountBanner(config?: WidgetConfig, url = apiUrl): Promise<ConsentBanner> {
  loaderSettings(config ?? (await tenantConfig()), url);
  const element = await fixture<ConsentBanner>(html`<porttask-consent-banner></porttask-consent-banner>`);
  await waitUntil(() => element.ready, 'the banner got its configuration');
  // Started: its first frame painted, and the code for decisions and focus loaded after it.
  await element.loaded;
  await element.updateComplete;
  return element;
}

export const part = (element: ConsentBanner, name: string) => element.shadowRoot!.querySelector<HTMLElement>(`[part~="${name}"]`);
/** The preferences dialog; null until its chunk has loaded (it is rendered from there). */
export const dialogOf = (element: ConsentBanner) => element.shadowRoot!.querySelector('dialog');
export const focused = (element: ConsentBanner) => element.shadowRoot!.activeElement as HTMLElement | null;
export const switchFor = (element: ConsentBanner, purpose: string) => element.shadowRoot!.querySelector<HTMLInputElement>(`input[data-purpose="${purpose}"]`)!;

export async function nextChange(element: ConsentBanner, reason: ConsentChangeDetail['reason']): Promise<ConsentChangeDetail> {
  for (;;) {
    const event = await oneEvent(element, 'porttask-consent-change');
    const detail = (event as CustomEvent<ConsentChangeDetail>).detail;
    if (detail.reason === reason) return detail;
  }
}

/**
 * Holds the page's first `POST /v1/consents` until `release()`, and records the
 * Idempotency-Key of every one; `restore()` releases and puts the real fetch back.
 */
export function holdFirstConsentPost() {
  const realFetch = window.fetch;
  let release!: () => void;
  const held = new Promise<void>((resolve) => { release = resolve; });
  const sentKeys: string[] = [];
  window.fetch = async (input, init) => {
    if (String(input).endsWith('/v1/consents')) {
      sentKeys.push((init?.headers as Record<string, string>)['Idempotency-Key']!);
      if (sentKeys.length === 1) await held;
    }
    return realFetch(input, init);
  };
  return { sentKeys, release, restore: () => { release(); window.fetch = realFetch; } };
}

export function storeDecision(overrides: Partial<StoredDecision>): void {
  const decision: StoredDecision = {
    subjectId: 'subject_stored_0001',
    choices: { necessary: true, functional: false, analytics: true, marketing: false },
    policyVersion: realConfig.policy!.version,
    decidedAt: new Date(Date.now() - 1_000).toISOString(),
    expiresAt: new Date(Date.now() + 86_400_000).toISOString(),
    source: 'banner',
    gpc: false,
    signals: ['analytics_storage'],
    key: `stored-${Math.random()}`,
    ...overrides,
  };
  localStorage.setItem(`porttask-consent:${tenantId}`, JSON.stringify(decision));
}

/** Every banner test starts with no stored decision and ends with no banner and no loader settings. */
export function resetBetweenTests(): void {
  beforeEach(async () => {
    for (const key of Object.keys(localStorage)) if (key.startsWith('porttask-consent')) localStorage.removeItem(key);
    await tenantConfig();
  });
  afterEach(() => {
    fixtureCleanup();
    globalThis.PortTask = undefined;
  });
}
