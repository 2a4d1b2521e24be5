import type { WidgetConfig } from '@porttask/sdk';

/**
 * What the CDN loader (`porttask.js`) leaves on the page for the elements it loads.
 * Elements read it for any setting their own attributes leave out, and reuse the
 * configuration request the loader already started, so a page makes that request once.
 */
export interface PortTaskPageSettings {
  /** Version of the loader that wrote these settings. */
  readonly version: string;
  /** Origin of the API, e.g. `https://api.porttask.example` (no trailing slash, no `/v1`). */
  readonly apiUrl: string;
  /** From the loader's `data-publishable-key`; empty when the tag has none. */
  readonly publishableKey: string;
  /** From the loader's `data-locale`, if any. */
  readonly locale?: string | undefined;
  /** The prefetch of `GET /v1/config`, started when the loader ran. */
  readonly config: Promise<WidgetConfig>;
}

declare global {
  // `var` is what makes this a property of globalThis in a global declaration.
  // eslint-disable-next-line no-var
  var PortTask: PortTaskPageSettings | undefined;
}

/**
 * The loader's prefetched configuration, when it was made for this API and key (else the
 * element must ask itself). The one place elements adopt the loader's request.
 */
export function loaderPrefetch(apiUrl: string, publishableKey: string): Promise<WidgetConfig> | undefined {
  const page = readPageSettings();
  const sameApi = page?.apiUrl.replace(/\/+$/, '') === apiUrl.replace(/\/+$/, '');
  return page?.config && sameApi && page.publishableKey === publishableKey ? page.config : undefined;
}

/** The loader's settings, or undefined on pages that use the npm package without the loader. */
export function readPageSettings(): PortTaskPageSettings | undefined {
  return globalThis.PortTask;
}
