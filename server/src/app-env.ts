import type { Logger } from './logger.ts';
import type { Queryable } from './db/connection.ts';
import type { AuthenticatedKey } from './auth/api-keys.ts';

/** What middleware puts on the Hono context for handlers to read (`c.var.…`). */
export interface AppVariables {
  requestId: string;
  logger: Logger;
  /** The pool, or the request's transaction for writes (see http/unit-of-work.ts). */
  sql: Queryable;
  /** Set by auth/authenticate.ts on every `/v1` request that got past it. */
  apiKey: AuthenticatedKey;
  tenantId: string;
}

export interface AppEnv {
  Variables: AppVariables;
}
