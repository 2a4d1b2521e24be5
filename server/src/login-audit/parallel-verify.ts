import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { Queryable } from '../db/connection.ts';
import { CANONICAL_TIME_FORMAT, ROW_FORMAT, type ChainScope, type StoredCheckpoint } from './chain-format.ts';
import type { PageSummary, PageTask } from './verify-pages.worker.ts';

/** Sequences per page: a page is about 4 MB, a few in flight at once. */
const PAGE_SEQUENCES = 10_000;
/** Pages being read from PostgreSQL at once (each on its own connection, so on its own core). */
const PAGES_READ_AT_ONCE = 2;
/**
 * Workers start without the parent's tsx hooks, so a tiny module registers tsx and then
 * imports the TypeScript worker.
 */
const WORKER_BOOTSTRAP = new URL(`data:text/javascript,${encodeURIComponent(
  `import { register } from ${JSON.stringify(import.meta.resolve('tsx/esm/api'))}; register(); ` +
  `await import(${JSON.stringify(new URL('./verify-pages.worker.ts', import.meta.url).href)});`)}`);

/**
 * One page of a chain as the records the workers hash in place (verify-pages.worker.ts):
 * PostgreSQL lays out each row's canonical text after its prev_hash, as chain-format.ts's
 * canonicalRow writes it, so no row becomes a JavaScript object or string. Pages are ranges
 * of sequence numbers, not "the next N rows", so several can be read at once; a gap or a row
 * out of place shows at a seam or inside a page.
 */
async function readPage(sql: Queryable, scope: ChainScope, after: number, through: number): Promise<Buffer | null> {
  const [page] = await sql<{ records: Buffer | null }[]>`
    SELECT string_agg(int8send(sequence) || int4send(octet_length(canonical)) || prev_hash || convert_to(canonical, 'UTF8') || row_hash || row_mac, ''::bytea ORDER BY sequence) AS records
    FROM (SELECT sequence, prev_hash, row_hash, row_mac,
                 concat_ws(E'\n', ${ROW_FORMAT}::text, ${scope.tenantId}::text, ${scope.environment}::text, sequence,
                   to_char(occurred_at AT TIME ZONE 'UTC', ${CANONICAL_TIME_FORMAT}), outcome, coalesce(host(ip_address), ''),
                   coalesce(user_agent, ''), coalesce(email_sealed, ''), coalesce(account_id, '')) AS canonical
          FROM login_audit_events
          WHERE tenant_id = ${scope.tenantId} AND environment = ${scope.environment} AND sequence > ${after} AND sequence <= ${through}) AS page`;
  return page?.records ?? null;
}

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
    const [head] = await sql<{ last: string | null }[]>`
      SELECT max(sequence)::text AS last FROM login_audit_events WHERE tenant_id = ${scope.tenantId} AND environment = ${scope.environment}`;
    const last = Number(head?.last ?? 0);
    const check = (id: number, page: Buffer): Promise<PageSummary> => {
      const worker = workers[id % workers.length]!;
      // The page's memory moves to the worker instead of being copied (postgres.js decodes a large bytea into a buffer of its own).
      const own = page.byteOffset === 0 && page.byteLength === page.buffer.byteLength ? page : Buffer.from(page);
      const task: PageTask = { id, macKey, page: own };
      return new Promise<PageSummary>((resolve, reject) => {
        const onMessage = (summary: PageSummary) => {
          if (summary.id !== id) return;
          worker.off('message', onMessage);
          resolve(summary);
        };
        worker.on('message', onMessage);
        worker.once('error', reject);
        worker.postMessage({ task, watch }, [own.buffer as ArrayBuffer]);
      });
    };
    // From the very first row: rows a purge removed must not be back (the seam check sees them).
    const ranges: { after: number; through: number }[] = [];
    for (let after = 0; after < last; after += PAGE_SEQUENCES) ranges.push({ after, through: Math.min(last, after + PAGE_SEQUENCES) });
    const pending: Promise<PageSummary | undefined>[] = [];
    let next = 0;
    await Promise.all(Array.from({ length: PAGES_READ_AT_ONCE }, async () => {
      while (next < ranges.length) {
        const id = next++;
        const page = await readPage(sql, scope, ranges[id]!.after, ranges[id]!.through);
        pending[id] = page ? check(id, page) : Promise.resolve(undefined);
        pending[id].catch(() => {}); // a worker's failure is raised by the Promise.all below
        // Keep a few pages waiting per worker, not the whole chain in memory.
        if (id >= workers.length * 2) await pending[id - workers.length * 2];
      }
    }));
    const summaries = (await Promise.all(pending)).filter((summary) => summary !== undefined);
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
