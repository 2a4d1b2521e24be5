import postgres from 'postgres';
import { appLoginPassword } from './app-login.ts';

export type Sql = postgres.Sql;
/** A connection or a transaction: query code takes either, so callers decide atomicity. */
export type Queryable = postgres.Sql | postgres.TransactionSql;

/** The role the API's requests run as (see migration 001 for what it may do). */
export const APP_ROLE = 'porttask_app';

/** The longest one statement of a request may run (the answer is then a 503). */
export const STATEMENT_TIMEOUT_MS = 5_000;

/** Rows per multi-row INSERT: well under PostgreSQL's 65,535 parameters per statement. */
const INSERT_CHUNK = 1000;

/** `rows` in slices small enough for one multi-row INSERT each. */
export function insertChunks<Row>(rows: Row[]): Row[][] {
  const chunks: Row[][] = [];
  for (let start = 0; start < rows.length; start += INSERT_CHUNK) chunks.push(rows.slice(start, start + INSERT_CHUNK));
  return chunks;
}

export interface Database {
  /** Runs as the application role: may only do what requests need. */
  sql: Sql;
  /** Runs as the owner: migrations, CLI administration, tests. */
  owner: Sql;
  close(): Promise<void>;
}

export interface ConnectOptions {
  max?: number;
  /** Sees every statement the app pool sends (tests record better-auth's SQL with it). */
  onAppQuery?: (query: string, parameters: unknown[]) => void;
}

export function connect(url: string, options: ConnectOptions = {}): Database {
  const common = {
    max: options.max ?? 10,
    idle_timeout: 30,
    // A database that is down answers at once (refused); one that does not answer must not
    // hold a request longer than this: the request gets a 503 and the client retries.
    connect_timeout: 2,
    // Reconnects (the live-update LISTEN included) retry at most a second apart, so service and
    // live streams are back within about a second of the database (the default backs off to 20 s).
    backoff: (retries: number) => Math.min(0.1 * retries, 1),
    onnotice: () => {},
    // Timestamps stay text where we need microseconds (audit canonical form); others parse.
    transform: { undefined: null },
  } as const;
  const owner = postgres(url, { ...common, max: 3 });
  // The app pool logs in as the app role itself (migrate() gives it its password), not as the
  // owner with the role switched on: a session can switch a role back, a login cannot.
  // No request's statement runs longer than this (the owner's, migrations and CLI work, may).
  const sql = postgres(url, { ...common, username: APP_ROLE, password: () => appLoginPassword(owner), connection: { statement_timeout: STATEMENT_TIMEOUT_MS },
    ...(options.onAppQuery ? { debug: (_connection: number, query: string, parameters: unknown[]) => options.onAppQuery!(query, parameters) } : {}) });
  return {
    sql,
    owner,
    async close() {
      await Promise.all([sql.end({ timeout: 5 }), owner.end({ timeout: 5 })]);
    },
  };
}
