import { isIP } from 'node:net';
import type { Queryable, Sql } from '../db/connection.ts';
import type { AuditKeys } from './audit-keys.ts';
import { GENESIS_HASH, canonicalCheckpoint, canonicalRow, chainHash, type ChainScope, type StoredAuditRow, type StoredCheckpoint } from './chain-format.ts';
import type { EmailSealer } from './email-sealer.ts';
import { insertAuditRow, insertCheckpoint, lockChainHead, readAuditRows, readCheckpoints } from './login-audit.queries.ts';

export const LOGIN_OUTCOMES = [
  'success', 'wrong_password', 'unknown_email', 'locked', 'mfa_failed', 'reset_requested', 'reset', 'sign_out', 'sign_up', 'refresh_reused',
  'mfa_challenged', 'mfa_backup_code', 'mfa_enabled', 'mfa_disabled', 'invited', 'invitation_revoked', 'invitation_accepted',
  'password_changed', 'signed_out_everywhere', 'guardian_consent_pending', 'guardian_consent_given', 'guardian_consent_refused',
] as const;
export type LoginOutcome = (typeof LOGIN_OUTCOMES)[number];

export interface LoginEvent {
  outcome: LoginOutcome;
  ipAddress?: string | null;
  userAgent?: string | null;
  /** The email that was typed; stored sealed (see email-sealer.ts), never in plaintext. */
  email?: string | null;
  accountId?: string | null;
}

/** A checkpoint is signed after this many rows, or on the first row this long after the last one. */
export interface CheckpointPolicy {
  everyRows: number;
  everyMinutes: number;
}
export const DEFAULT_CHECKPOINT_POLICY: CheckpointPolicy = { everyRows: 1000, everyMinutes: 15 };

const MAX_USER_AGENT_LENGTH = 1000;

/**
 * Appends login events to a tenant's chain and signs its checkpoints. Appends to one chain
 * take turns (an advisory lock per chain, held for one short transaction), so the chain never
 * forks; each runs in its own transaction on the pool, so a sign-in that fails and rolls its
 * own work back still leaves its audit row.
 */
export class LoginAuditTrail {
  constructor(
    private readonly sql: Sql,
    readonly keys: AuditKeys,
    readonly emailSealer: EmailSealer,
    readonly policy: CheckpointPolicy = DEFAULT_CHECKPOINT_POLICY,
    /** Told when a due checkpoint was refused (the chain was changed in the database). */
    private readonly onCheckpointRefused: (error: Error) => void = () => {},
  ) {}

  async append(scope: ChainScope, event: LoginEvent): Promise<{ sequence: number; occurredAt: string }> {
    const ipAddress = event.ipAddress && isIP(event.ipAddress) ? event.ipAddress : null;
    const userAgent = event.userAgent?.replace(/[\p{Cc}]+/gu, ' ').trim().slice(0, MAX_USER_AGENT_LENGTH) || null;
    const emailSealed = event.email ? await this.emailSealer.seal(scope, event.email) : null;
    return await this.sql.begin(async (tx) => {
      const head = await lockChainHead(tx, scope, ipAddress);
      const [checkpoint] = await readCheckpoints(tx, scope, { newestOnly: true });
      const start = chainStart(checkpoint);
      const sequence = (head.lastSequence ?? start.sequence) + 1;
      const fields = { sequence, occurredAt: head.now, outcome: event.outcome, ipAddress: head.ipAddress, userAgent, emailSealed, accountId: event.accountId ?? null };
      const canonical = canonicalRow(scope, fields);
      const prevHash = head.lastRowHash ?? start.hash;
      const stored: StoredAuditRow = { ...fields, prevHash, rowHash: chainHash(prevHash, canonical), rowMac: this.keys.macFor(scope.tenantId)(canonical) };
      await insertAuditRow(tx, scope, stored);
      if (this.checkpointDue(checkpoint, sequence, head.now)) {
        // A tampered chain must not lose the sign-in's own row: the refusal rolls back only
        // the checkpoint (a savepoint), and verification will name the tampered record.
        try {
          await tx.savepoint((savepoint) => signCheckpoint(savepoint, this.keys, scope, { previous: checkpoint, head: stored, now: head.now, kind: 'periodic' }));
        } catch (error) {
          this.onCheckpointRefused(error as Error);
        }
      }
      return { sequence, occurredAt: head.now };
    });
  }

  private checkpointDue(checkpoint: StoredCheckpoint | undefined, sequence: number, now: string): boolean {
    if (!checkpoint) return true;
    return sequence - checkpoint.throughSequence >= this.policy.everyRows
      || canonicalTimeMs(now) - canonicalTimeMs(checkpoint.createdAt) >= this.policy.everyMinutes * 60_000;
  }
}

/** Where the retained chain starts: after the newest purge, or at the genesis. */
export function chainStart(checkpoint: StoredCheckpoint | undefined): { sequence: number; hash: Buffer } {
  return checkpoint && checkpoint.purgedThroughSequence > 0
    ? { sequence: checkpoint.purgedThroughSequence, hash: checkpoint.purgedThroughRowHash }
    : { sequence: 0, hash: GENESIS_HASH };
}

export function canonicalTimeMs(text: string): number {
  return Date.parse(`${text.slice(0, 23)}Z`);
}

/**
 * Signs the chain's head as the next checkpoint, inside the caller's transaction (which holds
 * the chain's lock). It first re-checks every row since the previous checkpoint (hash, MAC,
 * link), so a checkpoint never vouches for rows someone changed in the database meanwhile;
 * it refuses (throws) instead.
 */
export async function signCheckpoint(
  tx: Queryable,
  keys: AuditKeys,
  scope: ChainScope,
  { previous, head, now, kind, purgedThrough }: { previous: StoredCheckpoint | undefined; head: StoredAuditRow | undefined; now: string; kind: 'periodic' | 'purge'; purgedThrough?: { sequence: number; hash: Buffer } },
): Promise<StoredCheckpoint> {
  const start = chainStart(previous);
  const from = previous ? Math.max(previous.throughSequence, start.sequence) : 0;
  let link = previous && previous.throughSequence >= start.sequence ? previous.throughRowHash : start.hash;
  const mac = keys.macFor(scope.tenantId);
  const tail = await readAuditRows(tx, scope, from, Number.MAX_SAFE_INTEGER);
  for (const [index, row] of tail.entries()) {
    const canonical = canonicalRow(scope, row);
    if (row.sequence !== from + index + 1 || !row.prevHash.equals(link) || !chainHash(row.prevHash, canonical).equals(row.rowHash) || !mac(canonical).equals(row.rowMac)) {
      throw new Error(`Login audit chain ${scope.tenantId}/${scope.environment} fails verification at record ${from + index + 1}; no checkpoint signed. Run \`porttask audit verify\`.`);
    }
    link = row.rowHash;
  }
  const through = head ?? tail.at(-1);
  const purged = purgedThrough ?? { sequence: start.sequence, hash: start.hash };
  const fields = {
    number: (previous?.number ?? 0) + 1,
    kind,
    createdAt: now,
    throughSequence: through?.sequence ?? from,
    throughRowHash: through?.rowHash ?? link,
    purgedThroughSequence: purged.sequence,
    purgedThroughRowHash: purged.hash,
    keyId: keys.signing.keyId,
  };
  const prevCheckpointHash = previous?.checkpointHash ?? GENESIS_HASH;
  const checkpointHash = chainHash(prevCheckpointHash, canonicalCheckpoint(scope, fields));
  const checkpoint: StoredCheckpoint = { ...fields, prevCheckpointHash, checkpointHash, signature: keys.sign(checkpointHash) };
  await insertCheckpoint(tx, scope, checkpoint);
  return checkpoint;
}
