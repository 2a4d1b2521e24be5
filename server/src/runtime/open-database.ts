import path from 'node:path';
import { connect, type Database } from '../db/connection.ts';
import { startLocalPostgres } from '../db/local-postgres.ts';
import { migrate } from '../db/migrate.ts';
import type { Env } from '../env.ts';
import type { Logger } from '../logger.ts';

export interface OpenedDatabase extends Database {
  url: string;
}

/**
 * The database the process uses: `DATABASE_URL` when set, else the embedded PostgreSQL in
 * the data directory (started here, or borrowed if one already runs there). Migrations run
 * before anything else touches it; closing also stops an embedded cluster we started.
 */
export async function openDatabase(env: Env, logger: Logger, options: { migrate?: boolean; supervise?: boolean } = {}): Promise<OpenedDatabase> {
  const local = env.DATABASE_URL ? undefined : await startLocalPostgres(path.join(env.PORTTASK_DATA_DIR, 'postgres'), logger, { supervise: options.supervise });
  const url = env.DATABASE_URL ?? local!.url;
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
    async close() {
      await db.close();
      await local?.stop();
    },
  };
}
