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
      // pg-boss's own statements, parameterised; its schema plans are several statements in
      // one text, which the simple protocol (no parameters) runs as one.
      const rows = await sql.unsafe(text, values as never[]);
      return { rows: Array.isArray(rows) ? [...rows] : [] };
    },
  };
}
