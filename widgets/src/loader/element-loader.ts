import type { ElementRegistry } from './registry.ts';

export interface ElementLoader {
  /** Tags whose module has been requested (or that were already defined). */
  readonly requested: ReadonlySet<string>;
  /** Stops watching the page. */
  disconnect(): void;
}

/**
 * Loads each registered element's module once its tag is in `root`: at once for tags already
 * there, and later for tags a framework or script adds (a MutationObserver over the subtree).
 * Stops watching when every tag has been requested. A module that fails to load is reported
 * once and does not affect the others or the page.
 *
 * Tags inside other components' shadow roots are not seen; such apps import the elements
 * from the npm package instead.
 */
export function createElementLoader(
  registry: ElementRegistry,
  root: Document | Element | DocumentFragment,
  /** Called as a tag's module is requested: the loader preloads the chunks that module imports. */
  onRequest: (tag: string) => void = () => {},
): ElementLoader {
  const tags = Object.keys(registry) as (keyof ElementRegistry)[];
  const requested = new Set<string>();
  const observer = new MutationObserver(scan);

  function scan(): void {
    for (const tag of tags) {
      if (requested.has(tag)) continue;
      // Already defined, e.g. by the npm package: nothing to load.
      if (customElements.get(tag)) requested.add(tag);
      else if (root.querySelector(tag)) {
        requested.add(tag);
        onRequest(tag);
        registry[tag]!().catch((error: unknown) => console.warn(`PortTask: <${tag}> could not be loaded.`, error));
      }
    }
    if (requested.size === tags.length) observer.disconnect();
  }

  observer.observe(root, { childList: true, subtree: true });
  scan();
  return { requested, disconnect: () => observer.disconnect() };
}
