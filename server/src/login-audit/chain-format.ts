import { createHash, createHmac, hash } from 'node:crypto';

/**
 * The canonical text of login audit rows and checkpoints, and the hashes over it. This is
 * the format a third party re-implements to verify an export (tools/verify-audit-export.mjs
 * does, independently): fields joined by "\n", absent fields as "", hashes as lowercase hex.
 * Row fields never contain a newline and are never "" (the table's CHECKs), so every text
 * has one reading.
 */

export const ROW_FORMAT = 'porttask-login-audit/1';
export const CHECKPOINT_FORMAT = 'porttask-login-audit-checkpoint/1';
/** What the first row of a chain links to. */
export const GENESIS_HASH: Buffer = Buffer.alloc(32);
/** to_char pattern of the canonical time: UTC, microseconds, "Z". */
export const CANONICAL_TIME_FORMAT = 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"';

export interface ChainScope {
  tenantId: string;
  environment: 'test' | 'live';
}

/** The hashed fields of one row (what the database stores, times as canonical text). */
export interface AuditRowFields {
  sequence: number;
  occurredAt: string;
  outcome: string;
  ipAddress: string | null;
  userAgent: string | null;
  emailSealed: string | null;
  accountId: string | null;
}

export interface StoredAuditRow extends AuditRowFields {
  prevHash: Buffer;
  rowHash: Buffer;
  rowMac: Buffer;
}

export interface CheckpointFields {
  number: number;
  kind: 'periodic' | 'purge';
  createdAt: string;
  throughSequence: number;
  throughRowHash: Buffer;
  purgedThroughSequence: number;
  purgedThroughRowHash: Buffer;
  keyId: string;
}

export interface StoredCheckpoint extends CheckpointFields {
  prevCheckpointHash: Buffer;
  checkpointHash: Buffer;
  signature: Buffer;
}

export function canonicalRow(scope: ChainScope, row: AuditRowFields, sequence = row.sequence): string {
  return `${ROW_FORMAT}\n${scope.tenantId}\n${scope.environment}\n${sequence}\n${row.occurredAt}\n${row.outcome}\n${row.ipAddress ?? ''}\n${row.userAgent ?? ''}\n${row.emailSealed ?? ''}\n${row.accountId ?? ''}`;
}

export function canonicalCheckpoint(scope: ChainScope, checkpoint: CheckpointFields): string {
  return [
    CHECKPOINT_FORMAT, scope.tenantId, scope.environment, checkpoint.number, checkpoint.kind, checkpoint.createdAt,
    checkpoint.throughSequence, checkpoint.throughRowHash.toString('hex'),
    checkpoint.purgedThroughSequence, checkpoint.purgedThroughRowHash.toString('hex'), checkpoint.keyId,
  ].join('\n');
}

/** SHA-256(previous hash ‖ canonical text): the link of a row or a checkpoint. */
export function chainHash(previous: Buffer, canonical: string): Buffer {
  // crypto.hash (one shot) is about twice as fast as createHash for short inputs; verifying
  // hundreds of thousands of rows a second depends on it. Node < 20.12 lacks it.
  if (typeof hash === 'function') return hash('sha256', Buffer.concat([previous, Buffer.from(canonical)]), 'buffer') as unknown as Buffer;
  return createHash('sha256').update(previous).update(canonical).digest();
}

/**
 * HMAC-SHA256 under one key, with the key's inner and outer pads hashed once: each MAC then
 * costs two hash copies instead of a fresh HMAC set-up.
 */
export function macFunction(key: Buffer): (canonical: string) => Buffer {
  const block = Buffer.alloc(64);
  (key.length > 64 ? createHash('sha256').update(key).digest() : key).copy(block);
  const inner = createHash('sha256').update(block.map((byte) => byte ^ 0x36));
  const outer = createHash('sha256').update(block.map((byte) => byte ^ 0x5c));
  const mac = (canonical: string) => outer.copy().update(inner.copy().update(canonical).digest()).digest();
  // Guard the hand-made HMAC against the library's once, at creation.
  if (!mac('check').equals(createHmac('sha256', key).update('check').digest())) throw new Error('HMAC self-check failed');
  return mac;
}
