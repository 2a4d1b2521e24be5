import { parentPort } from 'node:worker_threads';
import { chainHashOfBytes, macOfBytes } from './chain-format.ts';

/**
 * Recomputes pages of a chain for parallel-verify.ts: each row's hash and MAC, and the links
 * inside the page. A page comes from PostgreSQL as one byte string of records laid out for
 * hashing in place (see PAGE_RECORDS in parallel-verify.ts):
 *
 *   sequence (int8) | canonical length (int4) | prev_hash (32) | canonical text | row_hash (32) | row_mac (32)
 *
 * so prev_hash ‖ canonical, the input of the row hash, is already contiguous: no strings, no
 * hex, one copy per row (for the MAC).
 */
export interface PageTask {
  id: number;
  macKey: Uint8Array;
  page: Uint8Array;
}

export interface PageSummary {
  id: number;
  rows: number;
  firstSequence: number;
  lastSequence: number;
  /** prev_hash of the first row and row_hash of the last, hex: the page's seams. */
  firstPrevious: string;
  lastHash: string;
  /** row_hash of each row a checkpoint signed is checked by the caller: these are they, by sequence. */
  hashesAt: Record<number, string>;
  /** The first row that failed here (the caller re-checks from it to name the fault). */
  failedAt?: number;
}

const macs = new Map<string, (bytes: Uint8Array) => Buffer>();

export function checkPage(task: PageTask, watch: Set<number>): PageSummary {
  const keyHex = Buffer.from(task.macKey).toString('hex');
  let mac = macs.get(keyHex);
  if (!mac) macs.set(keyHex, (mac = macOfBytes(Buffer.from(task.macKey))));
  const page = Buffer.from(task.page.buffer, task.page.byteOffset, task.page.byteLength);
  const summary: PageSummary = { id: task.id, rows: 0, firstSequence: 0, lastSequence: 0, firstPrevious: '', lastHash: '', hashesAt: {} };
  let previousSequence = 0;
  let previousHashAt = -1;
  let offset = 0;
  while (offset < page.length) {
    const sequence = page.readUInt32BE(offset) * 2 ** 32 + page.readUInt32BE(offset + 4);
    const length = page.readUInt32BE(offset + 8);
    const previousAt = offset + 12;
    const canonicalAt = previousAt + 32;
    const hashAt = canonicalAt + length;
    const macAt = hashAt + 32;
    if (summary.rows === 0) {
      summary.firstSequence = sequence;
      summary.firstPrevious = page.toString('hex', previousAt, previousAt + 32);
    } else if (sequence !== previousSequence + 1 || page.compare(page, previousHashAt, previousHashAt + 32, previousAt, previousAt + 32) !== 0) {
      summary.failedAt = sequence;
      return summary;
    }
    if (chainHashOfBytes(page.subarray(previousAt, hashAt)).compare(page, hashAt, hashAt + 32) !== 0 ||
        mac(page.subarray(canonicalAt, hashAt)).compare(page, macAt, macAt + 32) !== 0) {
      summary.failedAt = sequence;
      return summary;
    }
    if (watch.has(sequence)) summary.hashesAt[sequence] = page.toString('hex', hashAt, hashAt + 32);
    summary.rows += 1;
    previousSequence = sequence;
    previousHashAt = hashAt;
    offset = macAt + 32;
  }
  summary.lastSequence = previousSequence;
  if (previousHashAt >= 0) summary.lastHash = page.toString('hex', previousHashAt, previousHashAt + 32);
  return summary;
}

parentPort?.on('message', ({ task, watch }: { task: PageTask; watch: number[] }) => {
  parentPort!.postMessage(checkPage(task, new Set(watch)));
});
