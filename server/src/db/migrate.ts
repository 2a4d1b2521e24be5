import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { appLoginPassword, scramVerifier } from './app-login.ts';
import type { Sql } from './connection.ts';
import { installJobQueue } from '../jobs/install-job-queue.ts';

const MIGRATIONS_DIRECTORY = path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations');
// Any constant works; it only has to be the same in every process.
const MIGRATION_LOCK_ID = 727_001;

export interface MigrationResult {
  applied: string[];
  alreadyApplied: number;
}

/**
 * Applies the numbered SQL files in `migrations/` that this database has not seen, each in
 * its own transaction, then gives the application role its login password. A session advisory lock serialises processes that start together:
 * the second waits, then finds nothing left to do.
 */
export async function migrate(owner: Sql): Promise<MigrationResult> {
  const files = (await readdir(MIGRATIONS_DIRECTORY)).filter((name) => /^\d{3}_[a-z0-9_]+\.sql$/.test(name)).sort();
  const connection = await owner.reserve();
  try {
    await connection`SELECT pg_advisory_lock(${MIGRATION_LOCK_ID})`;
    await connection`
      CREATE TABLE IF NOT EXISTS schema_migrations (
        version integer PRIMARY KEY,
        name text NOT NULL,
        applied_at timestamptz NOT NULL DEFAULT now()
      )`;
    const done = new Set((await connection<{ version: number }[]>`SELECT version FROM schema_migrations`).map((row) => row.version));
    const applied: string[] = [];
    for (const file of files) {
      const version = Number(file.slice(0, 3));
      if (done.has(version)) continue;
      const statements = await readFile(path.join(MIGRATIONS_DIRECTORY, file), 'utf8');
      await connection.unsafe('BEGIN');
      try {
        // Migration files are our own code, not input: the one place SQL text is run as is.
        await connection.unsafe(statements);
        await connection`INSERT INTO schema_migrations (version, name) VALUES (${version}, ${file})`;
        await connection.unsafe('COMMIT');
      } catch (error) {
        await connection.unsafe('ROLLBACK');
        throw new Error(`Migration ${file} failed: ${(error as Error).message}`, { cause: error });
      }
      applied.push(file);
    }
    // pg-boss versions its own schema; asking it every start applies its upgrades in step
    // with the library's version (see jobs/install-job-queue.ts).
    await installJobQueue(connection);
    // Every time, not once: the owner's password may have changed since (see app-login.ts).
    await connection`SELECT porttask_set_app_password(${scramVerifier(await appLoginPassword(owner))})`;
    return { applied, alreadyApplied: done.size };
  } finally {
    await connection`SELECT pg_advisory_unlock(${MIGRATION_LOCK_ID})`.catch(() => {});
    connection.release();
  }
}
