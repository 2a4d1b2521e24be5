/**
 * What web-test-runner.config.mjs tells test pages about the real API it started: read from
 * the JSON data block it writes into every test page.
 */
export interface TestEnvironment {
  apiUrl: string;
  publishableKey: string;
  tenantId: string;
  /** A loopback address nothing listens on, to test "the API is down". */
  unreachableApiUrl: string;
}

export function testEnvironment(): TestEnvironment {
  const block = document.getElementById('porttask-test-environment');
  if (!block?.textContent) throw new Error('No #porttask-test-environment on the page: run the tests with `npm run test:widgets`.');
  return JSON.parse(block.textContent) as TestEnvironment;
}

/** Requests the page made to `url`, whatever their query, so far (Resource Timing records cross-origin fetches too). */
export function requestsTo(url: string): number {
  return performance.getEntriesByType('resource').filter((entry) => entry.name.split('?')[0] === url).length;
}
