import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { insertTenant } from '../tenants/tenants.queries.ts';
import { createTestDatabase, type TestDatabase } from '../testing/test-database.ts';
import { AuditKeys } from './audit-keys.ts';
import { canonicalRow, chainHash, type ChainScope } from './chain-format.ts';
import { purgeChain, sealChain, sealQuietChainsPeriodically, verifyChain } from './chain-maintenance.ts';
import { tenantKeyEmailSealer } from './email-sealer.ts';
import { LoginAuditTrail, type LoginOutcome } from './login-audit-trail.ts';
import { readAuditRows, readCheckpoints } from './login-audit.queries.ts';
import { chainStart } from './login-audit-trail.ts';
import { verifyPagesInParallel } from './parallel-verify.ts';

let db: TestDatabase;
const keys = new AuditKeys(randomBytes(32));
const sealer = tenantKeyEmailSealer(keys);
let trail: LoginAuditTrail;
before(async () => {
  db = await createTestDatabase();
  // Small checkpoint interval so tamper tests have signed and unsigned stretches.
  trail = new LoginAuditTrail(db.sql, keys, sealer, { everyRows: 5, everyMinutes: 15 }, (error) => { throw error; });
});
after(async () => { await db.drop(); });

const OUTCOMES: LoginOutcome[] = ['wrong_password', 'success', 'unknown_email', 'locked', 'mfa_failed', 'sign_out'];

/** A fresh tenant's live chain with `count` rows (checkpoints after rows 1, 6, 11, …). */
async function chainWith(count: number): Promise<ChainScope> {
  const tenant = await insertTenant(db.owner, { name: 'Audit tenant', region: 'eu' });
  const scope: ChainScope = { tenantId: tenant.id, environment: 'live' };
  for (let index = 0; index < count; index += 1) {
    await trail.append(scope, { outcome: OUTCOMES[index % OUTCOMES.length]!, ipAddress: '203.0.113.7', userAgent: 'AuditTest/1.0', email: `user${index}@example.com` });
  }
  return scope;
}

async function faultOf(scope: ChainScope) {
  const result = await verifyChain(db.owner, keys, scope);
  assert.equal(result.intact, false, 'the tampered chain must not verify');
  // Long chains are first checked by worker threads; they must see the same fault.
  const parallel = await verifyChain(db.owner, keys, scope, { parallel: true });
  assert.deepEqual(parallel.fault, result.fault);
  return result.fault!;
}

/** What an attacker with the owner's SQL but no keys can do: recompute hashes from `from` on. */
async function rehashFrom(scope: ChainScope, from: number) {
  const rows = await readAuditRows(db.owner, scope, from - 1, 1_000);
  let previous = from === 1 ? Buffer.alloc(32) : (await readAuditRows(db.owner, scope, from - 2, 1))[0]!.rowHash;
  for (const row of rows) {
    const rowHash = chainHash(previous, canonicalRow(scope, row));
    await db.owner`UPDATE login_audit_events SET prev_hash = ${previous}, row_hash = ${rowHash} WHERE tenant_id = ${scope.tenantId} AND environment = ${scope.environment} AND sequence = ${row.sequence}`;
    previous = rowHash;
  }
}

const where = (scope: ChainScope) => db.owner`tenant_id = ${scope.tenantId} AND environment = ${scope.environment}`;

describe('login audit trail: appending', () => {
  it('appends rows with microsecond canonical times, the IP, the user agent and the email sealed (never plaintext)', async () => {
    const scope = await chainWith(3);
    const rows = await readAuditRows(db.owner, scope, 0, 10);
    assert.deepEqual(rows.map((row) => row.sequence), [1, 2, 3]);
    for (const row of rows) assert.match(row.occurredAt, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/);
    assert.equal(rows[0]!.ipAddress, '203.0.113.7');
    assert.equal(rows[0]!.userAgent, 'AuditTest/1.0');
    const [plain] = await db.owner`SELECT count(*)::int AS n FROM login_audit_events WHERE email_sealed ILIKE '%example%'`;
    assert.equal(plain!.n, 0);
    assert.equal(sealer.open(scope, rows[1]!.emailSealed!), 'user1@example.com');
    // Sealed for one tenant, it does not open as another's.
    assert.equal(sealer.open({ ...scope, tenantId: 'ten_00000000000000000000' }, rows[1]!.emailSealed!), null);
    assert.equal((await verifyChain(db.sql, keys, scope)).intact, true);
  });

  it('keeps the microseconds PostgreSQL recorded (the hash covers them)', async () => {
    const scope = await chainWith(1);
    const [row] = await db.owner<{ micros: string }[]>`SELECT extract(microseconds FROM occurred_at)::text AS micros FROM login_audit_events WHERE ${where(scope)}`;
    const [stored] = await readAuditRows(db.owner, scope, 0, 1);
    assert.equal(Number(stored!.occurredAt.slice(17, 26)) * 1e6, Number(row!.micros));
  });

  it('the app role may only SELECT and INSERT: UPDATE, DELETE and TRUNCATE are refused', async () => {
    await chainWith(2);
    for (const table of ['login_audit_events', 'login_audit_checkpoints']) {
      await assert.rejects(db.sql.unsafe(`UPDATE ${table} SET tenant_id = tenant_id`), /permission denied/);
      await assert.rejects(db.sql.unsafe(`DELETE FROM ${table}`), /permission denied/);
      await assert.rejects(db.sql.unsafe(`TRUNCATE ${table}`), /permission denied/);
    }
  });

  it('signs a checkpoint on the first row and every N rows, each chained to the one before', async () => {
    const scope = await chainWith(12);
    const checkpoints = await readCheckpoints(db.owner, scope);
    assert.deepEqual(checkpoints.map((checkpoint) => checkpoint.throughSequence), [1, 6, 11]);
    assert.ok(checkpoints[1]!.prevCheckpointHash.equals(checkpoints[0]!.checkpointHash));
    // A quiet chain is sealed on demand (the CLI and the server's timer do this).
    assert.equal(await sealChain(db.owner, keys, scope, 'now'), true);
    assert.equal(await sealChain(db.owner, keys, scope, 'now'), false);
    assert.equal((await readCheckpoints(db.owner, scope)).at(-1)!.throughSequence, 12);
  });

  it('a timer signs checkpoints for quiet chains once their interval has passed', async () => {
    const scope = await chainWith(3);
    const errors: Error[] = [];
    const stop = sealQuietChainsPeriodically(db.sql, keys, { everyMinutes: 0 }, (error) => errors.push(error), 20);
    const deadline = Date.now() + 10_000;
    while ((await readCheckpoints(db.owner, scope)).at(-1)!.throughSequence < 3 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
    await stop();
    assert.deepEqual(errors, []);
    assert.equal((await readCheckpoints(db.owner, scope)).at(-1)!.throughSequence, 3);
  });

  it('keeps one unforked chain under concurrent appends', async () => {
    const tenant = await insertTenant(db.owner, { name: 'Busy', region: 'eu' });
    const scope: ChainScope = { tenantId: tenant.id, environment: 'test' };
    await Promise.all(Array.from({ length: 40 }, (_, index) => trail.append(scope, { outcome: 'wrong_password', email: `u${index}@example.com` })));
    const rows = await readAuditRows(db.owner, scope, 0, 100);
    assert.deepEqual(rows.map((row) => row.sequence), Array.from({ length: 40 }, (_, index) => index + 1));
    for (const parallel of [false, true]) {
      const result = await verifyChain(db.owner, keys, scope, { parallel });
      assert.equal(result.intact, true, JSON.stringify(result.fault));
      assert.equal(result.eventsChecked, 40);
    }
  });

  it('keeps test and live chains apart', async () => {
    const scope = await chainWith(2);
    await trail.append({ ...scope, environment: 'test' }, { outcome: 'success' });
    assert.equal((await readAuditRows(db.owner, scope, 0, 10)).length, 2);
    assert.equal((await readAuditRows(db.owner, { ...scope, environment: 'test' }, 0, 10)).length, 1);
  });
});

describe('login audit trail: the parallel fast path', () => {
  it('answers intact with the row count in worker threads, and "not intact" for each kind of change (the sequential pass then names it)', async () => {
    const fast = async (scope: ChainScope) => {
      const checkpoints = await readCheckpoints(db.owner, scope);
      return await verifyPagesInParallel(db.owner, scope, keys.macKeyFor(scope.tenantId), checkpoints, chainStart(checkpoints.at(-1)));
    };
    const scope = await chainWith(12);
    assert.deepEqual(await fast(scope), { intact: true, rows: 12 });
    const tampering = [
      (s: ChainScope) => db.owner`UPDATE login_audit_events SET outcome = 'sign_up' WHERE ${where(s)} AND sequence = 4`,
      (s: ChainScope) => db.owner`DELETE FROM login_audit_events WHERE ${where(s)} AND sequence = 4`,
      (s: ChainScope) => db.owner`DELETE FROM login_audit_events WHERE ${where(s)} AND sequence >= 10`,
      async (s: ChainScope) => { await db.owner`UPDATE login_audit_events SET outcome = 'sign_up' WHERE ${where(s)} AND sequence = 9`; await rehashFrom(s, 9); },
    ];
    for (const tamper of tampering) {
      const victim = await chainWith(12);
      await tamper(victim);
      assert.deepEqual(await fast(victim), { intact: false });
    }
  });
});

describe('login audit trail: every kind of tampering is named at its record', () => {
  it('altered: a field changed, hashes left', async () => {
    const scope = await chainWith(8);
    await db.owner`UPDATE login_audit_events SET outcome = 'success' WHERE ${where(scope)} AND sequence = 4`;
    assert.deepEqual(await faultOf(scope), { kind: 'altered', sequence: 4, message: 'Record 4 was altered: its fields do not hash to its row_hash.' });
  });

  it('deleted: a row removed from the middle', async () => {
    const scope = await chainWith(8);
    await db.owner`DELETE FROM login_audit_events WHERE ${where(scope)} AND sequence = 3`;
    const fault = await faultOf(scope);
    assert.equal(fault.kind, 'deleted');
    assert.equal(fault.sequence, 3);
  });

  it('deleted: a row removed and the rest renumbered and rehashed to close the gap', async () => {
    const scope = await chainWith(8);
    await db.owner`DELETE FROM login_audit_events WHERE ${where(scope)} AND sequence = 3`;
    await db.owner`UPDATE login_audit_events SET sequence = sequence + 1000 WHERE ${where(scope)} AND sequence > 3`;
    await db.owner`UPDATE login_audit_events SET sequence = sequence - 1001 WHERE ${where(scope)} AND sequence > 1000`;
    await rehashFrom(scope, 3);
    const fault = await faultOf(scope);
    assert.equal(fault.kind, 'deleted');
    assert.equal(fault.sequence, 3);
  });

  it('inserted: a fake row between authentic ones, the rest moved up and rehashed', async () => {
    const scope = await chainWith(8);
    await db.owner`UPDATE login_audit_events SET sequence = sequence + 1000 WHERE ${where(scope)} AND sequence >= 4`;
    await db.owner`UPDATE login_audit_events SET sequence = sequence - 999 WHERE ${where(scope)} AND sequence > 1000`;
    await db.owner`
      INSERT INTO login_audit_events (tenant_id, environment, sequence, occurred_at, outcome, ip_address, prev_hash, row_hash, row_mac)
      SELECT tenant_id, environment, 4, occurred_at, 'success', ip_address, prev_hash, row_hash, row_mac FROM login_audit_events WHERE ${where(scope)} AND sequence = 5`;
    await rehashFrom(scope, 4);
    const fault = await faultOf(scope);
    assert.equal(fault.kind, 'inserted', fault.message);
    assert.equal(fault.sequence, 4);
  });

  it('reordered: two rows swapped', async () => {
    const scope = await chainWith(8);
    await db.owner`UPDATE login_audit_events SET sequence = 1000 WHERE ${where(scope)} AND sequence = 6`;
    await db.owner`UPDATE login_audit_events SET sequence = 6 WHERE ${where(scope)} AND sequence = 7`;
    await db.owner`UPDATE login_audit_events SET sequence = 7 WHERE ${where(scope)} AND sequence = 1000`;
    const fault = await faultOf(scope);
    assert.equal(fault.kind, 'reordered', fault.message);
    assert.equal(fault.sequence, 6);
  });

  it('forged: a row changed with every hash after it recomputed (only the MAC knows)', async () => {
    const scope = await chainWith(8);
    await db.owner`UPDATE login_audit_events SET outcome = 'success' WHERE ${where(scope)} AND sequence = 7`;
    await rehashFrom(scope, 7);
    const fault = await faultOf(scope);
    assert.equal(fault.kind, 'forged', fault.message);
    assert.equal(fault.sequence, 7);
  });

  it('truncated: signed rows removed from the end', async () => {
    const scope = await chainWith(11);
    await db.owner`DELETE FROM login_audit_events WHERE ${where(scope)} AND sequence >= 9`;
    const fault = await faultOf(scope);
    assert.equal(fault.kind, 'truncated');
    assert.equal(fault.sequence, 9);
    assert.equal(fault.checkpoint, 3);
  });

  it('checkpoint broken: a signed field changed, a signature replaced, a checkpoint removed', async () => {
    const first = await chainWith(11);
    await db.owner`UPDATE login_audit_checkpoints SET through_sequence = 4 WHERE ${where(first)} AND number = 2`;
    assert.deepEqual(await faultOf(first), { kind: 'checkpoint_broken', checkpoint: 2, message: 'Checkpoint #2 was altered: its fields do not hash to its checkpoint_hash.' });
    const second = await chainWith(11);
    await db.owner`UPDATE login_audit_checkpoints SET signature = ${randomBytes(64)} WHERE ${where(second)} AND number = 3`;
    assert.equal((await faultOf(second)).checkpoint, 3);
    const third = await chainWith(11);
    await db.owner`DELETE FROM login_audit_checkpoints WHERE ${where(third)} AND number = 2`;
    const fault = await faultOf(third);
    assert.equal(fault.kind, 'checkpoint_broken');
    assert.equal(fault.checkpoint, 2);
  });
});

describe('login audit trail: retention', () => {
  async function purgedChain() {
    const scope = await chainWith(9);
    const rows = await readAuditRows(db.owner, scope, 0, 100);
    const result = await purgeChain(db.owner, keys, scope, { before: rows[4]!.occurredAt });
    assert.equal(result.purgedThroughSequence, 4);
    assert.equal(result.deleted, 4);
    return { scope, rows };
  }

  it('purges old rows after signing a purge checkpoint; the kept rows still verify, and appends continue the chain', async () => {
    const { scope } = await purgedChain();
    const checkpoints = await readCheckpoints(db.owner, scope);
    assert.equal(checkpoints.at(-1)!.kind, 'purge');
    assert.equal(checkpoints.at(-1)!.purgedThroughSequence, 4);
    let result = await verifyChain(db.owner, keys, scope, { parallel: true });
    assert.equal(result.intact, true, JSON.stringify(result.fault));
    assert.equal(result.eventsChecked, 5);
    await trail.append(scope, { outcome: 'success' });
    result = await verifyChain(db.owner, keys, scope);
    assert.equal(result.intact, true, JSON.stringify(result.fault));
    assert.equal(result.eventsChecked, 6);
  });

  it('rewritten after purge: a purged row put back', async () => {
    const { scope, rows } = await purgedChain();
    const old = rows[2]!;
    await db.owner`
      INSERT INTO login_audit_events (tenant_id, environment, sequence, occurred_at, outcome, ip_address, user_agent, email_sealed, prev_hash, row_hash, row_mac)
      VALUES (${scope.tenantId}, ${scope.environment}, 3, ${old.occurredAt}::timestamptz, ${old.outcome}, ${old.ipAddress}::inet, ${old.userAgent}, ${old.emailSealed}, ${old.prevHash}, ${old.rowHash}, ${old.rowMac})`;
    const fault = await faultOf(scope);
    assert.equal(fault.kind, 'rewritten_after_purge');
    assert.equal(fault.sequence, 3);
  });

  it('rewritten after purge: the kept rows rehashed from a fresh start', async () => {
    const { scope } = await purgedChain();
    await db.owner`UPDATE login_audit_events SET prev_hash = ${Buffer.alloc(32)} WHERE ${where(scope)} AND sequence = 5`;
    const [first] = await readAuditRows(db.owner, scope, 4, 1);
    await db.owner`UPDATE login_audit_events SET row_hash = ${chainHash(Buffer.alloc(32), canonicalRow(scope, first!))} WHERE ${where(scope)} AND sequence = 5`;
    await rehashFrom(scope, 6);
    const fault = await faultOf(scope);
    assert.equal(fault.kind, 'rewritten_after_purge', fault.message);
    assert.equal(fault.sequence, 5);
  });

  it('refuses to purge (or to sign) a chain that fails verification', async () => {
    const scope = await chainWith(7);
    await db.owner`UPDATE login_audit_events SET outcome = 'sign_up' WHERE ${where(scope)} AND sequence = 2`;
    const result = await purgeChain(db.owner, keys, scope, { olderThanDays: 0 });
    assert.equal(result.deleted, 0);
    assert.equal(result.refused?.kind, 'altered');
    await db.owner`UPDATE login_audit_events SET outcome = 'sign_up' WHERE ${where(scope)} AND sequence = 7`;
    await assert.rejects(sealChain(db.owner, keys, scope, 'now'), /fails verification at record 7/);
  });
});
