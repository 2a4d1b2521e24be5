import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import postgres from 'postgres';
import { startServeProcess } from '../testing/cli-process.ts';
import { createTestDatabase, type TestDatabase } from '../testing/test-database.ts';
import { migrate } from './migrate.ts';

let empty: TestDatabase;
before(async () => {
  empty = await createTestDatabase();
  // Start from a database with no tables at all: drop what createTestDatabase migrated.
  await empty.owner.unsafe('DROP SCHEMA public CASCADE; CREATE SCHEMA public; GRANT ALL ON SCHEMA public TO public');
});
after(async () => { await empty.drop(); });

describe('migrations', () => {
  it('let two servers that start together on one empty database both start', async () => {
    const servers = [startServeProcess({ DATABASE_URL: empty.url }), startServeProcess({ DATABASE_URL: empty.url })];
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
