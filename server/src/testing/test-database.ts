import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import postgres from 'postgres';
import { connect, type Database } from '../db/connection.ts';
import { startLocalPostgres, type LocalPostgres } from '../db/local-postgres.ts';
import { migrate } from '../db/migrate.ts';
import { randomId } from '../ids.ts';

/**
 * Each test file gets its own freshly migrated database, so files run in parallel and leave
 * nothing behind. The cluster is the one `DATABASE_URL` names (`npm test` starts one embedded
 * cluster for the whole run, see with-postgres.ts); a file run on its own without it starts
 * a throwaway embedded cluster of its own.
 */
export interface TestDatabase extends Database {
  url: string;
  name: string;
  drop(): Promise<void>;
}

let ownCluster: Promise<{ cluster: LocalPostgres; directory: string }> | undefined;

async function clusterUrl(): Promise<string> {
  if (process.env.DATABASE_URL) return process.env.DATABASE_URL;
  ownCluster ??= (async () => {
    const directory = await mkdtemp(path.join(os.tmpdir(), 'porttask-test-'));
    const { chmod } = await import('node:fs/promises');
    await chmod(directory, 0o777); // the `postgres` system user must be able to write here
    const cluster = await startLocalPostgres(path.join(directory, 'postgres'));
    process.once('exit', () => void rm(directory, { recursive: true, force: true }));
    return { cluster, directory };
  })();
  return (await ownCluster).cluster.url;
}

export async function createTestDatabase(options: { onAppQuery?: (query: string, parameters: unknown[]) => void } = {}): Promise<TestDatabase> {
  const adminUrl = await clusterUrl();
  const name = `porttask_test_${randomId(12)}`;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`CREATE DATABASE ${name}`); // name is ours, [a-z0-9_] only
  const url = withDatabase(adminUrl, name);
  const db = connect(url, options);
  await migrate(db.owner);
  return {
    ...db,
    url,
    name,
    async close() {
      await db.close();
    },
    async drop() {
      await db.close();
      await admin.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
      if (ownCluster && !process.env.DATABASE_URL) {
        const { cluster } = await ownCluster;
        ownCluster = undefined;
        await cluster.stop();
      }
    },
  };
}

function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}
