/**
 * `npm test`: every suite, against one PostgreSQL for the whole run.
 *
 *   node   server + SDK tests and SDK↔server contract tests (node:test, real PostgreSQL)
 *   widgets element tests in headless Chromium (web-test-runner, against the real API)
 *   e2e    the real API + demo portal on two origins, driven by playwright-core
 *
 * `npm test -- widgets e2e` runs a subset. With DATABASE_URL unset, one embedded cluster is
 * started in a temporary directory and removed afterwards. Ends with one line
 * `N passed, N failed` summing every suite.
 */
import { spawn } from 'node:child_process';
import { chmod, mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { startLocalPostgres } from '../server/src/db/local-postgres.ts';

const ROOT = path.resolve(import.meta.dirname, '..');
const NODE_FLAGS = ['--conditions=source', '--import', 'tsx'];

async function testFiles(...directories: string[]): Promise<string[]> {
  const files: string[] = [];
  for (const directory of directories) {
    const entries = await readdir(path.join(ROOT, directory), { recursive: true, withFileTypes: true }).catch(() => []);
    for (const entry of entries) {
      if (entry.isFile() && entry.name.endsWith('.test.ts')) files.push(path.relative(ROOT, path.join(entry.parentPath, entry.name)));
    }
  }
  return files.sort();
}

const suites: Record<string, () => Promise<string[]>> = {
  node: async () => [process.execPath, ...NODE_FLAGS, '--test', '--test-concurrency=2', ...(await testFiles('server/src', 'sdk/src', 'test/contract'))],
  widgets: async () => [process.execPath, ...NODE_FLAGS, 'node_modules/@web/test-runner/dist/bin.js'],
  e2e: async () => [process.execPath, ...NODE_FLAGS, '--test', '--test-concurrency=1', ...(await testFiles('test/e2e'))],
};

const requested = process.argv.slice(2).filter((name) => name !== '--');
const unknown = requested.filter((name) => !(name in suites));
if (unknown.length > 0) {
  console.error(`Unknown suite(s): ${unknown.join(', ')}. Suites: ${Object.keys(suites).join(', ')}.`);
  process.exit(2);
}

let databaseUrl = process.env.DATABASE_URL;
let stopDatabase = async () => {};
if (!databaseUrl) {
  const directory = await mkdtemp(path.join(os.tmpdir(), 'porttask-test-'));
  await chmod(directory, 0o777); // as root, PostgreSQL runs as the `postgres` user
  const cluster = await startLocalPostgres(path.join(directory, 'postgres'));
  databaseUrl = cluster.url;
  stopDatabase = async () => {
    await cluster.stop();
    await rm(directory, { recursive: true, force: true });
  };
}

let passed = 0;
let failed = 0;
const results: string[] = [];
try {
  for (const name of requested.length > 0 ? requested : Object.keys(suites)) {
    const [command, ...args] = await suites[name]!();
    console.log(`\n── ${name} ──`);
    const { code, output } = await run(command!, args, { ...process.env, DATABASE_URL: databaseUrl });
    const counts = countTests(output);
    passed += counts.passed;
    failed += counts.failed + (code !== 0 && counts.failed === 0 ? 1 : 0);
    results.push(`${name}: ${code === 0 ? 'ok' : `FAILED (exit ${code})`}, ${counts.passed} passed, ${counts.failed} failed`);
  }
} finally {
  await stopDatabase();
}
console.log(`\n${results.join('\n')}`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);

function run(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => { output += chunk; process.stdout.write(chunk); });
    child.stderr.on('data', (chunk: Buffer) => { output += chunk; process.stderr.write(chunk); });
    child.on('exit', (code, signal) => resolve({ code: code ?? (signal ? 1 : 0), output }));
  });
}

/** Reads node:test's TAP summary (`# pass N`, `# fail N`) or web-test-runner's (`N passed, N failed`). */
function countTests(output: string): { passed: number; failed: number } {
  const plain = output.replace(/\x1b\[[0-9;]*m/g, '');
  const tapPass = [...plain.matchAll(/^# pass (\d+)$/gm)].map((match) => Number(match[1]));
  const tapFail = [...plain.matchAll(/^# fail (\d+)$/gm)].map((match) => Number(match[1]));
  if (tapPass.length > 0) return { passed: tapPass.at(-1)!, failed: tapFail.at(-1) ?? 0 };
  const wtrPassed = [...plain.matchAll(/(\d+) passed/g)].map((match) => Number(match[1]));
  const wtrFailed = [...plain.matchAll(/(\d+) failed/g)].map((match) => Number(match[1]));
  return { passed: wtrPassed.at(-1) ?? 0, failed: wtrFailed.at(-1) ?? 0 };
}
