import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import type { PortTaskReadyDetail } from '../core/events.ts';
import { requestsTo, testEnvironment } from '../testing/test-environment.ts';
// The import defines <porttask-test-widget>; the class is used only as a type.
import '../testing/test-widget.ts';
import type { TestWidget } from '../testing/test-widget.ts';

// Tests the built loader (`npm run build` first), served by the API at /widgets/v1/ exactly
// as partner pages load it: a cross-origin module script.
const { apiUrl, publishableKey, tenantId } = testEnvironment();
const loaderUrl = `${apiUrl}/widgets/v1/porttask.js`;

function injectLoader(url: string, key: string): HTMLScriptElement {
  const script = document.createElement('script');
  script.type = 'module';
  script.src = url;
  script.dataset['publishableKey'] = key;
  document.head.append(script);
  return script;
}

describe('porttask.js (the CDN loader)', () => {
  before(async () => {
    const response = await fetch(loaderUrl);
    if (!response.ok) throw new Error(`${loaderUrl} answered ${response.status}: run \`npm run build\` before the widget tests.`);
  });

  it('publishes its settings and prefetches the configuration from its own origin', async () => {
    const ready = oneEvent(document, 'porttask-ready');
    injectLoader(loaderUrl, publishableKey);
    const event = await ready;
    expect((event.detail as PortTaskReadyDetail).config.tenant.id).to.equal(tenantId);

    const settings = globalThis.PortTask!;
    expect(settings.apiUrl).to.equal(apiUrl);
    expect(settings.publishableKey).to.equal(publishableKey);
    expect(settings.version).to.match(/^\d+\.\d+\.\d+/);
    expect((await settings.config).tenant.id).to.equal(tenantId);
    // The key travels as a query parameter, not a header: a simple request, with no preflight.
    const request = performance.getEntriesByType('resource').find((entry) => entry.name.startsWith(`${apiUrl}/v1/config`));
    expect(request?.name).to.equal(`${apiUrl}/v1/config?key=${encodeURIComponent(publishableKey)}`);
  });

  it('lets elements without attributes use the loader settings and its prefetched configuration', async () => {
    const element = await fixture<TestWidget>(html`<porttask-test-widget></porttask-test-widget>`);
    await element.configurationForTests.settled();
    await element.updateComplete;
    await expect(element).to.be.accessible();
    expect(element.shadowRoot!.querySelector('[part="content"]')!.textContent).to.equal('Test Port Agency');
    expect(requestsTo(`${apiUrl}/v1/config`)).to.equal(1);
  });

  it('does nothing when included a second time', async () => {
    const first = globalThis.PortTask;
    const script = injectLoader(`${loaderUrl}?copy=2`, 'pk_test_other');
    await oneEvent(script, 'load');
    expect(globalThis.PortTask).to.equal(first);
    expect(requestsTo(`${apiUrl}/v1/config`)).to.equal(1);
  });
});
