import type { Sql } from '../db/connection.ts';
import { findKeyState } from './api-keys.queries.ts';
import { isOriginAllowed, type AuthenticatedKey } from './api-keys.ts';
import { keyChangesFor } from './key-changes.ts';
import { staffRolesOf } from './staff-roles.ts';
import { ACCOUNTS_CHANNEL, type StaffCaller } from './staff-tokens.ts';

export interface KeyWatch {
  /** Aborts when the key stops working for this caller; `reason` says why. */
  readonly signal: AbortSignal;
  /** Resolves once changes are being watched and the key was checked once more. */
  readonly ready: Promise<void>;
  close(): void;
}

/** A staff caller of a long-lived request: its account, and the operation whose role row it needs. */
export interface WatchedStaff {
  caller: StaffCaller;
  operationId: string;
}

/**
 * Watches the key a long-lived request (a live stream) was authenticated with, and aborts
 * when it stops working: revoked, expired (a rolled key, at its `expiresAt`, by a timer), or,
 * for a browser, its origin removed from the key. Changes arrive from any process through
 * the `porttask_keys` notification, so this holds across API processes within a round trip.
 * For a staff access token, the account is watched too (`porttask_accounts`): disabled,
 * deleted or moved to a role the operation does not admit ends the request the same way.
 */
export function watchKey(pool: Sql, key: AuthenticatedKey, origin: string | undefined, staff?: WatchedStaff): KeyWatch {
  const controller = new AbortController();
  let expiryTimer: NodeJS.Timeout | undefined;
  let unsubscribe: (() => void) | undefined;
  let closed = false;

  const stop = (reason: 'API_KEY_REVOKED' | 'API_KEY_EXPIRED' | 'ORIGIN_NOT_ALLOWED' | 'ACCOUNT_NOT_ADMITTED') => {
    if (!controller.signal.aborted) controller.abort(reason);
  };
  const armExpiry = (expiresAt: number | null) => {
    clearTimeout(expiryTimer);
    if (expiresAt === null) return;
    // At most 7 days away (the longest roll), well within setTimeout's 24.8-day range.
    expiryTimer = setTimeout(() => stop('API_KEY_EXPIRED'), Math.max(0, expiresAt - Date.now()));
    expiryTimer.unref();
  };
  const recheck = async () => {
    const state = await findKeyState(pool, key.tenantId, key.id);
    if (!state || state.revoked) return stop('API_KEY_REVOKED');
    if (origin !== undefined && !isOriginAllowed(state.key, origin)) return stop('ORIGIN_NOT_ALLOWED');
    armExpiry(state.key.expiresAt);
    if (staff) await recheckAccount(staff);
  };
  const recheckAccount = async ({ caller, operationId }: WatchedStaff) => {
    const [account] = await pool<{ role: StaffCaller['role']; disabled: boolean }[]>`
      SELECT role, disabled_at IS NOT NULL AS disabled FROM auth_users
      WHERE tenant_id = ${key.tenantId} AND environment = ${key.environment} AND id = ${caller.accountId}`;
    if (!account || account.disabled || !staffRolesOf(operationId).includes(account.role)) stop('ACCOUNT_NOT_ADMITTED');
  };
  const accountChanges = staff
    ? pool.listen(ACCOUNTS_CHANNEL, (payload) => {
      if (!closed && payload === `${key.tenantId}:${key.environment}:${staff.caller.accountId}`) recheckAccount(staff).catch(() => {});
    })
    : undefined;

  armExpiry(key.expiresAt);
  const ready = keyChangesFor(pool)
    .subscribe((change) => {
      if (closed || (change && (change.tenantId !== key.tenantId || change.keyId !== key.id))) return;
      // A failed recheck (database away) keeps the stream: the next change or reconnect rechecks.
      recheck().catch(() => {});
    })
    .then(async (release) => {
      const accounts = await accountChanges;
      const releaseAll = () => {
        release();
        accounts?.unlisten().catch(() => {});
      };
      if (closed) return releaseAll();
      unsubscribe = releaseAll;
      // A change between authentication and the subscription would otherwise go unseen.
      await recheck();
    });

  return {
    signal: controller.signal,
    ready,
    close() {
      closed = true;
      clearTimeout(expiryTimer);
      unsubscribe?.();
    },
  };
}
