/**
 * `node with-postgres.ts -- <command…>`: runs the command with DATABASE_URL pointing at a
 * PostgreSQL cluster. With DATABASE_URL already set it just runs the command; otherwise it
 * starts one embedded cluster in a temporary directory for the whole run and removes it
 * after, so `npm test` needs nothing installed and leaves nothing behind.
 */
import { spawn } from 'node:child_process';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { startLocalPostgres } from '../db/local-postgres.ts';

const separator = process.argv.indexOf('--');
const [command, ...args] = process.argv.slice(separator + 1);
if (separator < 0 || !command) {
  console.error('usage: with-postgres.ts -- <command> [args…]');
  process.exit(2);
}

let databaseUrl = process.env.DATABASE_URL;
let cleanup = async () => {};
if (!databaseUrl) {
  const directory = await mkdtemp(path.join(os.tmpdir(), 'porttask-test-'));
  await chmod(directory, 0o777); // the `postgres` system user must be able to write here
  const cluster = await startLocalPostgres(path.join(directory, 'postgres'));
  databaseUrl = cluster.url;
  cleanup = async () => {
    await cluster.stop();
    await rm(directory, { recursive: true, force: true });
  };
}

const child = spawn(command, args, { stdio: 'inherit', env: { ...process.env, DATABASE_URL: databaseUrl }, shell: false });
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => child.kill(signal));
const code: number = await new Promise((resolve) => child.on('exit', (exitCode, signal) => resolve(exitCode ?? (signal ? 1 : 0))));
await cleanup();
process.exit(code);
