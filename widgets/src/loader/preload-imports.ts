/**
 * The chunks each element's chunk imports, written over this placeholder by the CDN build (the
 * `preload-imports` plugin in rollup.config.mjs) as `tag:chunk,chunk;tag:chunk…`, with the
 * `porttask-` of tags and the `chunks/` and `.js` of files left out (a compact form: the loader
 * is on every page's critical path). Outside the CDN build (tests, the npm package) it stays
 * the placeholder and nothing is preloaded.
 */
const ELEMENT_IMPORTS = '__PORTTASK_ELEMENT_IMPORTS__';

/**
 * Asks for an element's imported chunks (Lit, the shared base, …) together with its own chunk,
 * as `<link rel="modulepreload">`: without it the browser finds them only once the element's
 * chunk has arrived, one more round trip before the element can render (docs/benchmarks.md).
 */
export function preloadImports(tag: string, root: Document): void {
  for (const entry of ELEMENT_IMPORTS.split(';')) {
    const [name, files = ''] = entry.split(':');
    if (`porttask-${name}` !== tag) continue;
    for (const file of files.split(',')) {
      const link = root.createElement('link');
      link.rel = 'modulepreload';
      link.href = new URL(`chunks/${file}.js`, import.meta.url).href;
      root.head.append(link);
    }
  }
}
