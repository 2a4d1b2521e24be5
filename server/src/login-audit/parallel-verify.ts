import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { Queryable, Sql } from '../db/connection.ts';
import { CANONICAL_TIME_FORMAT, ROW_FORMAT, type ChainScope, type StoredCheckpoint } from './chain-format.ts';

/** Sequences per page: a page is about 4 MB, a few in flight at once. */
const PAGE_SEQUENCES = 10_000;
/** Pages being read from PostgreSQL at once (each on its own connection, so on its own core). */
const PAGES_READ_AT_ONCE = 2;
/** The worker is plain JavaScript (see its header), started without the TypeScript loader. */
const WORKER = new URL('./verify-pages.worker.mjs', import.meta.url);

interface PageTask {
  id: number;
  macKey: Uint8Array;
  /** Binary COPY output of the page's rows: header, rows, trailer. */
  page: Uint8Array;
}

/** What a worker says about a page. */
interface PageSummary {
  id: number;
  rows: number;
  firstSequence: number;
  lastSequence: number;
  /** prev_hash of the first row and row_hash of the last, hex: the page's seams. */
  firstPrevious: string;
  lastHash: string;
  /** row_hash of each row a checkpoint signed is checked by the caller: these are they, by sequence. */
  hashesAt: Record<number, string>;
  /** The first row that failed there (the sequential verifier then names the fault). */
  failedAt?: number;
}

/**
 * One page of a chain, a range of sequence numbers, as binary COPY output the workers hash in
 * place (verify-pages.worker.mjs): PostgreSQL writes each row's canonical text (as
 * chain-format.ts's canonicalRow does) right after its prev_hash, so no row becomes a
 * JavaScript object or string, and binary COPY sends bytes as bytes (no hex). Ranges, not "the
 * next N rows", so several pages are read at once; a gap or a row out of place shows at a seam
 * or inside a page. COPY takes no parameters, so the page's scope and range are settings of
 * its transaction, read by the query.
 */
async function readPage(sql: Queryable, scope: ChainScope, after: number, through: number): Promise<Buffer> {
  const read = async (tx: Queryable) => {
    await tx`SELECT set_config('porttask.verify_tenant', ${scope.tenantId}, true), set_config('porttask.verify_environment', ${scope.environment}, true),
                    set_config('porttask.verify_after', ${String(after)}, true), set_config('porttask.verify_through', ${String(through)}, true),
                    set_config('porttask.verify_row_format', ${ROW_FORMAT}, true), set_config('porttask.verify_time_format', ${CANONICAL_TIME_FORMAT}, true)`;
    const copy = await tx`
      COPY (SELECT sequence,
                   prev_hash || convert_to(concat_ws(E'\n', current_setting('porttask.verify_row_format'), tenant_id, environment, sequence,
                     to_char(occurred_at AT TIME ZONE 'UTC', current_setting('porttask.verify_time_format')), outcome, coalesce(host(ip_address), ''),
                     coalesce(user_agent, ''), coalesce(email_sealed, ''), coalesce(account_id, '')), 'UTF8'),
                   row_hash, row_mac
            FROM login_audit_events
            WHERE tenant_id = current_setting('porttask.verify_tenant') AND environment = current_setting('porttask.verify_environment')
              AND sequence > current_setting('porttask.verify_after')::bigint AND sequence <= current_setting('porttask.verify_through')::bigint
            ORDER BY login_audit_events.sequence)
      TO STDOUT (FORMAT binary)`.readable();
    // Read flowing ('data'), not with an async iterator: postgres.js pauses its socket when a
    // COPY stream's buffer is full, and a pause at the stream's last row left the transaction hanging.
    const chunks: Buffer[] = [];
    await new Promise((resolve, reject) => {
      copy.on('data', (chunk: Buffer) => chunks.push(chunk));
      copy.once('end', resolve);
      copy.once('error', reject);
    });
    return Buffer.concat(chunks);
  };
  // The settings last until the end of the transaction: the caller's, or one of the page's own.
  return isPool(sql) ? await sql.begin(read) as Buffer : await read(sql);
}

function isPool(sql: Queryable): sql is Sql {
  return 'begin' in sql;
}

/**
 * The fast path of verification for long chains: pages are read from PostgreSQL while
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
  // No execArgv: a worker inherits the process's otherwise, and under `npm start` that is
  // `--import tsx`, whose start-up cost each worker more CPU than checking 50,000 rows.
  const workers = Array.from({ length: Math.max(1, availableParallelism()) }, () => new Worker(WORKER, { execArgv: [] }));
  try {
    const [head] = await sql<{ last: string | null }[]>`
      SELECT max(sequence)::text AS last FROM login_audit_events WHERE tenant_id = ${scope.tenantId} AND environment = ${scope.environment}`;
    const last = Number(head?.last ?? 0);
    const check = (id: number, page: Buffer): Promise<PageSummary> => {
      const worker = workers[id % workers.length]!;
      // The page's memory moves to the worker instead of being copied.
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
    const pending: Promise<PageSummary>[] = [];
    let next = 0;
    // Inside a caller's transaction there is one connection: one page at a time.
    await Promise.all(Array.from({ length: isPool(sql) ? PAGES_READ_AT_ONCE : 1 }, async () => {
      while (next < ranges.length) {
        const id = next++;
        pending[id] = check(id, await readPage(sql, scope, ranges[id]!.after, ranges[id]!.through));
        pending[id].catch(() => {}); // a worker's failure is raised by the Promise.all below
        // Keep a few pages waiting per worker, not the whole chain in memory.
        if (id >= workers.length * 2) await pending[id - workers.length * 2];
      }
    }));
    const summaries = (await Promise.all(pending)).filter((summary) => summary.rows > 0 || summary.failedAt !== undefined);
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
