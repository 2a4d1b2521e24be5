import { waitUntil as waitUntilWithin } from '@open-wc/testing';

/**
 * open-wc's `waitUntil` with a 5 s default instead of 1 s: these tests wait on a real API and
 * PostgreSQL, which a busy CI machine can slow past a second. A test's own timeout (10 s) still
 * bounds it, and a wait that passes returns as soon as its condition holds.
 */
export function waitUntil(predicate: () => unknown, message?: string, options: { interval?: number; timeout?: number } = {}): Promise<void> {
  return waitUntilWithin(predicate, message, { timeout: 5_000, ...options });
}
