import { expect, fixture, html } from '@open-wc/testing';
import { waitUntil } from '../testing/wait-until.ts';
import { createElementLoader, type ElementLoader } from './element-loader.ts';
import type { ElementRegistry } from './registry.ts';

describe('createElementLoader', () => {
  let loader: ElementLoader | undefined;
  afterEach(() => loader?.disconnect());

  it('loads an element module only once its tag appears in the page', async () => {
    const loads: string[] = [];
    const registry: ElementRegistry = {
      'porttask-loader-fixture': () => {
        loads.push('porttask-loader-fixture');
        return import('./test-fixtures/porttask-loader-fixture.ts');
      },
      'porttask-never-used': () => {
        loads.push('porttask-never-used');
        return Promise.resolve();
      },
    };
    const container = await fixture(html`<div></div>`);
    loader = createElementLoader(registry, document);
    expect(loads).to.deep.equal([]);
    expect(customElements.get('porttask-loader-fixture')).to.equal(undefined);

    // Added later and deep in the tree, the way a framework renders it.
    container.innerHTML = '<section><p><porttask-loader-fixture></porttask-loader-fixture></p></section>';
    await waitUntil(() => customElements.get('porttask-loader-fixture'), 'the element module was not loaded');
    expect(loads).to.deep.equal(['porttask-loader-fixture']);

    // A second instance does not load the module again.
    container.append(document.createElement('porttask-loader-fixture'));
    await new Promise((resolve) => setTimeout(resolve));
    expect(loads).to.deep.equal(['porttask-loader-fixture']);
    expect([...loader.requested]).to.deep.equal(['porttask-loader-fixture']);
  });

  it('loads tags already in the page at once, skips tags already defined, and then stops watching', async () => {
    await fixture(html`<div><porttask-present></porttask-present></div>`);
    customElements.define('porttask-defined-elsewhere', class extends HTMLElement {});
    const loads: string[] = [];
    loader = createElementLoader(
      {
        'porttask-present': () => {
          loads.push('porttask-present');
          return Promise.resolve();
        },
        'porttask-defined-elsewhere': () => {
          loads.push('porttask-defined-elsewhere');
          return Promise.resolve();
        },
      },
      document,
    );
    expect(loads).to.deep.equal(['porttask-present']);
    expect(loader.requested.size).to.equal(2);
  });

  it('reports a module that fails to load with one warning, without throwing into the page', async () => {
    const warnings: unknown[][] = [];
    const warn = console.warn;
    console.warn = (...message: unknown[]) => warnings.push(message);
    try {
      await fixture(html`<div><porttask-broken></porttask-broken></div>`);
      loader = createElementLoader({ 'porttask-broken': () => Promise.reject(new Error('404')) }, document);
      await waitUntil(() => warnings.length === 1, 'no warning');
      expect(String(warnings[0]![0])).to.contain('<porttask-broken> could not be loaded');
    } finally {
      console.warn = warn;
    }
  });
});
