import { randomInt, timingSafeEqual } from 'node:crypto';
import { blindIndex, type TenantKey } from '../../secrets/data-keys.ts';

export const CODE_VALID_MINUTES = 10;
export const MAX_CODE_FAILURES = 3;

/** Six uniformly random digits. */
export function newVerificationCode(): string {
  return randomInt(0, 1_000_000).toString().padStart(6, '0');
}

/**
 * A keyed hash of the code, bound to the request: a million codes are quickly hashed, so a
 * plain hash in a leaked database would give the code away; this one needs the tenant key.
 */
export function verificationCodeHash(tenant: TenantKey, requestId: string, code: string): Buffer {
  return blindIndex(tenant, 'verification code', `${requestId}|${code}`);
}

export function codeMatches(stored: Buffer | null, candidate: Buffer): boolean {
  return stored !== null && stored.length === candidate.length && timingSafeEqual(stored, candidate);
}
