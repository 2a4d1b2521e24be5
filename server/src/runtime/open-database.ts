import { existsSync } from 'node:fs';
import path from 'node:path';
import { connect, type Database } from '../db/connection.ts';
import { startLocalPostgres } from '../db/local-postgres.ts';
import { migrate } from '../db/migrate.ts';
import type { Env } from '../env.ts';
import type { Logger } from '../logger.ts';

export interface OpenedDatabase extends Database {
  url: string;
  /** Which database this is, for people: "embedded PostgreSQL in /…/.data/postgres (…)". Never a password. */
  description: string;
}

/** There is no cluster where the embedded database should be, and this command may not create one. */
export class NoDatabaseError extends Error {}

/**
 * The database the process uses: `DATABASE_URL` when set, else the embedded PostgreSQL in
 * the data directory (started here, or borrowed if one already runs there). Migrations run
 * before anything else touches it; closing also stops an embedded cluster we started.
 *
 * Only commands that set a database up (`start`, `serve`, `migrate`) pass `createCluster`:
 * any other finding no cluster says so instead of making a second, empty one the server
 * would never see.
 */
export async function openDatabase(env: Env, logger: Logger, options: { migrate?: boolean; createCluster?: boolean; supervise?: boolean } = {}): Promise<OpenedDatabase> {
  const clusterDirectory = path.join(env.PORTTASK_DATA_DIR, 'postgres');
  if (!env.DATABASE_URL && !options.createCluster && !existsSync(path.join(clusterDirectory, 'PG_VERSION'))) {
    throw new NoDatabaseError(
      `No database in ${clusterDirectory}. ` +
      'Start the server first (npm start, or porttask serve), or create it with `porttask migrate`; ' +
      'or point at the right one with --data-dir DIR or DATABASE_URL.',
    );
  }
  const local = env.DATABASE_URL ? undefined : await startLocalPostgres(clusterDirectory, logger, { supervise: options.supervise });
  const url = env.DATABASE_URL ?? local!.url;
  const description = local
    ? `embedded PostgreSQL in ${clusterDirectory} (${local.borrowed ? 'already running' : 'started by this process'})`
    : `DATABASE_URL ${withoutPassword(url)}`;
  const db = connect(url);
  try {
    if (options.migrate !== false) {
      const result = await migrate(db.owner);
      if (result.applied.length > 0) logger.info({ applied: result.applied }, 'applied migrations');
    }
  } catch (error) {
    await db.close();
    await local?.stop();
    throw error;
  }
  return {
    ...db,
    url,
    description,
    async close() {
      await db.close();
      await local?.stop();
    },
  };
}

function withoutPassword(url: string): string {
  try {
    const parsed = new URL(url);
    parsed.password = '';
    return parsed.toString();
  } catch {
    return '(unparsable URL)';
  }
}
