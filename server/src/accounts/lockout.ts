import type { Queryable } from '../db/connection.ts';
import type { DataScope } from '../tenants/data-scope.ts';

export const LOCKOUT_FAILURES = 10;
export const LOCKOUT_WINDOW_MS = 15 * 60_000;
export const LOCKOUT_DURATION_MS = 15 * 60_000;

export interface LockoutState {
  locked: boolean;
  /** When the lock ends (ISO text), if locked. */
  lockedUntil: string | null;
  /** Failures counted toward the next lock (since the last success, inside the window). */
  recentFailures: number;
}

/**
 * Whether an account is locked: 10 failed sign-ins (wrong password or MFA code) within 15
 * minutes lock it for 15 minutes after the tenth. The login audit trail is the record the
 * rule reads, so there is no second counter to keep in step, and every API process sees the
 * same state. A success (or a password set through a mailed link) ends the run of failures; attempts refused while locked are audited
 * as `locked` and do not extend the lock.
 */
export async function lockoutState(sql: Queryable, scope: DataScope, accountId: string, at?: Date): Promise<LockoutState> {
  const rows = await sql<{ now_ms: string; failures: string[] | null }[]>`
    WITH clock AS (SELECT coalesce(${at ?? null}::timestamptz, clock_timestamp()) AS now),
    recent AS (
      SELECT occurred_at, outcome FROM login_audit_events, clock
      WHERE tenant_id = ${scope.tenantId} AND environment = ${scope.environment} AND account_id = ${accountId}
        AND occurred_at > clock.now - make_interval(secs => ${(LOCKOUT_WINDOW_MS + LOCKOUT_DURATION_MS) / 1000})
        AND occurred_at <= clock.now
    ),
    -- A new password set through a mailed link ends the run too: the mailbox's owner did it.
    last_success AS (SELECT max(occurred_at) AS at FROM recent WHERE outcome IN ('success', 'reset', 'invitation_accepted'))
    SELECT (extract(epoch FROM clock.now) * 1000)::bigint::text AS now_ms,
      array_agg((extract(epoch FROM recent.occurred_at) * 1000)::bigint::text ORDER BY recent.occurred_at)
        FILTER (WHERE recent.outcome IN ('wrong_password', 'mfa_failed') AND recent.occurred_at > coalesce(last_success.at, '-infinity')) AS failures
    FROM clock LEFT JOIN recent ON true CROSS JOIN last_success
    GROUP BY clock.now`;
  const now = Number(rows[0]!.now_ms);
  const failures = (rows[0]!.failures ?? []).map(Number);
  let lockedUntil = 0;
  for (let index = LOCKOUT_FAILURES - 1; index < failures.length; index += 1) {
    if (failures[index]! - failures[index - LOCKOUT_FAILURES + 1]! <= LOCKOUT_WINDOW_MS) lockedUntil = Math.max(lockedUntil, failures[index]! + LOCKOUT_DURATION_MS);
  }
  const locked = lockedUntil > now;
  return {
    locked,
    lockedUntil: locked ? new Date(lockedUntil).toISOString() : null,
    recentFailures: failures.filter((time) => time > now - LOCKOUT_WINDOW_MS && time > (locked ? Infinity : lockedUntil)).length,
  };
}
