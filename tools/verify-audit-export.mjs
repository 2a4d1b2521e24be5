#!/usr/bin/env node
/**
 * Verifies an export of a PortTask login audit trail (`porttask audit export`) with no
 * database, no secret and nothing but Node.js: every checkpoint's hash, link and Ed25519
 * signature, every event's hash and link, the purge boundary, and that each event a
 * checkpoint signed is still the one it signed.
 *
 *   node tools/verify-audit-export.mjs audit.ndjson [--key lak_…]
 *
 * --key pins the signing key you got from PortTask out of band (`porttask audit public-key`
 * or GET /v1/audit/verify); without it the key in the file's header is trusted.
 * Exit 0: intact. Exit 1: tampered (the first bad record and the kind of fault are printed).
 * Exit 2: the file or the arguments are unusable.
 *
 * Written on purpose without any PortTask code: it is the format, re-implemented.
 */
import { createHash, createPublicKey, verify } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';

const GENESIS = Buffer.alloc(32);
const LOOKAHEAD = 64;

const sha256 = (previous, text) => createHash('sha256').update(previous).update(text).digest();
const hex = (value) => Buffer.from(value ?? '', 'hex');

function rowText(header, event, sequence = event.sequence) {
  return [header.rowFormat, header.tenantId, header.environment, sequence, event.occurredAt, event.outcome,
    event.ipAddress ?? '', event.userAgent ?? '', event.emailSealed ?? '', event.accountId ?? ''].join('\n');
}

function checkpointText(header, checkpoint) {
  return [header.checkpointFormat, header.tenantId, header.environment, checkpoint.number, checkpoint.kind, checkpoint.createdAt,
    checkpoint.throughSequence, checkpoint.throughRowHash, checkpoint.purgedThroughSequence, checkpoint.purgedThroughRowHash, checkpoint.keyId].join('\n');
}

class Fault extends Error {
  constructor(kind, sequence, message) {
    super(message);
    this.kind = kind;
    this.sequence = sequence;
  }
}

function checkCheckpoints(header, checkpoints, keys) {
  let previous = GENESIS;
  let before;
  checkpoints.forEach((checkpoint, index) => {
    const broken = (why) => new Fault('checkpoint_broken', undefined, `Checkpoint #${checkpoint.number} ${why}.`);
    if (checkpoint.number !== index + 1) throw new Fault('checkpoint_broken', undefined, `Checkpoint #${index + 1} is missing.`);
    if (!hex(checkpoint.prevCheckpointHash).equals(previous)) throw broken('does not link to the checkpoint before it');
    const hash = sha256(hex(checkpoint.prevCheckpointHash), checkpointText(header, checkpoint));
    if (!hash.equals(hex(checkpoint.checkpointHash))) throw broken('was altered: its fields do not hash to its checkpointHash');
    const key = keys.get(checkpoint.keyId);
    if (!key) throw broken(`is signed with key ${checkpoint.keyId}, which is not the trusted key`);
    let signed = false;
    try { signed = verify(null, hash, key, Buffer.from(checkpoint.signature, 'base64url')); } catch { signed = false; }
    if (!signed) throw broken('has a signature that does not verify');
    if (before && (checkpoint.throughSequence < before.throughSequence || checkpoint.purgedThroughSequence < before.purgedThroughSequence)) throw broken('goes backwards');
    previous = hash;
    before = checkpoint;
  });
}

async function verifyExport(file, { key } = {}) {
  const lines = createInterface({ input: createReadStream(file), crlfDelay: Infinity });
  let header;
  const checkpoints = [];
  let state;
  let window = [];
  let checked = 0;

  const start = () => {
    const keys = new Map();
    for (const entry of header.publicKeys ?? []) {
      if (key && entry.keyId !== key) continue;
      const publicKey = createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: entry.publicKey }, format: 'jwk' });
      // The key id is derived from the key, so a header cannot pair a trusted id with another key.
      const id = `lak_${createHash('sha256').update(Buffer.from(entry.publicKey, 'base64url')).digest('hex').slice(0, 16)}`;
      if (id === entry.keyId) keys.set(id, publicKey);
    }
    checkCheckpoints(header, checkpoints, keys);
    const last = checkpoints.at(-1);
    const boundary = last?.purgedThroughSequence ?? 0;
    const signedHeads = new Map();
    for (const checkpoint of checkpoints) if (checkpoint.throughSequence > boundary) signedHeads.set(checkpoint.throughSequence, checkpoint);
    state = { boundary, expected: boundary + 1, previous: boundary > 0 ? hex(last.purgedThroughRowHash) : GENESIS, signedHeads, last };
  };

  const authenticAt = (event, sequence) => sha256(hex(event.prevHash), rowText(header, event, sequence)).equals(hex(event.rowHash));

  const check = (upTo) => {
    for (let index = 0; index < upTo; index += 1) {
      const event = window[index];
      const at = event.sequence;
      if (at <= state.boundary) throw new Fault('rewritten_after_purge', at, `Record ${at} was purged (signed purge checkpoint #${state.last.number}) but is present again.`);
      if (at > state.expected) throw new Fault('deleted', state.expected, `Record ${state.expected} is missing.`);
      if (at < state.expected) throw new Fault('reordered', at, `Record ${at} appears twice or out of order.`);
      if (!authenticAt(event, at)) {
        for (let offset = 1; offset <= LOOKAHEAD; offset += 1) {
          for (const other of [at + offset, at - offset]) {
            if (other > 0 && authenticAt(event, other)) {
              const later = window.slice(index + 1, index + 1 + LOOKAHEAD).some((next) => authenticAt(next, at));
              if (other > at && !later) throw new Fault('deleted', at, `Record ${at} is missing: the rows after it were renumbered.`);
              throw new Fault('reordered', at, `Record ${at} holds the row written as record ${other}.`);
            }
          }
        }
        throw new Fault('altered', at, `Record ${at} was altered: its fields do not hash to its rowHash.`);
      }
      if (!hex(event.prevHash).equals(state.previous)) {
        if (at === state.boundary + 1 && state.boundary > 0) throw new Fault('rewritten_after_purge', at, `Record ${at}, the first kept after the purge, does not link to the purged row's hash.`);
        throw new Fault('altered', at, `Record ${at} does not link to the record before it.`);
      }
      const signed = state.signedHeads.get(at);
      if (signed && !hex(signed.throughRowHash).equals(hex(event.rowHash))) {
        throw new Fault('forged', at, `Record ${at} is not the row signed by checkpoint #${signed.number}: rows up to it were rewritten.`);
      }
      state.previous = hex(event.rowHash);
      state.expected += 1;
      checked += 1;
    }
    window = window.slice(upTo);
  };

  for await (const line of lines) {
    if (line.trim() === '') continue;
    let record;
    try { record = JSON.parse(line); } catch { throw new Error(`Not NDJSON: ${line.slice(0, 80)}`); }
    if (!header) {
      if (record.type !== 'header' || record.format !== 'porttask-login-audit-export/1') throw new Error('Not a PortTask login audit export (no header line).');
      header = record;
    } else if (record.type === 'checkpoint') {
      if (state) throw new Fault('checkpoint_broken', undefined, `Checkpoint #${record.number} comes after the events.`);
      checkpoints.push(record);
    } else if (record.type === 'event') {
      if (!state) start();
      window.push(record);
      if (window.length > 1000 + LOOKAHEAD) check(window.length - LOOKAHEAD);
    } else {
      throw new Error(`Unknown line type ${record.type}.`);
    }
  }
  if (!header) throw new Error('The file is empty.');
  if (!state) start();
  check(window.length);
  const signedThrough = state.last?.throughSequence ?? 0;
  if (signedThrough > state.expected - 1) {
    throw new Fault('truncated', state.expected, `Records ${state.expected} to ${signedThrough} are missing from the end (signed by checkpoint #${state.last.number}).`);
  }
  return { events: checked, checkpoints: checkpoints.length, keyId: checkpoints.at(-1)?.keyId ?? header.publicKeys?.[0]?.keyId };
}

async function main(argv) {
  const [file, ...rest] = argv;
  const keyAt = rest.indexOf('--key');
  if (!file || (rest.length && keyAt !== 0) || (keyAt === 0 && !rest[1])) {
    process.stderr.write('usage: node verify-audit-export.mjs <export.ndjson> [--key lak_…]\n');
    return 2;
  }
  try {
    const result = await verifyExport(file, { key: keyAt === 0 ? rest[1] : undefined });
    process.stdout.write(`INTACT: ${result.events} events, ${result.checkpoints} checkpoints, signed by ${result.keyId}\n`);
    return 0;
  } catch (error) {
    if (error instanceof Fault) {
      process.stdout.write(`TAMPERED: ${error.kind}${error.sequence ? ` at record ${error.sequence}` : ''}: ${error.message}\n`);
      return 1;
    }
    process.stderr.write(`cannot verify: ${error.message}\n`);
    return 2;
  }
}

process.exitCode = await main(process.argv.slice(2));
