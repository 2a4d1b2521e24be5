import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { waitUntil } from '../testing/wait-until.ts';
import type { PortTaskErrorDetail, PortTaskReadyDetail } from './events.ts';
import { requestsTo, testEnvironment } from '../testing/test-environment.ts';
// The import defines <porttask-test-widget>; the class is used only as a type.
import '../testing/test-widget.ts';
import type { TestWidget } from '../testing/test-widget.ts';

const { apiUrl, publishableKey, tenantId, unreachableApiUrl } = testEnvironment();
const configUrl = `${apiUrl}/v1/config`;

function part(element: HTMLElement, name: string): HTMLElement | null {
  return element.shadowRoot!.querySelector<HTMLElement>(`[part~="${name}"]`);
}

async function settled(element: TestWidget): Promise<void> {
  await element.configurationForTests.settled();
  await element.updateComplete;
}

// Order matters in this file: failures first, so the loading test below makes the page's first
// successful request for this API + key (later ones are answered from the shared cache).
describe('PortTaskElement', () => {
  it('shows an alert with Retry when the key is rejected (401), and reports it', async () => {
    const element = await fixture<TestWidget>(
      html`<porttask-test-widget api-url=${apiUrl} publishable-key="pk_test_not_a_real_key"></porttask-test-widget>`,
    );
    const failed = await oneEvent(element, 'porttask-error');
    await element.updateComplete;
    await expect(element).to.be.accessible();
    const detail = failed.detail as PortTaskErrorDetail;
    expect(detail.status).to.equal(401);
    expect(detail.code).to.equal('INVALID_API_KEY');
    expect(detail.requestId).to.match(/^req_/);
    const alert = part(element, 'error')!;
    expect(alert.getAttribute('role')).to.equal('alert');
    expect(alert.textContent).to.contain('its publishable key was rejected');
    expect(alert.textContent).to.contain(detail.requestId!);
    expect(part(element, 'retry-button')!.textContent).to.equal('Try again');
  });

  it('shows an alert with Retry when the API cannot be reached, without throwing into the page', async () => {
    const uncaught: unknown[] = [];
    const onError = (event: ErrorEvent | PromiseRejectionEvent) => uncaught.push(event);
    window.addEventListener('error', onError);
    window.addEventListener('unhandledrejection', onError);
    try {
      const element = await fixture<TestWidget>(
        html`<porttask-test-widget api-url=${unreachableApiUrl} publishable-key=${publishableKey}></porttask-test-widget>`,
      );
      const failed = await oneEvent(element, 'porttask-error');
      await element.updateComplete;
      await expect(element).to.be.accessible();
      expect((failed.detail as PortTaskErrorDetail).status).to.equal(0);
      expect(part(element, 'error')!.textContent).to.contain('PortTask cannot be reached right now');
      expect(part(element, 'retry-button')).to.exist;
      expect(uncaught).to.deep.equal([]);
    } finally {
      window.removeEventListener('error', onError);
      window.removeEventListener('unhandledrejection', onError);
    }
  });

  it('Retry asks again and keeps focus on Retry while it still fails', async () => {
    const element = await fixture<TestWidget>(
      html`<porttask-test-widget api-url=${apiUrl} publishable-key="pk_test_still_not_a_key"></porttask-test-widget>`,
    );
    await oneEvent(element, 'porttask-error');
    await element.updateComplete;
    const before = performance.getEntriesByType('resource').length;
    part(element, 'retry-button')!.focus();
    part(element, 'retry-button')!.click();
    await element.updateComplete;
    expect(part(element, 'loading')).to.exist;
    await oneEvent(element, 'porttask-error');
    await element.updateComplete;
    expect(performance.getEntriesByType('resource').length).to.be.greaterThan(before);
    expect(element.shadowRoot!.activeElement).to.equal(part(element, 'retry-button'));
  });

  it('explains a missing publishable key, with no Retry (retrying cannot fix it)', async () => {
    const element = await fixture<TestWidget>(html`<porttask-test-widget api-url=${apiUrl}></porttask-test-widget>`);
    await settled(element);
    await expect(element).to.be.accessible();
    expect(part(element, 'error')!.textContent).to.contain('the publishable-key attribute is missing');
    expect(part(element, 'retry-button')).to.equal(null);
  });

  it('renders in the requested locale, with lang and dir on its base', async () => {
    const element = await fixture<TestWidget>(html`<porttask-test-widget locale="de" api-url=${apiUrl}></porttask-test-widget>`);
    await settled(element);
    await waitUntil(() => part(element, 'error')!.textContent!.includes('Attribut'), 'German catalog did not load');
    await expect(element).to.be.accessible();
    expect(part(element, 'error')!.textContent).to.contain('Das Attribut publishable-key fehlt');
    expect(part(element, 'base')!.getAttribute('lang')).to.equal('de');
    expect(part(element, 'base')!.getAttribute('dir')).to.equal('ltr');
  });

  it('shows a busy loading status, then its content when the configuration arrives', async () => {
    // Hold the answer back so the loading state can be inspected (and checked by axe) for sure.
    const realFetch = window.fetch;
    let answer!: () => void;
    const answered = new Promise<void>((resolve) => (answer = resolve));
    window.fetch = async (...request) => {
      await answered;
      return realFetch(...request);
    };
    try {
      const requestsBefore = requestsTo(configUrl);
      const element = await fixture<TestWidget>(
        html`<porttask-test-widget api-url=${apiUrl} publishable-key=${publishableKey}></porttask-test-widget>`,
      );
      await expect(element).to.be.accessible();
      expect(part(element, 'base')!.getAttribute('aria-busy')).to.equal('true');
      const loading = part(element, 'loading')!;
      expect(loading.getAttribute('role')).to.equal('status');
      expect(loading.textContent).to.contain('Loading…');

      const ready = oneEvent(element, 'porttask-ready');
      answer();
      const event = await ready;
      expect((event.detail as PortTaskReadyDetail).config.tenant.id).to.equal(tenantId);
      expect(event.bubbles && event.composed).to.equal(true);
      await element.updateComplete;
      await expect(element).to.be.accessible();
      expect(part(element, 'base')!.getAttribute('aria-busy')).to.equal('false');
      expect(part(element, 'content')!.textContent).to.equal('Test Port Agency');
      expect(requestsTo(configUrl)).to.equal(requestsBefore + 1);
    } finally {
      window.fetch = realFetch;
    }
  });

  it('shares one configuration request among all elements of the page', async () => {
    const container = await fixture(html`<div>
      <porttask-test-widget api-url=${apiUrl} publishable-key=${publishableKey}></porttask-test-widget>
      <porttask-test-widget api-url=${`${apiUrl}/`} publishable-key=${publishableKey}></porttask-test-widget>
    </div>`);
    const requestsBefore = requestsTo(configUrl);
    const elements = [...container.querySelectorAll('porttask-test-widget')];
    await expect(elements[0]).to.be.accessible();
    await Promise.all(elements.map(settled));
    for (const element of elements) expect(part(element, 'content')!.textContent).to.equal('Test Port Agency');
    expect(requestsTo(configUrl)).to.equal(requestsBefore);
  });

  it('shows the empty state when there is nothing to show', async () => {
    const element = await fixture<TestWidget>(
      html`<porttask-test-widget api-url=${apiUrl} publishable-key=${publishableKey} empty-when-no-widgets></porttask-test-widget>`,
    );
    await settled(element);
    await expect(element).to.be.accessible();
    expect(part(element, 'empty')!.textContent).to.equal('Nothing to show yet.');
  });

  it('re-runs when where it connects changes', async () => {
    const element = await fixture<TestWidget>(
      html`<porttask-test-widget api-url=${unreachableApiUrl} publishable-key=${publishableKey}></porttask-test-widget>`,
    );
    await settled(element);
    expect(part(element, 'error')).to.exist;
    element.apiUrl = apiUrl;
    await element.updateComplete;
    await settled(element);
    await expect(element).to.be.accessible();
    expect(part(element, 'content')!.textContent).to.equal('Test Port Agency');
  });

  it('uses no inline styles (works under a CSP without unsafe-inline)', async () => {
    const violations: string[] = [];
    const onViolation = (event: SecurityPolicyViolationEvent) => violations.push(`${event.violatedDirective}: ${event.blockedURI}`);
    document.addEventListener('securitypolicyviolation', onViolation);
    try {
      const element = await fixture<TestWidget>(
        html`<porttask-test-widget api-url=${apiUrl} publishable-key=${publishableKey}></porttask-test-widget>`,
      );
      await settled(element);
      await expect(element).to.be.accessible();
      expect(element.shadowRoot!.querySelector('style')).to.equal(null);
      expect(element.shadowRoot!.adoptedStyleSheets.length).to.be.greaterThan(0);
      // Violation reports are dispatched asynchronously.
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(violations).to.deep.equal([]);
    } finally {
      document.removeEventListener('securitypolicyviolation', onViolation);
    }
  });
});
