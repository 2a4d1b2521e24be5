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
    console.warn(
      `PortTask: <${tagName}> is already defined by another copy of the PortTask widgets; keeping the first one. ` +
        'Load the widgets once (either the porttask.js script or the npm package).',
    );
  }
}
