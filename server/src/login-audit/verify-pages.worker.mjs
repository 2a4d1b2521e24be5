import { createHash, createHmac, hash } from 'node:crypto';
import { parentPort } from 'node:worker_threads';

/**
 * Recomputes pages of a chain for parallel-verify.ts: each row's hash and MAC, and the links
 * inside the page. Plain JavaScript, so a worker starts without the TypeScript loader (which
 * cost each worker about 0.3 s of CPU: more than verifying 100,000 rows).
 *
 * A page is what PostgreSQL's binary COPY wrote for a range of rows, four fields a row, each
 * field its length (int32, -1 for NULL) and its bytes:
 *
 *   sequence (int8) | prev_hash ‖ canonical text (bytea) | row_hash (bytea) | row_mac (bytea)
 *
 * The canonical text is chain-format.ts's canonicalRow, written by the query; the row hash is
 * SHA-256 over the second field as it lies in the page, and the MAC is HMAC-SHA256 of the
 * canonical text. Digests are made as "binary" (latin1) strings, one character per byte, and
 * compared with the stored bytes read the same way: Node makes such a string in half the time
 * of a Buffer, and the hashes are most of the work.
 */

/** PostgreSQL's binary COPY signature; then flags (int32) and the header extension's length (int32). */
const COPY_SIGNATURE = Buffer.from('PGCOPY\n\xff\r\n\0', 'binary');
const FIELDS = 4;
const digests = new Map();

/** HMAC-SHA256 (RFC 2104) with the one-shot hash into reused buffers (createHmac per row is a third slower). */
function macFunction(key) {
  if (typeof hash !== 'function') return (canonical) => createHmac('sha256', key).update(canonical).digest('binary');
  const block = Buffer.alloc(64);
  (key.length > 64 ? createHash('sha256').update(key).digest() : key).copy(block);
  let inner = Buffer.alloc(1024);
  const outer = Buffer.alloc(96);
  for (let index = 0; index < 64; index += 1) {
    inner[index] = block[index] ^ 0x36;
    outer[index] = block[index] ^ 0x5c;
  }
  const mac = (canonical) => {
    if (64 + canonical.length > inner.length) {
      const grown = Buffer.alloc((64 + canonical.length) * 2);
      inner.copy(grown, 0, 0, 64);
      inner = grown;
    }
    inner.set(canonical, 64);
    outer.write(hash('sha256', inner.subarray(0, 64 + canonical.length), 'binary'), 64, 'binary');
    return hash('sha256', outer, 'binary');
  };
  const sample = Buffer.from('check');
  if (mac(sample) !== createHmac('sha256', key).update(sample).digest('binary')) throw new Error('HMAC self-check failed');
  return mac;
}

const chainHash = typeof hash === 'function' ? (bytes) => hash('sha256', bytes, 'binary') : (bytes) => createHash('sha256').update(bytes).digest('binary');

/** @param {{ id: number, macKey: Uint8Array, page: Uint8Array }} task @param {Set<number>} watch */
export function checkPage(task, watch) {
  const keyHex = Buffer.from(task.macKey).toString('hex');
  let mac = digests.get(keyHex);
  if (!mac) digests.set(keyHex, (mac = macFunction(Buffer.from(task.macKey))));
  const page = Buffer.from(task.page.buffer, task.page.byteOffset, task.page.byteLength);
  const summary = { id: task.id, rows: 0, firstSequence: 0, lastSequence: 0, firstPrevious: '', lastHash: '', hashesAt: {} };
  if (page.compare(COPY_SIGNATURE, 0, COPY_SIGNATURE.length, 0, COPY_SIGNATURE.length) !== 0) throw new Error('A verify page is not binary COPY output.');
  let offset = COPY_SIGNATURE.length + 8 + page.readUInt32BE(COPY_SIGNATURE.length + 4);
  let previousSequence = 0;
  let previousHashAt = -1;
  while (page.readInt16BE(offset) === FIELDS) {
    const sequence = page.readUInt32BE(offset + 6) * 2 ** 32 + page.readUInt32BE(offset + 10);
    const inputLength = page.readInt32BE(offset + 14);
    const previousAt = offset + 18;
    const hashAt = previousAt + inputLength + 4;
    const macAt = hashAt + 36;
    if (inputLength < 32 || macAt + 32 > page.length || page.readInt32BE(hashAt - 4) !== 32 || page.readInt32BE(macAt - 4) !== 32) {
      summary.failedAt = sequence; // a hash or MAC that is not 32 bytes
      return summary;
    }
    if (summary.rows === 0) {
      summary.firstSequence = sequence;
      summary.firstPrevious = page.toString('hex', previousAt, previousAt + 32);
    } else if (sequence !== previousSequence + 1 || page.compare(page, previousHashAt, previousHashAt + 32, previousAt, previousAt + 32) !== 0) {
      summary.failedAt = sequence;
      return summary;
    }
    if (chainHash(page.subarray(previousAt, previousAt + inputLength)) !== page.toString('binary', hashAt, hashAt + 32) ||
        mac(page.subarray(previousAt + 32, previousAt + inputLength)) !== page.toString('binary', macAt, macAt + 32)) {
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

parentPort?.on('message', ({ task, watch }) => {
  parentPort.postMessage(checkPage(task, new Set(watch)));
});
