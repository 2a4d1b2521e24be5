/**
 * The CDN loader, served as `/widgets/v1/porttask.js`:
 *
 *   <script type="module" src="https://api.porttask.example/widgets/v1/porttask.js"
 *           data-publishable-key="pk_live_…"></script>
 *
 * Reads its own `data-*` settings, publishes them as `globalThis.PortTask` for the elements,
 * prefetches the tenant's configuration, and loads each element's chunk when its tag appears.
 * Budget: 2 KB gzip (docs/benchmarks.md); it imports no code the elements share, so it stays small and
 * elements' immutable chunks never depend on this mutable file.
 */
import { createElementLoader } from './element-loader.ts';
import { prefetchConfig } from './prefetch-config.ts';
import { preloadImports } from './preload-imports.ts';
import { elementRegistry } from './registry.ts';

declare const __PORTTASK_VERSION__: string;

// A second copy (two script tags, or a different URL of the same file) leaves the first in charge.
if (!globalThis.PortTask) {
  // Module scripts have no document.currentScript; find our tag by its resolved URL.
  const ownScript = [...document.querySelectorAll<HTMLScriptElement>('script[src]')].find(
    (script) => script.src === import.meta.url,
  );
  const settings = ownScript?.dataset ?? {};
  const apiUrl = (settings['apiUrl'] || new URL(import.meta.url).origin).replace(/\/+$/, '');
  const publishableKey = settings['publishableKey'] ?? '';
  globalThis.PortTask = {
    version: __PORTTASK_VERSION__,
    apiUrl,
    publishableKey,
    locale: settings['locale'],
    config: prefetchConfig(apiUrl, publishableKey, document),
  };
  createElementLoader(elementRegistry, document, (tag) => preloadImports(tag, document));
}
