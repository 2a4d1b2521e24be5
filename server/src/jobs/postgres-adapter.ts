import type PgBoss from 'pg-boss';
import type { Queryable } from '../db/connection.ts';

/**
 * pg-boss runs its SQL through our postgres.js connection instead of a pool of its own: one
 * pool per process, and a job can be queued inside the transaction that makes it necessary
 * (a request and its verification mail commit together, or neither does).
 */
export function pgBossAdapter(sql: Queryable): PgBoss.Db {
  return {
    async executeSql(text: string, values: unknown[] = []) {
      // pg-boss's maintenance and schema plans are BEGIN … COMMIT scripts (no parameters).
      // postgres.js refuses those on a pool, whose next statement may take another
      // connection, so a script gets one connection of its own for its whole length.
      if (/^\s*BEGIN\b/i.test(text) && 'reserve' in sql) {
        const connection = await sql.reserve();
        try {
          return { rows: toRows(await connection.unsafe(text)) };
        } finally {
          connection.release();
        }
      }
      // pg-boss leaves unset options undefined where node-postgres sends NULL.
      const parameters = values.map((value) => (value === undefined ? null : value));
      return { rows: toRows(await sql.unsafe(text, parameters as never[])) };
    },
  };
}

function toRows(result: unknown): unknown[] {
  return Array.isArray(result) ? [...result] : [];
}
