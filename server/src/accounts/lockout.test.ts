import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { AuditKeys } from '../login-audit/audit-keys.ts';
import { tenantKeyEmailSealer } from '../login-audit/email-sealer.ts';
import { LoginAuditTrail, type LoginOutcome } from '../login-audit/login-audit-trail.ts';
import { insertTenant } from '../tenants/tenants.queries.ts';
import type { DataScope } from '../tenants/data-scope.ts';
import { createTestDatabase, type TestDatabase } from '../testing/test-database.ts';
import { lockoutState } from './lockout.ts';

let db: TestDatabase;
let trail: LoginAuditTrail;
let scope: DataScope;
before(async () => {
  db = await createTestDatabase();
  const keys = new AuditKeys(randomBytes(32));
  trail = new LoginAuditTrail(db.sql, keys, tenantKeyEmailSealer(keys));
  scope = { tenantId: (await insertTenant(db.owner, { name: 'Lockout', region: 'eu' })).id, environment: 'live' };
});
after(async () => { await db.drop(); });

const attempts = async (accountId: string, outcome: LoginOutcome, count: number) => {
  for (let index = 0; index < count; index += 1) await trail.append(scope, { outcome, accountId, email: 'x@example.com' });
};
const minutesFromNow = (minutes: number) => new Date(Date.now() + minutes * 60_000);

describe('account lockout, read from the login audit trail', () => {
  it('locks after 10 failures within 15 minutes, for 15 minutes after the tenth', async () => {
    await attempts('acct_ten', 'wrong_password', 9);
    let state = await lockoutState(db.sql, scope, 'acct_ten');
    assert.deepEqual([state.locked, state.recentFailures], [false, 9]);
    await attempts('acct_ten', 'mfa_failed', 1);
    state = await lockoutState(db.sql, scope, 'acct_ten');
    assert.equal(state.locked, true);
    assert.ok(Date.parse(state.lockedUntil!) - Date.now() > 14 * 60_000 && Date.parse(state.lockedUntil!) - Date.now() <= 15 * 60_000);
    // Attempts refused while locked do not extend it.
    await attempts('acct_ten', 'locked', 5);
    assert.equal((await lockoutState(db.sql, scope, 'acct_ten', minutesFromNow(14))).locked, true);
    assert.equal((await lockoutState(db.sql, scope, 'acct_ten', minutesFromNow(15.1))).locked, false);
  });

  it('a success ends the run of failures; other accounts, tenants and environments are not affected', async () => {
    await attempts('acct_reset', 'wrong_password', 6);
    await attempts('acct_reset', 'success', 1);
    await attempts('acct_reset', 'wrong_password', 6);
    const state = await lockoutState(db.sql, scope, 'acct_reset');
    assert.deepEqual([state.locked, state.recentFailures], [false, 6]);
    assert.equal((await lockoutState(db.sql, { ...scope, environment: 'test' }, 'acct_ten')).locked, false);
    assert.equal((await lockoutState(db.sql, scope, 'acct_other')).recentFailures, 0);
  });

  it('a password set through a reset or invitation link ends a lock (only the mailbox\'s owner can set one)', async () => {
    for (const [account, outcome] of [['acct_mailbox_reset', 'reset'], ['acct_mailbox_invited', 'invitation_accepted']] as const) {
      await attempts(account, 'wrong_password', 10);
      assert.equal((await lockoutState(db.sql, scope, account)).locked, true);
      await attempts(account, outcome, 1);
      assert.deepEqual(Object.values(await lockoutState(db.sql, scope, account)), [false, null, 0], outcome);
    }
  });
});
