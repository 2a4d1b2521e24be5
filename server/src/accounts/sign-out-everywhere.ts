import type { UserSignOut } from '@porttask/sdk/schemas';
import type { Queryable } from '../db/connection.ts';
import type { LoginAuditTrail } from '../login-audit/login-audit-trail.ts';
import type { DataScope } from '../tenants/data-scope.ts';
import { endSignIns, userExists } from './users.queries.ts';

/**
 * Ends every sign-in of an account, asked for by the partner (API, SDK or CLI): its
 * better-auth sessions and every refresh-token family, in the caller's transaction; the trail
 * records `signed_out_everywhere`. The account stays usable (disabling it is another call).
 * Undefined when the scope has no such account.
 */
export async function signOutEverywhere(
  sql: Queryable, loginAudit: LoginAuditTrail, scope: DataScope, userId: string,
  request: { ipAddress?: string | undefined; userAgent?: string | undefined } = {},
): Promise<UserSignOut | undefined> {
  if (!(await userExists(sql, scope, userId))) return undefined;
  const ended = await endSignIns(sql, scope, userId);
  await loginAudit.append(scope, { outcome: 'signed_out_everywhere', accountId: userId, ...request });
  return { userId, ...ended };
}
