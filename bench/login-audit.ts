/**
 * Login audit budgets: verifying the trail at ≥ 200,000 records per second (every row's
 * hash, link and MAC, every checkpoint's signature), and the rate of appends.
 *
 * A chain of ROWS events is built with the trail's own format functions and bulk-inserted
 * (appending 200,000 rows one sign-in at a time would take minutes), then sealed by a real
 * signed checkpoint. Three verification rates are measured: the recomputation alone (rows
 * already in memory), `verifyChain` end to end (reading from PostgreSQL in pages, what
 * `porttask audit verify` runs), and the offline verifier on an export file.
 * Run alone: node --conditions=source --import tsx -e "await (await import('./bench/login-audit.ts')).run()"
 */
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { once } from 'node:events';
import os, { availableParallelism } from 'node:os';
import path from 'node:path';
import { insertChunks } from '../server/src/db/connection.ts';
import { AuditKeys } from '../server/src/login-audit/audit-keys.ts';
import { exportChain } from '../server/src/login-audit/chain-export.ts';
import { GENESIS_HASH, canonicalRow, chainHash, type ChainScope, type StoredAuditRow } from '../server/src/login-audit/chain-format.ts';
import { sealChain, verifyChain } from '../server/src/login-audit/chain-maintenance.ts';
import { tenantKeyEmailSealer } from '../server/src/login-audit/email-sealer.ts';
import { LoginAuditTrail } from '../server/src/login-audit/login-audit-trail.ts';
import { subjectEmailSealer } from '../server/src/login-audit/subject-email-sealer.ts';
import { createFieldEncryption } from '../server/src/secrets/field-encryption.ts';
import { masterKeyring } from '../server/src/secrets/master-keyring.ts';
import { readAuditRows, readCheckpoints } from '../server/src/login-audit/login-audit.queries.ts';
import { ChainVerifier } from '../server/src/login-audit/verify-chain.ts';
import { insertTenant } from '../server/src/tenants/tenants.queries.ts';
import { createTestDatabase } from '../server/src/testing/test-database.ts';

export const ROWS = 200_000;
const BUDGET_PER_SECOND = 200_000;
const APPEND_MS = 3_000;
const ROOT = path.resolve(import.meta.dirname, '..');

export async function run() {
  const db = await createTestDatabase();
  const directory = await mkdtemp(path.join(os.tmpdir(), 'porttask-audit-bench-'));
  try {
    const keys = new AuditKeys(randomBytes(32));
    const sealer = tenantKeyEmailSealer(keys);
    const tenant = await insertTenant(db.owner, { name: 'Audit bench', region: 'eu' });
    const scope: ChainScope = { tenantId: tenant.id, environment: 'live' };
    await buildChain(db.owner, keys, scope, sealer.seal(scope, 'someone@example.com'));
    await sealChain(db.owner, keys, scope, 'now');

    const rows = await readAuditRows(db.owner, scope, 0, ROWS);
    const checkpoints = await readCheckpoints(db.owner, scope);
    const started = performance.now();
    const cpuBefore = process.cpuUsage();
    const verifier = new ChainVerifier(scope, checkpoints, { mac: keys.macFor(scope.tenantId), publicKeys: new Map([[keys.signing.keyId, keys.signing.publicKey]]) });
    const fault = verifier.checkRows(rows) ?? verifier.finish();
    const inMemory = ROWS / ((performance.now() - started) / 1000);
    const cpu = process.cpuUsage(cpuBefore);
    // On a shared machine wall time says more about the neighbours than about the code: the
    // rate per CPU-second of this thread is what one free core does.
    const perCpuSecond = ROWS / ((cpu.user + cpu.system) / 1e6);
    if (fault) throw new Error(`bench chain does not verify: ${fault.message}`);
    report('verify, recomputation only (hash + link + MAC per row, rows in memory), wall clock', inMemory);
    report('  the same per CPU-second of the verifying thread (what one free core does)', perCpuSecond);

    const sequentialStart = performance.now();
    const sequential = await verifyChain(db.sql, keys, scope, { parallel: false });
    const endToEndSequential = ROWS / ((performance.now() - sequentialStart) / 1000);
    if (!sequential.intact || sequential.eventsChecked !== ROWS) throw new Error('bench chain does not verify end to end');
    report('verify end to end, one thread (read from PostgreSQL as the app role in pages + recompute)', endToEndSequential);
    const endToEndStart = performance.now();
    const result = await verifyChain(db.sql, keys, scope);
    const endToEnd = ROWS / ((performance.now() - endToEndStart) / 1000);
    if (!result.intact || result.eventsChecked !== ROWS) throw new Error('bench chain does not verify end to end (parallel)');
    report(`verify end to end, pages over ${availableParallelism()} worker thread(s) (what \`porttask audit verify\` and GET /v1/audit/verify run)`, endToEnd);

    const file = path.join(directory, 'export.ndjson');
    const out = createWriteStream(file);
    for await (const line of exportChain(db.owner, keys, scope)) if (!out.write(`${line}\n`)) await once(out, 'drain');
    out.end();
    await once(out, 'finish');
    const offlineStart = performance.now();
    const offline = spawnSync(process.execPath, [path.join(ROOT, 'tools/verify-audit-export.mjs'), file, '--key', keys.signing.keyId], { encoding: 'utf8' });
    const offlineRate = ROWS / ((performance.now() - offlineStart) / 1000);
    if (offline.status !== 0) throw new Error(`offline verifier: ${offline.stdout}${offline.stderr}`);
    report('offline verifier on the export (tools/verify-audit-export.mjs, whole process incl. start-up and JSON parsing, no MAC key)', offlineRate);

    // The API's sealer: each address under its own person's key (a new address each time here,
    // the dearest case: its key is made and stored before the row is appended).
    const trail = new LoginAuditTrail(db.sql, keys, subjectEmailSealer(db.sql, createFieldEncryption(masterKeyring(randomBytes(32))), sealer));
    const appendScope: ChainScope = { tenantId: tenant.id, environment: 'test' };
    let appended = 0;
    const deadline = performance.now() + APPEND_MS;
    while (performance.now() < deadline) {
      await trail.append(appendScope, { outcome: 'wrong_password', ipAddress: '203.0.113.9', userAgent: 'Bench/1', email: `u${appended}@example.com` });
      appended += 1;
    }
    console.log(`append (one chain, one at a time: lock, hash, MAC, seal a new address under a new person's key, INSERT, a checkpoint every 1,000): ${Math.round(appended / (APPEND_MS / 1000))} events/s`);
    return { inMemory, perCpuSecond, endToEndSequential, endToEnd, offline: offlineRate };
  } finally {
    await rm(directory, { recursive: true, force: true });
    await db.drop();
  }
}

function report(what: string, perSecond: number) {
  console.log(`${what}: ${Math.round(perSecond).toLocaleString('en')} records/s (budget ≥ ${BUDGET_PER_SECOND.toLocaleString('en')}) ${perSecond >= BUDGET_PER_SECOND ? 'OK' : 'UNDER BUDGET'}`);
}

/** ROWS events in the trail's format, as the owner would restore them from a backup. */
export async function buildChain(owner: Awaited<ReturnType<typeof createTestDatabase>>['owner'], keys: AuditKeys, scope: ChainScope, emailSealed: string) {
  const mac = keys.macFor(scope.tenantId);
  const base = Date.parse('2026-01-01T00:00:00Z');
  let previous = GENESIS_HASH;
  const rows: StoredAuditRow[] = [];
  for (let sequence = 1; sequence <= ROWS; sequence += 1) {
    const occurredAt = `${new Date(base + sequence * 1000).toISOString().slice(0, 19)}.${String(sequence % 1_000_000).padStart(6, '0')}Z`;
    const fields = { sequence, occurredAt, outcome: sequence % 5 === 0 ? 'success' : 'wrong_password', ipAddress: `198.51.100.${sequence % 250}`, userAgent: 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36', emailSealed, accountId: null };
    const canonical = canonicalRow(scope, fields);
    const rowHash = chainHash(previous, canonical);
    rows.push({ ...fields, prevHash: previous, rowHash, rowMac: mac(canonical) });
    previous = rowHash;
  }
  // Columns as text arrays cast in SQL: a timestamptz parameter would lose its microseconds.
  for (const chunk of insertChunks(rows)) {
    const column = <Key extends keyof StoredAuditRow>(key: Key) => chunk.map((row) => (Buffer.isBuffer(row[key]) ? (row[key] as Buffer).toString('hex') : String(row[key])));
    await owner`
      INSERT INTO login_audit_events (tenant_id, environment, sequence, occurred_at, outcome, ip_address, user_agent, email_sealed, prev_hash, row_hash, row_mac)
      SELECT ${scope.tenantId}, ${scope.environment}, sequence::bigint, occurred_at::timestamptz, outcome, ip_address::inet, ${chunk[0]!.userAgent}, ${emailSealed},
        decode(prev_hash, 'hex'), decode(row_hash, 'hex'), decode(row_mac, 'hex')
      FROM unnest(${column('sequence')}::text[], ${column('occurredAt')}::text[], ${column('outcome')}::text[], ${column('ipAddress')}::text[],
        ${column('prevHash')}::text[], ${column('rowHash')}::text[], ${column('rowMac')}::text[])
        AS input (sequence, occurred_at, outcome, ip_address, prev_hash, row_hash, row_mac)`;
  }
}
