import type { KeyObject } from 'node:crypto';
import { verifySignature } from './audit-keys.ts';
import { GENESIS_HASH, canonicalCheckpoint, canonicalRow, chainHash, type ChainScope, type StoredAuditRow, type StoredCheckpoint } from './chain-format.ts';

/**
 * What can be wrong with a chain, each named at the first record it shows in:
 * - altered: a row's fields no longer hash to its row_hash (changed, hash left as it was);
 * - deleted: a record is missing (a gap, or the rows after it renumbered to close it);
 * - inserted: a row PortTask did not write sits between authentic rows (those after it moved up);
 * - reordered: an authentic row sits at another place than the one it was written at;
 * - forged: a row whose hashes are consistent but which PortTask did not write (its MAC
 *   fails: changed with the hashes recomputed, or a fake row at the end);
 * - truncated: rows a signed checkpoint covered are gone from the end;
 * - checkpoint_broken: a checkpoint's hash, link, signature or numbering is wrong;
 * - rewritten_after_purge: rows a signed purge removed are back, or the retained rows no
 *   longer start from the purged row's hash.
 * Without the MAC key (an offline verifier) forged and inserted rows are caught by the
 * signed checkpoints instead, as a mismatch with the row the checkpoint signed.
 */
export type ChainFaultKind = 'altered' | 'deleted' | 'inserted' | 'reordered' | 'forged' | 'truncated' | 'checkpoint_broken' | 'rewritten_after_purge';

export interface ChainFault {
  kind: ChainFaultKind;
  /** The record the fault shows in (absent for checkpoint faults). */
  sequence?: number;
  /** The checkpoint involved, if any. */
  checkpoint?: number;
  message: string;
}

export interface VerifyKeys {
  /** The tenant's row MAC; absent offline (then checkpoints stand in for it). */
  mac?: (canonical: string) => Buffer;
  publicKeys: Map<string, KeyObject>;
}

/** How far around a misplaced row to look for where it belongs. */
const SEARCH_WINDOW = 64;

/**
 * Verifies one chain (a tenant's environment). Rows arrive in order of `sequence`, in
 * windows (see checkRows), so a chain of millions of rows never has to be in memory at once.
 */
export class ChainVerifier {
  private expectedSequence: number;
  private expectedPrevious: Buffer;
  private readonly boundarySequence: number;
  private readonly signedHeads = new Map<number, StoredCheckpoint[]>();
  private readonly lastCheckpoint: StoredCheckpoint | undefined;
  rowsChecked = 0;
  readonly checkpointFault: ChainFault | undefined;

  constructor(private readonly scope: ChainScope, private readonly checkpoints: StoredCheckpoint[], private readonly keys: VerifyKeys) {
    this.checkpointFault = this.checkCheckpoints();
    this.lastCheckpoint = checkpoints.at(-1);
    // The newest checkpoint says how far retention purged: the chain resumes after that row.
    this.boundarySequence = this.lastCheckpoint?.purgedThroughSequence ?? 0;
    this.expectedSequence = this.boundarySequence + 1;
    this.expectedPrevious = this.lastCheckpoint && this.boundarySequence > 0 ? this.lastCheckpoint.purgedThroughRowHash : GENESIS_HASH;
    for (const checkpoint of checkpoints) {
      if (checkpoint.throughSequence <= this.boundarySequence) continue;
      const list = this.signedHeads.get(checkpoint.throughSequence) ?? [];
      list.push(checkpoint);
      this.signedHeads.set(checkpoint.throughSequence, list);
    }
  }

  private checkCheckpoints(): ChainFault | undefined {
    let previous: Buffer = GENESIS_HASH;
    let previousCheckpoint: StoredCheckpoint | undefined;
    for (const [index, checkpoint] of this.checkpoints.entries()) {
      const broken = (message: string): ChainFault => ({ kind: 'checkpoint_broken', checkpoint: checkpoint.number, message: `Checkpoint #${checkpoint.number} ${message}.` });
      if (checkpoint.number !== index + 1) {
        return { kind: 'checkpoint_broken', checkpoint: index + 1, message: `Checkpoint #${index + 1} is missing (found #${checkpoint.number} in its place).` };
      }
      if (!checkpoint.prevCheckpointHash.equals(previous)) return broken('does not link to the checkpoint before it');
      if (!chainHash(checkpoint.prevCheckpointHash, canonicalCheckpoint(this.scope, checkpoint)).equals(checkpoint.checkpointHash)) {
        return broken('was altered: its fields do not hash to its checkpoint_hash');
      }
      const publicKey = this.keys.publicKeys.get(checkpoint.keyId);
      if (!publicKey) return broken(`is signed with an unknown key ${checkpoint.keyId}`);
      if (!verifySignature(publicKey, checkpoint.checkpointHash, checkpoint.signature)) return broken('has a signature that does not verify');
      if (previousCheckpoint && (checkpoint.throughSequence < previousCheckpoint.throughSequence || checkpoint.purgedThroughSequence < previousCheckpoint.purgedThroughSequence)) {
        return broken('goes backwards from the checkpoint before it');
      }
      previous = checkpoint.checkpointHash;
      previousCheckpoint = checkpoint;
    }
    return undefined;
  }

  /**
   * Checks window[0 .. upTo); rows after upTo are only looked at to classify a fault (pass
   * upTo = window.length for the last window). Returns the first fault, if any.
   */
  checkRows(window: StoredAuditRow[], upTo = window.length): ChainFault | undefined {
    const { mac } = this.keys;
    for (let index = 0; index < upTo; index += 1) {
      const row = window[index]!;
      const expected = this.expectedSequence;
      if (row.sequence <= this.boundarySequence) {
        return { kind: 'rewritten_after_purge', sequence: row.sequence, checkpoint: this.lastCheckpoint?.number, message: `Record ${row.sequence} was purged (signed purge checkpoint #${this.lastCheckpoint?.number}) but is present again.` };
      }
      if (row.sequence > expected) {
        return { kind: 'deleted', sequence: expected, message: row.sequence === expected + 1 ? `Record ${expected} is missing.` : `Records ${expected} to ${row.sequence - 1} are missing.` };
      }
      const canonical = canonicalRow(this.scope, row);
      const hashOk = chainHash(row.prevHash, canonical).equals(row.rowHash);
      const macOk = mac ? mac(canonical).equals(row.rowMac) : true;
      const linkOk = row.prevHash.equals(this.expectedPrevious);
      if (!(hashOk && macOk && linkOk)) return this.classify(window, index, { hashOk, macOk });
      const signed = this.signedHeads.get(row.sequence);
      if (signed) {
        const disagreeing = signed.find((checkpoint) => !checkpoint.throughRowHash.equals(row.rowHash));
        if (disagreeing) {
          return { kind: 'forged', sequence: row.sequence, checkpoint: disagreeing.number, message: `Record ${row.sequence} is not the row signed by checkpoint #${disagreeing.number}: the rows up to it were rewritten with recomputed hashes.` };
        }
      }
      this.expectedPrevious = row.rowHash;
      this.expectedSequence += 1;
      this.rowsChecked += 1;
    }
    return undefined;
  }

  /** After the last row: rows a checkpoint signed must all still be there. */
  finish(): ChainFault | undefined {
    const signedThrough = this.lastCheckpoint?.throughSequence ?? 0;
    const lastPresent = this.expectedSequence - 1;
    if (signedThrough > lastPresent) {
      return { kind: 'truncated', sequence: lastPresent + 1, checkpoint: this.lastCheckpoint!.number, message: `Records ${lastPresent + 1} to ${signedThrough} are missing from the end (signed by checkpoint #${this.lastCheckpoint!.number}).` };
    }
    return undefined;
  }

  private classify(window: StoredAuditRow[], index: number, { hashOk, macOk }: { hashOk: boolean; macOk: boolean }): ChainFault {
    const row = window[index]!;
    const at = row.sequence;
    // Where was this row written? The MAC (or, offline, the row's own hash) binds its sequence.
    const authenticAt = (candidate: StoredAuditRow, sequence: number) => {
      const canonical = canonicalRow(this.scope, candidate, sequence);
      return this.keys.mac ? this.keys.mac(canonical).equals(candidate.rowMac) : chainHash(candidate.prevHash, canonical).equals(candidate.rowHash);
    };
    const bindsPosition = this.keys.mac ? !macOk : !hashOk;
    if (bindsPosition) {
      let writtenAt: number | undefined;
      for (let offset = 1; offset <= SEARCH_WINDOW && writtenAt === undefined; offset += 1) {
        if (authenticAt(row, at + offset)) writtenAt = at + offset;
        else if (at - offset > 0 && authenticAt(row, at - offset)) writtenAt = at - offset;
      }
      if (writtenAt !== undefined) {
        const laterBelongsHere = window.slice(index + 1, index + 1 + SEARCH_WINDOW).some((later) => authenticAt(later, at));
        if (writtenAt > at && !laterBelongsHere) {
          return { kind: 'deleted', sequence: at, message: `Record ${at} is missing: the rows after it were renumbered to close the gap (record ${at} now holds the row written as ${writtenAt}).` };
        }
        return { kind: 'reordered', sequence: at, message: `Record ${at} holds the row written as record ${writtenAt}: rows were reordered.` };
      }
      const next = window[index + 1];
      if (next && authenticAt(next, at)) {
        return { kind: 'inserted', sequence: at, message: `Record ${at} was inserted: PortTask did not write it, and the rows after it were moved up one place.` };
      }
      if (!hashOk) return { kind: 'altered', sequence: at, message: `Record ${at} was altered: its fields do not hash to its row_hash.` };
      return { kind: 'forged', sequence: at, message: `Record ${at} is forged: its hashes are consistent but its MAC is not PortTask's.` };
    }
    if (!hashOk) return { kind: 'altered', sequence: at, message: `Record ${at} was altered: its fields do not hash to its row_hash.` };
    if (at === this.boundarySequence + 1 && this.boundarySequence > 0) {
      return { kind: 'rewritten_after_purge', sequence: at, checkpoint: this.lastCheckpoint?.number, message: `Record ${at}, the first kept after the purge of checkpoint #${this.lastCheckpoint?.number}, does not link to the purged row's hash: the kept rows were rewritten.` };
    }
    return { kind: 'altered', sequence: at, message: `Record ${at} does not link to the record before it (its prev_hash was changed).` };
  }
}
