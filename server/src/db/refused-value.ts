import postgres from 'postgres';

/**
 * PostgreSQL refused a value of the request: a data exception (class 22, e.g. a date out of
 * range, a malformed cast of a forged cursor) or an integrity rule (class 23: a CHECK, a
 * foreign key, a unique key). The request's fault, and its statement rolled back: a 4xx, or in
 * an import, the row's own failure.
 */
export function isRefusedValue(error: unknown): error is postgres.PostgresError {
  return error instanceof postgres.PostgresError && (error.code.startsWith('22') || error.code.startsWith('23'));
}
