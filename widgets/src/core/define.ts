/**
 * Registers a custom element unless the tag is already taken. A page can end up with our code
 * twice (the CDN loader and the npm package, or two script tags with different versions);
 * `customElements.define` would throw the second time and break the host page. The first
 * definition wins; a different class under the same tag is reported once, without throwing.
 */
export function defineElement(tagName: string, elementClass: CustomElementConstructor): void {
  const existing = customElements.get(tagName);
  if (existing === undefined) {
    customElements.define(tagName, elementClass);
    return;
  }
  if (existing !== elementClass) {
    // Short: every element's first load carries this sentence (the `base` chunk).
    console.warn(`PortTask: <${tagName}> is defined twice (porttask.js and the npm package, or two versions); the first stays.`);
  }
}
