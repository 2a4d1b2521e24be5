/**
 * @porttask/widgets: PortTask Embed web components.
 *
 * Importing this module defines no elements by itself; import an element's module
 * (e.g. `@porttask/widgets/consent-banner`, added with that element) to register its tag.
 * The core below is what every element is built from, exported for partners who extend them.
 */
export * from './core/index.ts';
