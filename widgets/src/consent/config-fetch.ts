import type { WidgetConfig } from '@porttask/sdk';

/**
 * `GET /v1/config` for a banner whose settings differ from the loader's (or that runs without
 * the loader). Not the loader's prefetch helper: importing it would make this immutable chunk
 * import the mutable, short-cached porttask.js. Never throws into the page: the caller catches.
 */
export async function fetchConsentConfig(apiUrl: string, publishableKey: string): Promise<WidgetConfig> {
  // The key as a query parameter: no CORS preflight (see the loader's prefetch-config.ts).
  const response = await fetch(`${apiUrl}/v1/config?key=${encodeURIComponent(publishableKey)}`, { credentials: 'omit' });
  if (!response.ok) throw new Error(`PortTask: the consent configuration could not be loaded (${response.status}).`);
  return (await response.json()) as WidgetConfig;
}
