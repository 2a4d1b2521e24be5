import { expect } from '@open-wc/testing';
import type { PortTaskErrorDetail, PortTaskReadyDetail } from '../core/events.ts';
import { testEnvironment } from '../testing/test-environment.ts';
import { prefetchConfig } from './prefetch-config.ts';

const { apiUrl, publishableKey, tenantId, unreachableApiUrl } = testEnvironment();

/** Runs a prefetch against `target`, collecting its events and console warnings. */
async function prefetch(url: string, key: string) {
  const target = new EventTarget();
  const events: CustomEvent[] = [];
  for (const name of ['porttask-ready', 'porttask-error']) target.addEventListener(name, (event) => events.push(event as CustomEvent));
  const warnings: unknown[][] = [];
  const warn = console.warn;
  console.warn = (...message: unknown[]) => warnings.push(message);
  let outcome: unknown;
  try {
    outcome = await prefetchConfig(url, key, target).catch((error: unknown) => error);
    await new Promise((resolve) => setTimeout(resolve));
  } finally {
    console.warn = warn;
  }
  return { outcome, events, warnings };
}

describe('prefetchConfig (the loader’s configuration request)', () => {
  it('warns once that the key was rejected, and rejects with the status and code', async () => {
    const { outcome, events, warnings } = await prefetch(apiUrl, 'pk_test_not_a_real_key');
    expect(outcome).to.include({ status: 401, code: 'INVALID_API_KEY' });
    expect(warnings).to.have.length(1);
    expect(String(warnings[0]![0])).to.contain('publishable key in data-publishable-key was rejected');
    expect((events[0]!.detail as PortTaskErrorDetail).status).to.equal(401);
  });

  it('warns once when the API cannot be reached', async () => {
    const { outcome, events, warnings } = await prefetch(unreachableApiUrl, publishableKey);
    expect(outcome).to.include({ status: 0, code: 'CONNECTION_ERROR' });
    expect(warnings).to.have.length(1);
    expect(String(warnings[0]![0])).to.contain(`could not load the configuration from ${unreachableApiUrl}`);
    expect(events.map((event) => event.type)).to.deep.equal(['porttask-error']);
  });

  it('warns once when the script tag has no publishable key, without a request', async () => {
    const { outcome, warnings } = await prefetch(apiUrl, '');
    expect(outcome).to.include({ status: 0, code: 'MISSING_API_KEY' });
    expect(String(warnings[0]![0])).to.contain('add data-publishable-key');
  });

  it('resolves to the tenant configuration and announces porttask-ready', async () => {
    const { outcome, events, warnings } = await prefetch(apiUrl, publishableKey);
    expect((outcome as PortTaskReadyDetail['config']).tenant.id).to.equal(tenantId);
    expect(events.map((event) => event.type)).to.deep.equal(['porttask-ready']);
    expect((events[0]!.detail as PortTaskReadyDetail).config.tenant.id).to.equal(tenantId);
    expect(warnings).to.deep.equal([]);
  });

  it('explains an origin the key does not allow (403 ORIGIN_NOT_ALLOWED)', async () => {
    // Test keys allow every localhost origin, so the API's answer for a foreign origin is simulated.
    const realFetch = window.fetch;
    const error = { code: 'ORIGIN_NOT_ALLOWED', message: 'The origin is not allowed for this key.', requestId: 'req_simulated' };
    window.fetch = () => Promise.resolve(new Response(JSON.stringify({ error }), { status: 403 }));
    try {
      const { outcome, warnings } = await prefetch(apiUrl, publishableKey);
      expect(outcome).to.include({ status: 403, code: 'ORIGIN_NOT_ALLOWED', requestId: 'req_simulated' });
      expect(warnings).to.have.length(1);
      expect(String(warnings[0]![0])).to.contain(`this page's origin (${location.origin}) is not allowed`);
    } finally {
      window.fetch = realFetch;
    }
  });

  // Config answers are cacheable (Cache-Control: private, max-age=60), so they must vary by key:
  // otherwise the browser answers a request with one key from the cached answer to another.
  it('is not answered from the browser cache of a request made with another key', async () => {
    const { outcome } = await prefetch(apiUrl, 'pk_test_not_a_real_key_either');
    expect(outcome).to.include({ status: 401 });
  });
});
