/**
 * Diagnoses the line-up import on a throwaway cluster that logs slow statements with their
 * plans (auto_explain, nested statements such as foreign-key checks included, over
 * EXPLAIN_MS, default 200 ms) and lock waits, and counts statements (pg_stat_statements).
 * Prints the cluster log's path, times, CPU and the statements that took longest. The
 * cluster's temporary folder stays behind with its log for reading: remove it after.
 *
 *   node --conditions=source --import tsx bench/import-diagnose.ts [--fresh] [--analyze]
 *     10,000 calls stored as the schedules bench stores them (none with --fresh; ANALYZE
 *     after with --analyze), then the bench's import of 5,000 rows through the SDK, new and
 *     then each with a timestamp more.
 *   node --conditions=source --import tsx bench/import-diagnose.ts --bench
 *     the whole schedules section (bench/schedules.ts, after `npm run build`) on that cluster.
 *
 * docs/benchmarks.md ("Line-up import regressed") has what it found.
 */
import { appendFileSync } from 'node:fs';
import { chmod, mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import postgres from 'postgres';
import { createClient } from '@porttask/sdk';
import { startLocalPostgres } from '../server/src/db/local-postgres.ts';
import type { Logger } from '../server/src/logger.ts';
import { ensurePort } from '../server/src/schedules/ports.queries.ts';
import { importLines, seedCalls } from './schedules.ts';

const fresh = process.argv.includes('--fresh');
const directory = await mkdtemp(path.join(os.tmpdir(), 'porttask-diag-'));
await chmod(directory, 0o777);
const dataDir = path.join(directory, 'postgres');
// The cluster's log (auto_explain plans, slow statements, lock waits) goes to this file.
const logFile = path.join(directory, 'postgres.log');
const clusterLog = { debug: (entry: { postgres?: string }) => { if (entry.postgres) appendFileSync(logFile, `${entry.postgres}\n`); }, info() {}, warn() {}, error() {} } as unknown as Logger;
let cluster = await startLocalPostgres(dataDir, clusterLog);
{
  const admin = postgres(cluster.url, { max: 1, onnotice: () => {} });
  for (const setting of [
    `shared_preload_libraries = pg_stat_statements, auto_explain`,
    `log_min_duration_statement = 200`, `log_parameter_max_length = 200`, `auto_explain.log_parameter_max_length = 200`, `log_lock_waits = on`,
    `auto_explain.log_min_duration = ${Number(process.env.EXPLAIN_MS ?? 200)}`, `auto_explain.log_analyze = on`, `auto_explain.log_buffers = on`,
    `auto_explain.log_nested_statements = on`, `auto_explain.log_triggers = on`, `pg_stat_statements.track = 'all'`,
  ]) await admin.unsafe(`ALTER SYSTEM SET ${setting}`);
  await admin.end();
  await cluster.stop();
  cluster = await startLocalPostgres(dataDir, clusterLog);
}
console.log(`cluster log: ${logFile}`);
process.env.DATABASE_URL = cluster.url;
if (process.argv.includes('--bench')) {
  // The whole schedules section on this cluster, then the statements that took longest.
  const admin = postgres(cluster.url, { max: 1, onnotice: () => {} });
  await admin`CREATE EXTENSION IF NOT EXISTS pg_stat_statements`;
  await (await import('./schedules.ts')).run();
  await printTop(admin);
  await admin.end();
  await cluster.stop();
  process.exit(0);
}
const { startTestServer } = await import('../server/src/testing/test-server.ts');
const server = await startTestServer();
await server.db.owner`CREATE EXTENSION IF NOT EXISTS pg_stat_statements`;
if (!fresh) await seedCalls(server.db.owner, server.scope);
// As autovacuum does minutes after a bulk load (the schedules bench runs long enough for it).
if (process.argv.includes('--analyze')) await server.db.owner`ANALYZE`;
await ensurePort(server.db.owner, server.scope, 'BEANR');
const partner = createClient({ apiUrl: server.apiUrl, secretKey: server.secretKey, timeoutMs: 600_000, maxRetries: 0 });

const lines = importLines(Number(process.env.IMPORT_ROWS ?? 5000));
const timed = async (label: string, lines: object[]) => {
  await server.db.owner`SELECT pg_stat_statements_reset()`;
  const cpu = process.cpuUsage();
  const started = performance.now();
  const result = await partner.portCalls.import({ ndjson: lines.map((line) => JSON.stringify(line)).join('\n') }, { mode: 'per-row' });
  const elapsed = Math.round(performance.now() - started);
  const used = process.cpuUsage(cpu);
  console.log(`${label}: ${elapsed} ms wall, node CPU ${Math.round((used.user + used.system) / 1000)} ms, applied ${result.applied}, failed ${result.failed}`);
  await printTop(server.db.owner);
};
async function printTop(sql: postgres.Sql): Promise<void> {
  const top = await sql<{ calls: string; total: number; mean: number; rows: string; query: string }[]>`
    SELECT calls, round(total_exec_time::numeric, 1)::float AS total, round(mean_exec_time::numeric, 3)::float AS mean, rows, left(regexp_replace(query, '[[:space:]]+', ' ', 'g'), 160) AS query
    FROM pg_stat_statements ORDER BY total_exec_time DESC LIMIT ${Number(process.env.TOP ?? 12)}`;
  for (const row of top) console.log(`  ${row.total} ms total, ${row.calls} calls, ${row.mean} ms mean, ${row.rows} rows: ${row.query}`);
}
await timed('created', lines.created);
await timed('updated', lines.updated);
await server.close();
await cluster.stop();
