import { parentPort } from 'node:worker_threads';
import { canonicalRow, chainHash, macFunction, type ChainScope } from './chain-format.ts';

/**
 * Recomputes pages of a chain for parallel-verify.ts: each row's hash and MAC, and the links
 * inside the page. A page is the rows as tab-separated text (fields cannot hold tabs or
 * newlines), which crosses threads as one string instead of thousands of objects.
 */
export interface PageTask {
  id: number;
  scope: ChainScope;
  macKey: Buffer;
  text: string;
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

const macs = new Map<string, (canonical: string) => Buffer>();

export function checkPage(task: PageTask, watch: Set<number>): PageSummary {
  let mac = macs.get(task.macKey.toString('hex'));
  if (!mac) macs.set(task.macKey.toString('hex'), (mac = macFunction(Buffer.from(task.macKey))));
  const lines = task.text.split('\n');
  const summary: PageSummary = { id: task.id, rows: lines.length, firstSequence: 0, lastSequence: 0, firstPrevious: '', lastHash: '', hashesAt: {} };
  let previousHash = '';
  let previousSequence = 0;
  for (const [index, line] of lines.entries()) {
    const [sequenceText, occurredAt, outcome, ipAddress, userAgent, emailSealed, accountId, prevHex, rowHex, macHex] = line.split('\t') as string[];
    const sequence = Number(sequenceText);
    const row = { sequence, occurredAt: occurredAt!, outcome: outcome!, ipAddress: ipAddress || null, userAgent: userAgent || null, emailSealed: emailSealed || null, accountId: accountId || null };
    const canonical = canonicalRow(task.scope, row);
    if (index === 0) {
      summary.firstSequence = sequence;
      summary.firstPrevious = prevHex!;
    } else if (sequence !== previousSequence + 1 || prevHex !== previousHash) {
      summary.failedAt = sequence;
      return summary;
    }
    if (chainHash(Buffer.from(prevHex!, 'hex'), canonical).toString('hex') !== rowHex || mac(canonical).toString('hex') !== macHex) {
      summary.failedAt = sequence;
      return summary;
    }
    if (watch.has(sequence)) summary.hashesAt[sequence] = rowHex!;
    previousHash = rowHex!;
    previousSequence = sequence;
  }
  summary.lastSequence = previousSequence;
  summary.lastHash = previousHash;
  return summary;
}

parentPort?.on('message', ({ task, watch }: { task: PageTask; watch: number[] }) => {
  parentPort!.postMessage(checkPage(task, new Set(watch)));
});
