/**
 * Sign-in rate and timing (docs/benchmarks.md, "Sign-in"): sign-ins per second through the
 * login frame's path the widget uses (`POST /embed/login/sign-in`: better-auth's sign-in with
 * its lockout and audit hooks, then a token pair issued), for a correct password, a wrong
 * password, an unknown email and a locked account; the latency of each (median, p95) and the
 * CPU the API process spends per sign-in. The three refusals must get the same answer after
 * the same work, so their medians are printed side by side, also from a run that sends the
 * four kinds in turns over the same connections (the fairest comparison on a busy machine).
 *
 * Accounts are written straight into better-auth's tables with its own scrypt hashes
 * (server/src/testing/password-accounts.ts): the real sign-up path would add a strength check,
 * an audit append and a mail job per account and tell nothing about sign-in. The frame path
 * counts only the per-IP limit of `/embed/*`; the bench's API process gets a high
 * RATE_LIMIT_IP_PER_MINUTE (the API does not trust X-Forwarded-For), production defaults
 * are untouched. Bounded: about 30 s of load after the database is up.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { insertApiKey } from '../server/src/auth/api-keys.queries.ts';
import { LOCKOUT_FAILURES } from '../server/src/accounts/lockout.ts';
import type { Queryable } from '../server/src/db/connection.ts';
import { freePort } from '../server/src/db/local-postgres.ts';
import { insertTenant } from '../server/src/tenants/tenants.queries.ts';
import type { DataScope } from '../server/src/tenants/data-scope.ts';
import { insertPasswordAccounts } from '../server/src/testing/password-accounts.ts';
import { createTestDatabase } from '../server/src/testing/test-database.ts';
import { closedLoop, percentile, type LoadResult, type NextRequest, type Sample } from './closed-loop.ts';
import { waitForHealth } from './consent.ts';


const ROOT = path.resolve(import.meta.dirname, '..');
const ORIGIN = 'https://bench-portal.example';
const PASSWORD = 'tugboat-lantern-quinoa-47';
const WRONG_PASSWORD = 'tugboat-lantern-quinoa-48';
/** scrypt is CPU bound and the machine has 2 cores: a few connections keep both busy. */
const CONNECTIONS = Number(process.env.BENCH_SIGNIN_CONNECTIONS ?? 4);
const CASE_MS = Number(process.env.BENCH_SIGNIN_CASE_MS ?? 3_000);
const IN_TURNS_MS = Number(process.env.BENCH_SIGNIN_IN_TURNS_MS ?? 8_000);
const WARM_UP_MS = 2_000;
const CORRECT_ACCOUNTS = 4;
/** Each takes at most LOCKOUT_FAILURES - 1 wrong passwords, so none locks during the bench. */
const WRONG_ACCOUNTS = 24;

export const KINDS = ['correct password', 'wrong password', 'unknown email', 'locked account'] as const;
export type Kind = (typeof KINDS)[number];

export interface KindResult {
  signInsPerSecond: number;
  medianMs: number;
  p95Ms: number;
  count: number;
  apiCpuMsPerSignIn: number | undefined;
  postgresCpuMsPerSignIn: number | undefined;
}

export interface SignInBenchResult {
  connections: number;
  alone: Record<Kind, KindResult>;
  /** The four kinds sent in turns over the same connections: medians in ms. */
  inTurns: Record<Kind, { medianMs: number; p95Ms: number; count: number }>;
}

export async function run(): Promise<SignInBenchResult> {
  const db = await createTestDatabase();
  const tenant = await insertTenant(db.owner, { name: 'Bench Port', region: 'eu', jurisdictions: ['gdpr'] });
  const scope: DataScope = { tenantId: tenant.id, environment: 'live' };
  const key = await insertApiKey(db.owner, { tenantId: tenant.id, kind: 'publishable', environment: 'live', allowedOrigins: [ORIGIN] });
  const accounts = await insertPasswordAccounts(db.owner, scope, [
    ...Array.from({ length: CORRECT_ACCOUNTS }, (_, index) => ({ email: `member.${index}@bench.example`, password: PASSWORD })),
    ...Array.from({ length: WRONG_ACCOUNTS }, (_, index) => ({ email: `mistyped.${index}@bench.example`, password: PASSWORD })),
    { email: 'locked@bench.example', password: PASSWORD },
  ]);
  const port = await freePort();
  const { SMTP_URL: _smtp, ...environment } = process.env;
  const api = spawn(process.execPath, ['--conditions=source', '--import', 'tsx', 'server/src/cli.ts', 'serve'], {
    cwd: ROOT,
    env: { ...environment, DATABASE_URL: db.url, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'info', NODE_ENV: 'development', RATE_LIMIT_IP_PER_MINUTE: '100000000', RATE_LIMIT_SIGN_IN_IP_PER_MINUTE: '100000000', RATE_LIMIT_SIGN_IN_TENANT_PER_MINUTE: '100000000' },
    stdio: ['ignore', 'ignore', 'ignore'],
  });
  try {
    const apiUrl = `http://127.0.0.1:${port}`;
    await waitForHealth(apiUrl);
    const headers = {
      // The frame posts from the API's own origin, naming its key and the page that framed it.
      Origin: apiUrl, 'X-PortTask-Key': key.token, 'X-PortTask-Parent-Origin': ORIGIN,
      'Content-Type': 'application/json', 'User-Agent': 'porttask-bench',
    };
    const signIn = (kind: Kind, email: string, password: string) => ({ kind, path: '/embed/login/sign-in', headers, body: JSON.stringify({ email, password }) });
    const wrongSent = new Map<string, number>();
    let correctTurn = 0;
    let unknownTurn = 0;
    const request = (kind: Kind) => {
      if (kind === 'correct password') return signIn(kind, accounts[correctTurn++ % CORRECT_ACCOUNTS]!.email, PASSWORD);
      if (kind === 'unknown email') return signIn(kind, `nobody.${unknownTurn++}@bench.example`, PASSWORD);
      if (kind === 'locked account') return signIn(kind, 'locked@bench.example', WRONG_PASSWORD);
      const account = accounts.slice(CORRECT_ACCOUNTS, CORRECT_ACCOUNTS + WRONG_ACCOUNTS).find((candidate) => (wrongSent.get(candidate.email) ?? 0) < LOCKOUT_FAILURES - 1);
      if (!account) return undefined; // every account has had all the failures it can take without locking
      wrongSent.set(account.email, (wrongSent.get(account.email) ?? 0) + 1);
      return signIn(kind, account.email, WRONG_PASSWORD);
    };
    const load = (durationMs: number, next: NextRequest<Kind>, connections = CONNECTIONS) => closedLoop({ baseUrl: apiUrl, connections, durationMs, next });
    const all: Sample<Kind>[] = [];
    const checked = (result: LoadResult<Kind>) => (checkAnswers(result.samples), all.push(...result.samples), result);

    // Lock one account through the real path: LOCKOUT_FAILURES wrong passwords in a row.
    let lockAttempts = 0;
    // In parallel: none is refused as locked before all of them are audited as failures.
    const locking = await load(60_000, () => (lockAttempts++ < LOCKOUT_FAILURES ? signIn('locked account', 'locked@bench.example', WRONG_PASSWORD) : undefined));
    checkAnswers(locking.samples);
    let turn = 0;
    // A kind with nothing left to send gives its turn to the next.
    const inTurns = () => request(KINDS[turn++ % KINDS.length]!) ?? request(KINDS[turn++ % KINDS.length]!);
    checked(await load(WARM_UP_MS, inTurns)); // connections, JIT, query plans, the scope's better-auth

    const alone = {} as Record<Kind, KindResult>;
    for (const kind of KINDS) {
      const before = await cpuSeconds(db.owner, api.pid);
      const result = checked(await load(CASE_MS, () => request(kind)));
      alone[kind] = summary(result.samples.map((sample) => sample.ms), result.seconds, before, await cpuSeconds(db.owner, api.pid));
      if (kind === 'wrong password' && result.seconds * 1_000 < CASE_MS * 0.9) console.log(`  (wrong password: the ${WRONG_ACCOUNTS} accounts had all the failures they take without locking after ${result.seconds.toFixed(1)} s)`);
    }
    const mixed = checked(await load(IN_TURNS_MS, inTurns));
    const inTurnsResult = {} as SignInBenchResult['inTurns'];
    for (const kind of KINDS) {
      const times = mixed.samples.filter((sample) => sample.kind === kind).map((sample) => sample.ms);
      inTurnsResult[kind] = { medianMs: percentile(times, 0.5), p95Ms: percentile(times, 0.95), count: times.length };
    }
    await checkAuditTrail(db.owner, scope, all, LOCKOUT_FAILURES);
    print({ connections: CONNECTIONS, alone, inTurns: inTurnsResult });
    return { connections: CONNECTIONS, alone, inTurns: inTurnsResult };
  } finally {
    api.kill('SIGTERM');
    await new Promise((resolve) => api.once('exit', resolve));
    await db.drop();
  }
}

function summary(times: number[], seconds: number, before: ProcessCpu | undefined, after: ProcessCpu | undefined): KindResult {
  const perSignIn = (used: (cpu: ProcessCpu) => number) => (!before || !after || times.length === 0 ? undefined : (used(after) - used(before)) * 1_000 / times.length);
  return {
    signInsPerSecond: times.length / seconds, medianMs: percentile(times, 0.5), p95Ms: percentile(times, 0.95), count: times.length,
    apiCpuMsPerSignIn: perSignIn((cpu) => cpu.api),
    // Backends present at the end; one that started during the run counted from zero.
    postgresCpuMsPerSignIn: perSignIn((cpu) => [...after!.backends.keys()].reduce((sum, pid) => sum + (cpu.backends.get(pid) ?? 0), 0)),
  };
}

interface ProcessCpu {
  api: number;
  backends: Map<number, number>;
}

/**
 * CPU seconds used so far by the API process (its thread pool, where scrypt runs, included) and
 * by each PostgreSQL backend connected to the bench's database: not the machine's other
 * PostgreSQL clusters, which other work on a shared machine keeps busy. Linux only (/proc).
 */
async function cpuSeconds(sql: Queryable, apiPid: number | undefined): Promise<ProcessCpu | undefined> {
  const rows = await sql<{ pid: number }[]>`
    SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND backend_type = 'client backend' AND pid <> pg_backend_pid()`;
  const used = (pid: number) => {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100; // utime + stime, in USER_HZ ticks
  };
  try {
    return { api: used(apiPid!), backends: new Map(rows.map((row) => [row.pid, used(row.pid)])) };
  } catch {
    return undefined; // no /proc, or a backend ended meanwhile
  }
}

/**
 * A correct password gets a token pair; every refusal the same 401 body but its request id:
 * a bench that measured a different answer (a 429, a lock where none was meant) stops here.
 */
function checkAnswers(samples: Sample<Kind>[]): void {
  for (const { kind, answer } of samples) {
    const body = JSON.parse(answer.body) as { accessToken?: string; refreshToken?: string; error?: { code?: string; requestId?: string } };
    if (kind === 'correct password') {
      if (answer.status !== 200 || !body.accessToken || !body.refreshToken) throw new Error(`correct password: ${answer.status} ${answer.body}`);
      continue;
    }
    const { requestId: _id, ...error } = body.error ?? {};
    const expected = { code: 'INVALID_EMAIL_OR_PASSWORD', message: 'Invalid email or password' };
    if (answer.status !== 401 || JSON.stringify(error) !== JSON.stringify(expected) || Object.keys(body).length !== 1) {
      throw new Error(`${kind}: ${answer.status} ${answer.body} (every refusal should be 401 ${JSON.stringify(expected)})`);
    }
  }
}

/** The trail must tell the kinds apart exactly as sent: proof that each kind measured what it names. */
async function checkAuditTrail(sql: Queryable, scope: DataScope, samples: Sample<Kind>[], lockingFailures: number): Promise<void> {
  const rows = await sql<{ outcome: string; count: number }[]>`
    SELECT outcome, count(*)::int AS count FROM login_audit_events
    WHERE tenant_id = ${scope.tenantId} AND environment = ${scope.environment} GROUP BY outcome`;
  const audited = Object.fromEntries(rows.map((row) => [row.outcome, row.count]));
  const sent = (kind: Kind) => samples.filter((sample) => sample.kind === kind).length;
  const expected = { success: sent('correct password'), wrong_password: sent('wrong password') + lockingFailures, unknown_email: sent('unknown email'), locked: sent('locked account') };
  for (const [outcome, count] of Object.entries(expected)) {
    if ((audited[outcome] ?? 0) !== count) throw new Error(`login audit trail: ${audited[outcome] ?? 0} × ${outcome}, expected ${count} (${JSON.stringify(audited)})`);
  }
}

function print(result: SignInBenchResult): void {
  const ms = (value: number | undefined) => (value === undefined ? '—' : value.toFixed(1));
  console.log(`POST /embed/login/sign-in (the login frame's path: better-auth sign-in, lockout and audit hooks; a token pair on success), ${result.connections} connections, each kind alone for ${CASE_MS / 1_000} s:`);
  for (const kind of KINDS) {
    const row = result.alone[kind];
    console.log(`  ${kind.padEnd(16)} ${row.signInsPerSecond.toFixed(1).padStart(6)}/s  median ${ms(row.medianMs)} ms  p95 ${ms(row.p95Ms)} ms  ` +
      `(n ${row.count}; CPU per sign-in: API ${ms(row.apiCpuMsPerSignIn)} ms, PostgreSQL ${ms(row.postgresCpuMsPerSignIn)} ms)`);
  }
  const base = result.inTurns['wrong password'].medianMs;
  console.log(`  same answer, similar time? The four kinds in turns over the same connections for ${IN_TURNS_MS / 1_000} s, median (p95) [ratio of medians to wrong password]:`);
  console.log('  ' + KINDS.map((kind) => `${kind} ${ms(result.inTurns[kind].medianMs)} ms (${ms(result.inTurns[kind].p95Ms)}) [${(result.inTurns[kind].medianMs / base).toFixed(2)}] n ${result.inTurns[kind].count}`).join('; '));
}
