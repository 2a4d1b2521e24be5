/**
 * CPU time per operation, for a machine shared with other work (where wall-clock rates say
 * more about the neighbours than about the code): the CPU the processes involved used for a
 * fixed amount of work, read from Linux's /proc (bench/cpu-split.ts).
 *
 *   consent: the API process (`porttask serve`, rate limiting on) and PostgreSQL per
 *            `POST /v1/consents`, over a fixed number of requests from autocannon;
 *   audit:   the verifying process (main thread and worker threads) and PostgreSQL per
 *            100,000 login-audit records, verifyChain end to end on the bench's chain.
 *
 * Run: node --conditions=source --import tsx bench/cpu-per-op.ts [consent] [audit]
 * BENCH_CPU_PROF=<dir> starts the API with `--cpu-prof` into that folder (consent only; the
 * profile is written when the API stops). V8's profiler samples wall time: on a busy machine a
 * thread preempted in a system call shows as time spent there. BENCH_PERF_RECORD=<file>
 * instead records the API process with Linux `perf` (CPU time only) during the first measured
 * round, JavaScript frames named through `--perf-basic-prof`; read it with `perf report -i <file>`.
 * BENCH_API_NODE_OPTIONS adds Node options to the API process (e.g. a V8 heap flag to compare).
 * BENCH_PERF_STAT=1 also counts the API process's user-space instructions retired per request
 * (`perf stat -e instructions:u`) in every round: unlike CPU time, that count hardly moves with
 * the machine's load, so it tells changes of a few per cent apart on a shared machine.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { AuditKeys } from '../server/src/login-audit/audit-keys.ts';
import type { ChainScope } from '../server/src/login-audit/chain-format.ts';
import { sealChain, verifyChain } from '../server/src/login-audit/chain-maintenance.ts';
import { tenantKeyEmailSealer } from '../server/src/login-audit/email-sealer.ts';
import { insertTenant } from '../server/src/tenants/tenants.queries.ts';
import { createTestDatabase } from '../server/src/testing/test-database.ts';
import { httpLoad, startConsentApi } from './consent.ts';
import { postmasterOf, startCpuSplit } from './cpu-split.ts';
import { buildChain, ROWS } from './login-audit.ts';

/** BENCH_CPU_REQUESTS and BENCH_CPU_ROUNDS shorten a run (quick comparisons while changing code). */
const CONSENT_WARM_UP = 5_000;
const CONSENT_REQUESTS = Number(process.env.BENCH_CPU_REQUESTS ?? 20_000);
const CONSENT_ROUNDS = Number(process.env.BENCH_CPU_ROUNDS ?? 3);
const AUDIT_ROUNDS = 3;

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

export async function consentCpuPerRequest() {
  const profileDirectory = process.env.BENCH_CPU_PROF;
  const perfRecord = process.env.BENCH_PERF_RECORD;
  const api = await startConsentApi([
    ...(profileDirectory ? ['--cpu-prof', `--cpu-prof-dir=${path.resolve(profileDirectory)}`] : []),
    ...(perfRecord ? ['--perf-basic-prof'] : []),
    ...(process.env.BENCH_API_NODE_OPTIONS ? process.env.BENCH_API_NODE_OPTIONS.split(' ') : []),
  ]);
  const perfStat = process.env.BENCH_PERF_STAT === '1';
  const rounds: { apiMicroseconds: number; postgresMicroseconds: number; perSecond: number; instructions: number }[] = [];
  try {
    const postmaster = await postmasterOf(api.db.owner);
    await httpLoad({ ...api.consentRequests(), amount: CONSENT_WARM_UP });
    for (let round = 0; round < CONSENT_ROUNDS; round += 1) {
      const stop = startCpuSplit(api.pid, postmaster);
      const kernelBefore = kernelSeconds(api.pid!);
      const transactionsBefore = await transactions(api.db.owner);
      const perf = perfRecord && round === 0 ? spawn('perf', ['record', '-q', '-F', '997', '-g', '-p', String(api.pid), '-o', path.resolve(perfRecord)], { stdio: 'inherit' }) : undefined;
      const counter = perfStat ? await startInstructionCount(api.pid!) : undefined;
      const perSecond = await httpLoad({ ...api.consentRequests(), amount: CONSENT_REQUESTS });
      const instructions = counter ? (await counter()) / CONSENT_REQUESTS : Number.NaN;
      if (perf) {
        perf.kill('SIGINT');
        await once(perf, 'exit');
      }
      const split = stop();
      if (!split) throw new Error('CPU per request needs /proc (Linux).');
      const kernel = ((kernelSeconds(api.pid!) - kernelBefore) / CONSENT_REQUESTS) * 1e6;
      const perRequest = (await transactions(api.db.owner) - transactionsBefore) / CONSENT_REQUESTS;
      rounds.push({ apiMicroseconds: (split.api / CONSENT_REQUESTS) * 1e6, postgresMicroseconds: (split.postgres / CONSENT_REQUESTS) * 1e6, perSecond, instructions });
      console.log(`POST /v1/consents, ${CONSENT_REQUESTS.toLocaleString('en')} requests: API ${rounds.at(-1)!.apiMicroseconds.toFixed(0)} µs CPU per request ` +
        (perfStat ? `(${(instructions / 1e6).toFixed(3)} M user-space instructions) ` : '') +
        `(${kernel.toFixed(0)} µs of it in the kernel), ${perRequest.toFixed(2)} statements (transactions) per request, PostgreSQL ${rounds.at(-1)!.postgresMicroseconds.toFixed(0)} µs (wall ${perSecond.toFixed(0)}/s, not comparable on a shared machine)`);
    }
  } finally {
    await api.stop();
  }
  const result = { apiMicroseconds: median(rounds.map((r) => r.apiMicroseconds)), postgresMicroseconds: median(rounds.map((r) => r.postgresMicroseconds)), instructions: median(rounds.map((r) => r.instructions)) };
  console.log(`POST /v1/consents, median of ${CONSENT_ROUNDS}: API ${result.apiMicroseconds.toFixed(0)} µs` +
    (perfStat ? ` (${(result.instructions / 1e6).toFixed(3)} M user-space instructions)` : '') + `, PostgreSQL ${result.postgresMicroseconds.toFixed(0)} µs CPU per request`);
  return result;
}

/**
 * Counts the user-space instructions a process retires from now until the returned function is
 * called (which resolves to the count): `perf stat` attached to it, stopped with SIGINT.
 */
async function startInstructionCount(pid: number): Promise<() => Promise<number>> {
  const counter = spawn('perf', ['stat', '-x', ',', '-e', 'instructions:u', '-p', String(pid)], { stdio: ['ignore', 'ignore', 'pipe'] });
  let output = '';
  counter.stderr.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  // perf needs a moment to attach; the idle API retires next to nothing meanwhile.
  await new Promise((resolve) => setTimeout(resolve, 500));
  return async () => {
    counter.kill('SIGINT');
    await once(counter, 'exit');
    const line = output.split('\n').find((candidate) => candidate.includes('instructions'));
    const count = Number(line?.split(',')[0]);
    if (!Number.isFinite(count)) throw new Error(`perf stat gave no instruction count (needs perf, kernel.perf_event_paranoid ≤ 2 and a hardware PMU, which many VMs lack): ${output.trim()}`);
    return count;
  };
}

/** Transactions committed in the connection's database so far (each statement outside a transaction is one). */
async function transactions(sql: (strings: TemplateStringsArray) => PromiseLike<{ count: string }[]>): Promise<number> {
  await sql`SELECT pg_stat_clear_snapshot()`;
  const [row] = await sql`SELECT xact_commit::text AS count FROM pg_stat_database WHERE datname = current_database()`;
  return Number(row!.count);
}

/** System (kernel) CPU seconds of a process so far: its socket reads and writes are most of it. */
function kernelSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[12]) / 100;
}

export async function auditCpuPer100k() {
  const db = await createTestDatabase();
  const rounds: { processSeconds: number; postgresSeconds: number; perSecond: number }[] = [];
  try {
    const keys = new AuditKeys(randomBytes(32));
    const sealer = tenantKeyEmailSealer(keys);
    const tenant = await insertTenant(db.owner, { name: 'Audit bench', region: 'eu' });
    const scope: ChainScope = { tenantId: tenant.id, environment: 'live' };
    await buildChain(db.owner, keys, scope, sealer.seal(scope, 'someone@example.com'));
    await sealChain(db.owner, keys, scope, 'now');
    await verifyChain(db.sql, keys, scope); // warm up: connections, plans, the page cache
    const postmaster = await postmasterOf(db.owner);
    for (let round = 0; round < AUDIT_ROUNDS; round += 1) {
      const stop = startCpuSplit(undefined, postmaster);
      const before = process.cpuUsage();
      const started = performance.now();
      const result = await verifyChain(db.sql, keys, scope);
      const perSecond = ROWS / ((performance.now() - started) / 1000);
      const own = process.cpuUsage(before);
      const split = stop();
      if (!result.intact || result.eventsChecked !== ROWS) throw new Error('bench chain does not verify');
      const per100k = 100_000 / ROWS;
      rounds.push({ processSeconds: ((own.user + own.system) / 1e6) * per100k, postgresSeconds: (split?.postgres ?? Number.NaN) * per100k, perSecond });
      console.log(`audit verify end to end (${availableParallelism()} workers), ${ROWS.toLocaleString('en')} records: verifying process ${rounds.at(-1)!.processSeconds.toFixed(3)} s CPU per 100k records, ` +
        `PostgreSQL ${rounds.at(-1)!.postgresSeconds.toFixed(3)} s (wall ${Math.round(perSecond).toLocaleString('en')}/s, not comparable on a shared machine)`);
    }
  } finally {
    await db.drop();
  }
  const result = { processSeconds: median(rounds.map((r) => r.processSeconds)), postgresSeconds: median(rounds.map((r) => r.postgresSeconds)) };
  console.log(`audit verify, median of ${AUDIT_ROUNDS}: verifying process ${result.processSeconds.toFixed(3)} s, PostgreSQL ${result.postgresSeconds.toFixed(3)} s CPU per 100k records`);
  return result;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const which = process.argv.slice(2);
  if (which.length === 0 || which.includes('consent')) await consentCpuPerRequest();
  if (which.length === 0 || which.includes('audit')) await auditCpuPer100k();
}
