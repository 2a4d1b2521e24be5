import type { Logger } from './logger.ts';
import type { Queryable, Sql } from './db/connection.ts';
import type { AuthenticatedKey } from './auth/api-keys.ts';
import type { DataScope } from './tenants/data-scope.ts';
import type { LoginAuditTrail } from './login-audit/login-audit-trail.ts';
import type { PageCursors } from './http/page-cursor.ts';
import type { RateLimits } from './limits/rate-limits.ts';
import type { StaffCaller } from './auth/staff-tokens.ts';

/**
 * What middleware puts on the Hono context for handlers to read with `c.get('…')` (not
 * `c.var.…`, which copies every variable into a new object on each read).
 */
export interface AppVariables {
  requestId: string;
  /** The process's logger; `requestLogger(c)` gives one that names the request. */
  logger: Logger;
  /** The pool, or the request's transaction for writes (see http/unit-of-work.ts). */
  sql: Queryable;
  /** The pool itself, also during a write's transaction: for what lives per process (config-cache.ts). */
  pool: Sql;
  /** Set by auth/authenticate.ts on every `/v1` request that got past it. */
  apiKey: AuthenticatedKey;
  /** The API's rate limits, for routes that count something of their own (limits/rate-limits.ts). */
  rateLimits: RateLimits;
  /** Why reading the body failed (too large, cut off), for the error handler: a validator only says "malformed". */
  bodyReadError?: Error;
  /** The tenant and the key's environment: what every query is limited to (set with apiKey). */
  scope: DataScope;
  /** The login audit trail (its keys derive from the master key; see login-audit/). */
  loginAudit: LoginAuditTrail;
  /** Seals and opens page cursors (http/page-cursor.ts); use `pageCursorsOf(c)`. */
  pageCursors: PageCursors;
  /**
   * Set when the request carries a staff access token instead of a key (auth/staff-tokens.ts):
   * the account and its role. `apiKey` is then the publishable key the token was issued for.
   */
  staff?: StaffCaller;
  /** The API's own headers for this answer, applied once it is made (http/answer-headers.ts). */
  answerHeaders?: Map<string, string>;
  /** Set by auth/staff-role-guard.ts once the role matrix admitted the staff token's role for this operation. */
  staffRoleAdmitted?: boolean;
}

export interface AppEnv {
  Variables: AppVariables;
}
