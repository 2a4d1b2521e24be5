import type { ApiKey } from '@porttask/sdk/schemas';

/**
 * Why a key may not be changed or rolled (or undefined when it may), said the same way by
 * the API (409) and the CLI (exit 2): a revoked or expired key is final, and a key is rolled
 * once (its replacement is the one to roll next).
 */
export function refusalToChange(key: ApiKey, action: 'changed' | 'rolled'): string | undefined {
  if (key.status === 'revoked' || key.status === 'expired') return `This key is ${key.status} and cannot be ${action}; create a new key.`;
  if (action === 'rolled' && key.replacedBy) {
    return `This key was rolled already (its replacement is ${key.replacedBy}, and it expires at ${key.expiresAt}). Roll the replacement instead; if its text was lost, revoke it and roll this key's replacement later.`;
  }
  return undefined;
}
