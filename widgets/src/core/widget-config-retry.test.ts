import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { waitUntil } from '../testing/wait-until.ts';
import { testEnvironment } from '../testing/test-environment.ts';
// The import defines <porttask-test-widget>; the class is used only as a type.
import '../testing/test-widget.ts';
import type { TestWidget } from '../testing/test-widget.ts';

// Its own test file (its own page): these tests need the page's configuration cache to be empty.
const { apiUrl, publishableKey } = testEnvironment();
const realFetch = window.fetch;

function part(element: HTMLElement, name: string): HTMLElement | null {
  return element.shadowRoot!.querySelector<HTMLElement>(`[part~="${name}"]`);
}

describe('PortTaskElement retry and abort', () => {
  afterEach(() => {
    window.fetch = realFetch;
  });

  it('Retry recovers once the network is back, and moves focus to the content', async () => {
    // The network is down: every attempt fails the way fetch fails offline.
    window.fetch = () => Promise.reject(new TypeError('Failed to fetch'));
    const element = await fixture<TestWidget>(
      html`<porttask-test-widget api-url=${apiUrl} publishable-key=${publishableKey}></porttask-test-widget>`,
    );
    await oneEvent(element, 'porttask-error');
    await element.updateComplete;
    await expect(element).to.be.accessible();
    expect(part(element, 'error')!.textContent).to.contain('cannot be reached');

    window.fetch = realFetch;
    part(element, 'retry-button')!.focus();
    part(element, 'retry-button')!.click();
    await oneEvent(element, 'porttask-ready');
    await element.updateComplete;
    await expect(element).to.be.accessible();
    expect(part(element, 'content')!.textContent).to.equal('Test Port Agency');
    expect(element.shadowRoot!.activeElement).to.equal(part(element, 'base'));
  });

  it('says so when the website is not allowed to use the key (403 ORIGIN_NOT_ALLOWED)', async () => {
    // Test keys allow every localhost origin, so the API's answer for a foreign origin is simulated.
    const error = { code: 'ORIGIN_NOT_ALLOWED', message: 'The origin is not allowed for this key.', requestId: 'req_simulated' };
    window.fetch = () => Promise.resolve(new Response(JSON.stringify({ error }), { status: 403 }));
    const element = await fixture<TestWidget>(
      html`<porttask-test-widget api-url=${apiUrl} publishable-key="pk_test_foreign_origin"></porttask-test-widget>`,
    );
    await oneEvent(element, 'porttask-error');
    await element.updateComplete;
    await expect(element).to.be.accessible();
    expect(part(element, 'error')!.textContent).to.contain('This widget is not allowed on this website.');
    expect(part(element, 'error')!.textContent).to.contain('req_simulated');
  });

  it('aborts its request (through the SDK) when removed while loading, and asks again when put back', async () => {
    const signals: AbortSignal[] = [];
    // A request that hangs until aborted, for a key nobody else on the page uses.
    window.fetch = (input, init) => {
      const signal = input instanceof Request ? input.signal : init?.signal;
      if (signal) signals.push(signal);
      return new Promise((_resolve, reject) => signal?.addEventListener('abort', () => reject(signal.reason)));
    };
    const element = await fixture<TestWidget>(
      html`<porttask-test-widget api-url=${apiUrl} publishable-key="pk_test_hanging"></porttask-test-widget>`,
    );
    await expect(element).to.be.accessible();
    await waitUntil(() => signals.length === 1, 'the SDK did not start a request');
    const parent = element.parentElement!;
    element.remove();
    await waitUntil(() => signals[0]!.aborted, 'the request was not aborted');

    parent.append(element);
    await waitUntil(() => signals.length === 2, 'the request did not start again');
    expect(part(element, 'loading')).to.exist;
  });

  it('keeps a request running when the element only moves within the page', async () => {
    const signals: AbortSignal[] = [];
    window.fetch = (input, init) => {
      const signal = input instanceof Request ? input.signal : init?.signal;
      if (signal) signals.push(signal);
      return new Promise((_resolve, reject) => signal?.addEventListener('abort', () => reject(signal.reason)));
    };
    const container = await fixture(html`<div>
      <porttask-test-widget api-url=${apiUrl} publishable-key="pk_test_moving"></porttask-test-widget>
      <section></section>
    </div>`);
    await waitUntil(() => signals.length === 1, 'the SDK did not start a request');
    container.querySelector('section')!.append(container.querySelector('porttask-test-widget')!);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(signals[0]!.aborted).to.equal(false);
    expect(signals.length).to.equal(1);
  });
});
