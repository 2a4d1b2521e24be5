import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import postgres from 'postgres';
import { createTestDatabase, type TestDatabase } from '../testing/test-database.ts';
import { migrate } from './migrate.ts';

const CLI = fileURLToPath(new URL('../cli.ts', import.meta.url));

/** Starts `porttask serve --port 0` and resolves with its URL once it listens. */
function startServer(databaseUrl: string) {
  const child = spawn(process.execPath, ['--conditions=source', '--import', 'tsx', CLI, 'serve', '--port', '0'], {
    env: { ...process.env, DATABASE_URL: databaseUrl, LOG_LEVEL: 'info' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const url = new Promise<string>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /"url":"(http:\/\/[^"]+)","name":"api","msg":"listening"/.exec(output);
      if (match) resolve(match[1]!);
    });
    child.stderr.on('data', (chunk: Buffer) => { output += chunk.toString(); });
    child.on('exit', (code) => reject(new Error(`server exited with ${code}:\n${output}`)));
  });
  return { child, url };
}

let empty: TestDatabase;
before(async () => {
  empty = await createTestDatabase();
  // Start from a database with no tables at all: drop what createTestDatabase migrated.
  await empty.owner.unsafe('DROP SCHEMA public CASCADE; CREATE SCHEMA public; GRANT ALL ON SCHEMA public TO public');
});
after(async () => { await empty.drop(); });

describe('migrations', () => {
  it('let two servers that start together on one empty database both start', async () => {
    const servers = [startServer(empty.url), startServer(empty.url)];
    try {
      const urls = await Promise.all(servers.map((server) => server.url));
      for (const url of urls) {
        const ready = await fetch(`${url}/readyz`);
        assert.equal(ready.status, 200);
      }
      const applied = await empty.owner`SELECT version FROM schema_migrations ORDER BY version`;
      const versions = applied.map((row) => row.version);
      assert.equal(new Set(versions).size, versions.length, 'each migration applied once');
      assert.ok(versions.length >= 2);
    } finally {
      for (const server of servers) server.child.kill('SIGTERM');
    }
  });

  it('are a no-op when already applied', async () => {
    const sql = postgres(empty.url, { max: 1, onnotice: () => {} });
    try {
      const result = await migrate(sql);
      assert.deepEqual(result.applied, []);
    } finally {
      await sql.end();
    }
  });
});
