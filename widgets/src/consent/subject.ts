import { prefix, read, write } from './storage.ts';

/**
 * The visitor's anonymous id and a decision's idempotency key: made only when a decision is made,
 * so they live in the decision chunk, not in the `base` chunk every element loads (which holds
 * storage.ts for the banner's and the rights form's reads).
 */
export function randomToken(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (byte) => byte.toString(16).padStart(2, '0')).join('');
}

/** The visitor's anonymous id for this tenant, made once on this device. */
export function subjectId(tenantId: string): string {
  const name = `${prefix}-subject:${tenantId}`;
  let id = read<string>(name);
  if (!id) {
    id = randomToken().replace(/-/g, '');
    write(name, id);
  }
  return id;
}
