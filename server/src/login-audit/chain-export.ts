import type { Queryable } from '../db/connection.ts';
import { rawPublicKey, type AuditKeys } from './audit-keys.ts';
import { CHECKPOINT_FORMAT, ROW_FORMAT, type ChainScope } from './chain-format.ts';
import { readAuditRows, readCheckpoints } from './login-audit.queries.ts';

export const EXPORT_FORMAT = 'porttask-login-audit-export/1';
const PAGE_ROWS = 10_000;

/**
 * A chain as NDJSON lines that anyone can verify without a database or a secret
 * (tools/verify-audit-export.mjs): a header with the public key, the checkpoints, then the
 * events in order. Hashes are hex, signatures base64url; the sealed emails stay sealed.
 */
export async function* exportChain(sql: Queryable, keys: AuditKeys, scope: ChainScope, exportedAt = new Date().toISOString()): AsyncGenerator<string> {
  yield JSON.stringify({
    type: 'header', format: EXPORT_FORMAT, rowFormat: ROW_FORMAT, checkpointFormat: CHECKPOINT_FORMAT,
    tenantId: scope.tenantId, environment: scope.environment, exportedAt,
    publicKeys: [{ keyId: keys.signing.keyId, algorithm: 'Ed25519', publicKey: rawPublicKey(keys.signing.publicKey).toString('base64url') }],
  });
  for (const checkpoint of await readCheckpoints(sql, scope)) {
    yield JSON.stringify({
      type: 'checkpoint', number: checkpoint.number, kind: checkpoint.kind, createdAt: checkpoint.createdAt,
      throughSequence: checkpoint.throughSequence, throughRowHash: checkpoint.throughRowHash.toString('hex'),
      purgedThroughSequence: checkpoint.purgedThroughSequence, purgedThroughRowHash: checkpoint.purgedThroughRowHash.toString('hex'),
      keyId: checkpoint.keyId, prevCheckpointHash: checkpoint.prevCheckpointHash.toString('hex'),
      checkpointHash: checkpoint.checkpointHash.toString('hex'), signature: checkpoint.signature.toString('base64url'),
    });
  }
  let after = 0;
  for (;;) {
    const rows = await readAuditRows(sql, scope, after, PAGE_ROWS);
    for (const row of rows) {
      yield JSON.stringify({
        type: 'event', sequence: row.sequence, occurredAt: row.occurredAt, outcome: row.outcome, ipAddress: row.ipAddress,
        userAgent: row.userAgent, emailSealed: row.emailSealed, accountId: row.accountId,
        prevHash: row.prevHash.toString('hex'), rowHash: row.rowHash.toString('hex'), rowMac: row.rowMac.toString('hex'),
      });
    }
    if (rows.length < PAGE_ROWS) return;
    after = rows.at(-1)!.sequence;
  }
}
