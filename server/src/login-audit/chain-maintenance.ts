import type { Queryable, Sql } from '../db/connection.ts';
import type { AuditKeys } from './audit-keys.ts';
import type { ChainScope, StoredAuditRow } from './chain-format.ts';
import { canonicalTimeMs, chainStart, signCheckpoint, type CheckpointPolicy } from './login-audit-trail.ts';
import { verifyPagesInParallel } from './parallel-verify.ts';
import { listChains, lockChainHead, readAuditRows, readCheckpoints } from './login-audit.queries.ts';
import { ChainVerifier, type ChainFault } from './verify-chain.ts';

const PAGE_ROWS = 10_000;
/** Rows kept back from each page so a fault can be classified by the rows after it. */
const LOOKAHEAD_ROWS = 64;
/** Chains longer than this are first checked by worker threads (parallel-verify.ts). */
const PARALLEL_FROM_ROWS = 50_000;

export interface ChainVerification {
  tenantId: string;
  environment: 'test' | 'live';
  intact: boolean;
  eventsChecked: number;
  checkpointsChecked: number;
  fault: ChainFault | null;
}

/**
 * Recomputes a whole chain: every checkpoint's hash, link and signature, every row's hash,
 * link and MAC, and the rows each checkpoint signed. Reads in pages, so memory stays flat.
 */
/** `parallel`: true always uses worker threads first, false never, unset for long chains only. */
export async function verifyChain(sql: Queryable, keys: AuditKeys, scope: ChainScope, options: { parallel?: boolean } = {}): Promise<ChainVerification> {
  const checkpoints = await readCheckpoints(sql, scope);
  const verifier = new ChainVerifier(scope, checkpoints, { mac: keys.macFor(scope.tenantId), publicKeys: new Map([[keys.signing.keyId, keys.signing.publicKey]]) });
  const result = (fault: ChainFault | undefined): ChainVerification => ({
    ...scope, intact: !fault, eventsChecked: verifier.rowsChecked, checkpointsChecked: checkpoints.length, fault: fault ?? null,
  });
  if (verifier.checkpointFault) return result(verifier.checkpointFault);
  const start = chainStart(checkpoints.at(-1));
  const long = (checkpoints.at(-1)?.throughSequence ?? 0) - start.sequence >= PARALLEL_FROM_ROWS;
  if (options.parallel === true || (options.parallel === undefined && long)) {
    const fast = await verifyPagesInParallel(sql, scope, keys.macKeyFor(scope.tenantId), checkpoints, start);
    // Intact: done. Otherwise the sequential pass below names the exact record and fault.
    if (fast.intact) return { ...scope, intact: true, eventsChecked: fast.rows, checkpointsChecked: checkpoints.length, fault: null };
  }
  let pending: StoredAuditRow[] = [];
  let after = 0;
  for (;;) {
    const page = await readAuditRows(sql, scope, after, PAGE_ROWS);
    const last = page.length < PAGE_ROWS;
    const window = pending.length ? pending.concat(page) : page;
    const upTo = last ? window.length : Math.max(0, window.length - LOOKAHEAD_ROWS);
    const fault = verifier.checkRows(window, upTo);
    if (fault) return result(fault);
    if (last) return result(verifier.finish());
    pending = window.slice(upTo);
    after = page.at(-1)!.sequence;
  }
}

/** Every chain of a tenant (or of all tenants), verified. */
export async function verifyChains(sql: Queryable, keys: AuditKeys, options: { tenantId?: string; environment?: 'test' | 'live' } = {}): Promise<ChainVerification[]> {
  const chains = (await listChains(sql, options.tenantId)).filter((chain) => !options.environment || chain.environment === options.environment);
  const results: ChainVerification[] = [];
  for (const chain of chains) results.push(await verifyChain(sql, keys, chain));
  return results;
}

/**
 * Signs a checkpoint for a chain whose newest rows no checkpoint covers yet, when the last
 * one is older than the policy's interval (appends sign their own; this covers quiet chains).
 * Returns whether it signed one. Refuses (throws) on a chain whose unsigned rows were changed.
 */
export async function sealChain(sql: Sql, keys: AuditKeys, scope: ChainScope, policy: Pick<CheckpointPolicy, 'everyMinutes'> | 'now'): Promise<boolean> {
  return await sql.begin(async (tx) => {
    const head = await lockChainHead(tx, scope, null);
    const [previous] = await readCheckpoints(tx, scope, { newestOnly: true });
    if (head.lastSequence === undefined || (previous && previous.throughSequence >= head.lastSequence)) return false;
    if (policy !== 'now' && previous && canonicalTimeMs(head.now) - canonicalTimeMs(previous.createdAt) < policy.everyMinutes * 60_000) return false;
    await signCheckpoint(tx, keys, scope, { previous, head: undefined, now: head.now, kind: 'periodic' });
    return true;
  });
}

/** Rows older than this many days, or (an operator's explicit cut) older than an instant. */
export type PurgeCutoff = { olderThanDays: number } | { before: string };

export interface PurgeResult extends ChainScope {
  purgedThroughSequence: number;
  deleted: number;
  /** Set when the chain failed verification: nothing was purged (evidence is kept). */
  refused?: ChainFault;
}

/**
 * Retention: deletes a chain's rows older than `olderThanDays`, after signing a purge
 * checkpoint that records the last purged row and its hash, so the kept rows still verify
 * from there. Runs as the owner (the app role cannot delete). A chain that fails
 * verification is not purged: the rows are the evidence.
 */
export async function purgeChain(owner: Sql, keys: AuditKeys, scope: ChainScope, cutoff: PurgeCutoff): Promise<PurgeResult> {
  const verification = await verifyChain(owner, keys, scope);
  if (verification.fault) return { ...scope, purgedThroughSequence: 0, deleted: 0, refused: verification.fault };
  return await owner.begin(async (tx) => {
    const head = await lockChainHead(tx, scope, null);
    const [previous] = await readCheckpoints(tx, scope, { newestOnly: true });
    const [boundary] = await tx<{ sequence: string; row_hash: Buffer }[]>`
      SELECT sequence::text AS sequence, row_hash FROM login_audit_events
      WHERE tenant_id = ${scope.tenantId} AND environment = ${scope.environment}
        AND occurred_at < ${'before' in cutoff ? cutoff.before : head.now}::text::timestamptz - make_interval(days => ${'before' in cutoff ? 0 : cutoff.olderThanDays})
      ORDER BY login_audit_events.sequence DESC LIMIT 1`;
    if (!boundary) return { ...scope, purgedThroughSequence: previous?.purgedThroughSequence ?? 0, deleted: 0 };
    const purgedThrough = { sequence: Number(boundary.sequence), hash: boundary.row_hash };
    await signCheckpoint(tx, keys, scope, { previous, head: undefined, now: head.now, kind: 'purge', purgedThrough });
    const deleted = await tx`
      DELETE FROM login_audit_events
      WHERE tenant_id = ${scope.tenantId} AND environment = ${scope.environment} AND sequence <= ${purgedThrough.sequence}`;
    return { ...scope, purgedThroughSequence: purgedThrough.sequence, deleted: deleted.count };
  });
}

export async function purgeChains(owner: Sql, keys: AuditKeys, olderThanDays: number, environment?: 'test' | 'live'): Promise<PurgeResult[]> {
  const results: PurgeResult[] = [];
  for (const chain of (await listChains(owner)).filter((candidate) => !environment || candidate.environment === environment)) results.push(await purgeChain(owner, keys, chain, { olderThanDays }));
  return results;
}

/**
 * Signs checkpoints for quiet chains every minute, so a chain's newest rows are covered within
 * the policy's interval even when no further sign-in comes to trigger it. Several API
 * processes may run this at once: the chain lock makes the second one find nothing to do.
 * Returns the function that stops it.
 */
export function sealQuietChainsPeriodically(sql: Sql, keys: AuditKeys, policy: Pick<CheckpointPolicy, 'everyMinutes'>, onError: (error: Error) => void, everyMs = 60_000): () => Promise<void> {
  let running: Promise<void> | undefined;
  const timer = setInterval(() => {
    running ??= (async () => {
      try {
        for (const chain of await listChains(sql)) await sealChain(sql, keys, chain, policy).catch(onError);
      } catch (error) {
        onError(error as Error);
      } finally {
        running = undefined;
      }
    })();
  }, everyMs);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await running;
  };
}
