import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { Queryable } from '../db/connection.ts';
import type { ChainScope, StoredCheckpoint } from './chain-format.ts';
import type { PageSummary, PageTask } from './verify-pages.worker.ts';

const PAGE_ROWS = 20_000;
/**
 * Workers start without the parent's tsx hooks, so a tiny module registers tsx and then
 * imports the TypeScript worker.
 */
const WORKER_BOOTSTRAP = new URL(`data:text/javascript,${encodeURIComponent(
  `import { register } from ${JSON.stringify(import.meta.resolve('tsx/esm/api'))}; register(); ` +
  `await import(${JSON.stringify(new URL('./verify-pages.worker.ts', import.meta.url).href)});`)}`);

/**
 * The fast path of verification for long chains: pages are read from PostgreSQL as text while
 * worker threads (one per core) recompute the hashes and MACs of the pages before, and the
 * seams between pages and the rows checkpoints signed are checked here. It only answers
 * "intact" or "something is wrong from about here"; the exact fault is then named by the
 * sequential verifier (verify-chain.ts), started from the start of the chain.
 */
export async function verifyPagesInParallel(
  sql: Queryable,
  scope: ChainScope,
  macKey: Buffer,
  checkpoints: StoredCheckpoint[],
  start: { sequence: number; hash: Buffer },
): Promise<{ intact: true; rows: number } | { intact: false }> {
  const signedHeads = new Map<number, string[]>();
  for (const checkpoint of checkpoints) {
    if (checkpoint.throughSequence <= start.sequence) continue;
    signedHeads.set(checkpoint.throughSequence, [...(signedHeads.get(checkpoint.throughSequence) ?? []), checkpoint.throughRowHash.toString('hex')]);
  }
  const watch = [...signedHeads.keys()];
  const workers = Array.from({ length: Math.max(1, availableParallelism()) }, () => new Worker(WORKER_BOOTSTRAP));
  try {
    const pending: Promise<PageSummary>[] = [];
    // From the very first row: rows a purge removed must not be back (the seam check sees them).
    let after = 0;
    for (let id = 0; ; id += 1) {
      const [page] = await sql<{ text: string | null; last: string | null }[]>`
        SELECT string_agg(concat_ws(E'\t', sequence, to_char(occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'), outcome,
                 coalesce(host(ip_address), ''), coalesce(user_agent, ''), coalesce(email_sealed, ''), coalesce(account_id, ''),
                 encode(prev_hash, 'hex'), encode(row_hash, 'hex'), encode(row_mac, 'hex')), E'\n' ORDER BY sequence) AS text,
               max(sequence)::text AS last
        FROM (SELECT * FROM login_audit_events
              WHERE tenant_id = ${scope.tenantId} AND environment = ${scope.environment} AND sequence > ${after}
              ORDER BY sequence LIMIT ${PAGE_ROWS}) AS page`;
      if (!page?.text) break;
      const task: PageTask = { id, scope, macKey, text: page.text };
      const worker = workers[id % workers.length]!;
      pending.push(new Promise<PageSummary>((resolve, reject) => {
        const onMessage = (summary: PageSummary) => {
          if (summary.id !== id) return;
          worker.off('message', onMessage);
          resolve(summary);
        };
        worker.on('message', onMessage);
        worker.once('error', reject);
      }));
      worker.postMessage({ task, watch });
      after = Number(page.last);
      // Keep a few pages in flight per worker, not the whole chain in memory.
      if (pending.length >= workers.length * 2) await pending[pending.length - workers.length * 2];
    }
    const summaries = await Promise.all(pending);
    let expected = { sequence: start.sequence, hash: start.hash.toString('hex') };
    let rows = 0;
    for (const summary of summaries) {
      if (summary.failedAt !== undefined || summary.firstSequence !== expected.sequence + 1 || summary.firstPrevious !== expected.hash) return { intact: false };
      for (const [sequence, hash] of Object.entries(summary.hashesAt)) {
        if (signedHeads.get(Number(sequence))!.some((signed) => signed !== hash)) return { intact: false };
      }
      expected = { sequence: summary.lastSequence, hash: summary.lastHash };
      rows += summary.rows;
    }
    const signedThrough = checkpoints.at(-1)?.throughSequence ?? 0;
    if (signedThrough > expected.sequence) return { intact: false };
    return { intact: true, rows };
  } finally {
    await Promise.all(workers.map((worker) => worker.terminate()));
  }
}
