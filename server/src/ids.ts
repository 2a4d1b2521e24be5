import { randomBytes } from 'node:crypto';

const ALPHABET = '0123456789abcdefghijklmnopqrstuvwxyz';

/** A uniformly random lowercase base-36 string (rejection sampling: no modulo bias). */
export function randomId(length: number): string {
  let out = '';
  while (out.length < length) {
    for (const byte of randomBytes(length * 2)) {
      if (byte < 252) out += ALPHABET[byte % 36];
      if (out.length === length) break;
    }
  }
  return out;
}

export const newTenantId = () => `ten_${randomId(20)}`;
export const newKeyId = () => `key_${randomId(20)}`;
export const newReceiptId = () => `rcpt_${randomId(24)}`;
