import { randomBytes } from 'node:crypto';

const ALPHABET = '0123456789abcdefghijklmnopqrstuvwxyz';

/**
 * Random bytes are drawn from a pool refilled 4 KB at a time: ids are made on every request
 * (request ids, receipts), and one randomBytes call each was a visible share of the CPU under
 * load. The bytes are the same CSPRNG's; Node's own randomUUID pools the same way.
 */
const POOL_BYTES = 4096;
let pool = Buffer.alloc(0);
let offset = 0;

function randomByte(): number {
  if (offset >= pool.length) {
    pool = randomBytes(POOL_BYTES);
    offset = 0;
  }
  return pool[offset++]!;
}

/** A uniformly random lowercase base-36 string (rejection sampling: no modulo bias). */
export function randomId(length: number): string {
  let out = '';
  while (out.length < length) {
    const byte = randomByte();
    if (byte < 252) out += ALPHABET[byte % 36];
  }
  return out;
}

export const newTenantId = () => `ten_${randomId(20)}`;
export const newKeyId = () => `key_${randomId(20)}`;
export const newReceiptId = () => `rcpt_${randomId(24)}`;
export const newSubjectKeyId = () => `skey_${randomId(20)}`;
export const newMailId = () => `mail_${randomId(20)}`;
export const newRightsRequestId = () => `rr_${randomId(20)}`;
export const newRequesterToken = () => `rqt_${randomId(32)}`;
export const newWebhookEndpointId = () => `we_${randomId(20)}`;
export const newWebhookMessageId = () => `msg_${randomId(20)}`;
export const newWebhookDeliveryId = () => `wdl_${randomId(20)}`;
