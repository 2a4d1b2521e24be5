/**
 * A fresh idempotency key. `crypto.randomUUID` exists only in secure contexts, and partner
 * portals are sometimes served over plain http inside port networks, so fall back to
 * `getRandomValues`, which exists everywhere.
 */
export function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
}
