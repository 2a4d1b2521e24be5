import { createHmac } from 'node:crypto';

export interface MasterKey {
  /** A fingerprint stored next to what the key wraps, so rotation knows what to re-wrap. */
  id: string;
  key: Buffer;
}

/**
 * The master key in force, plus earlier ones kept only until `porttask secrets rotate` has
 * re-wrapped every data key under the current one.
 */
export interface MasterKeyring {
  current: MasterKey;
  byId: ReadonlyMap<string, MasterKey>;
}

export function masterKeyId(key: Buffer): string {
  return `mk_${createHmac('sha256', key).update('porttask master key id').digest('hex').slice(0, 16)}`;
}

export function masterKeyring(current: Buffer, previous: readonly Buffer[] = []): MasterKeyring {
  for (const key of [current, ...previous]) {
    if (key.length !== 32) throw new RangeError(`a master key must be 32 bytes, got ${key.length}`);
  }
  const toEntry = (key: Buffer): MasterKey => ({ id: masterKeyId(key), key });
  const entries = [toEntry(current), ...previous.map(toEntry)];
  return { current: entries[0]!, byId: new Map(entries.map((entry) => [entry.id, entry])) };
}
