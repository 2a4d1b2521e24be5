import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import postgres from 'postgres';
import { APP_ROLE } from '../db/connection.ts';
import { appLoginPassword } from '../db/app-login.ts';
import { AuditKeys } from '../login-audit/audit-keys.ts';
import { tenantKeyEmailSealer } from '../login-audit/email-sealer.ts';
import { LoginAuditTrail } from '../login-audit/login-audit-trail.ts';
import { insertTenant } from '../tenants/tenants.queries.ts';
import type { DataScope } from '../tenants/data-scope.ts';
import { insertPasswordAccounts } from '../testing/password-accounts.ts';
import { createTestDatabase, type TestDatabase } from '../testing/test-database.ts';
import { authInstances, type ScopedAuth } from './auth-instances.ts';
import { LOCKOUT_FAILURES } from './lockout.ts';

/**
 * "The same answer and similar time" for an unknown email, a wrong password and a locked
 * account. Time itself cannot be asserted on a busy machine, but what makes it differ can: the
 * password hashing (one scrypt on every path) and the database statements the sign-in runs
 * before answering. Each refusal must run the same statements, so that none is answered sooner
 * (bench/sign-in.ts measures the times). The audit append is the same on every path and runs on
 * another pool, so it is not counted here.
 */
const PASSWORD = 'tugboat-lantern-quinoa-47';
let db: TestDatabase;
let counting: postgres.Sql;
let statements: string[] = [];
let auth: ScopedAuth;
let lockedId: string;

before(async () => {
  db = await createTestDatabase();
  const scope: DataScope = { tenantId: (await insertTenant(db.owner, { name: 'Sign-in work', region: 'eu' })).id, environment: 'live' };
  counting = postgres(db.url, {
    max: 2, username: APP_ROLE, password: () => appLoginPassword(db.owner), onnotice: () => {}, transform: { undefined: null },
    debug: (_connection, query) => void statements.push(query.replace(/\s+/g, ' ').trim()),
  });
  const keys = new AuditKeys(randomBytes(32));
  const loginAudit = new LoginAuditTrail(db.sql, keys, tenantKeyEmailSealer(keys));
  auth = authInstances({ sql: counting, masterKey: randomBytes(32), loginAudit, baseUrl: 'http://localhost' })(scope);
  const [, locked] = await insertPasswordAccounts(db.owner, scope, [{ email: 'member@work.example', password: PASSWORD }, { email: 'locked@work.example', password: PASSWORD }]);
  lockedId = locked!.id;
  for (let failure = 0; failure < LOCKOUT_FAILURES; failure += 1) await loginAudit.append(scope, { outcome: 'wrong_password', accountId: lockedId, email: 'locked@work.example' });
});
after(async () => {
  await counting.end();
  await db.drop();
});

/** One sign-in: its answer and the statements it ran on the accounts pool. */
async function signIn(email: string, password: string): Promise<{ status: number; body: unknown; statements: string[] }> {
  statements = [];
  const response = await auth.handler(new Request('http://localhost/api/auth/sign-in/email', {
    method: 'POST', headers: { 'Content-Type': 'application/json', Origin: 'http://localhost' }, body: JSON.stringify({ email, password }),
  }));
  return { status: response.status, body: await response.json(), statements };
}

/**
 * The table each statement reads, in sorted order: the same statements in another order, or
 * one written by better-auth and its equal written by our hook, cost the same.
 */
function tablesRead(texts: string[]): string[] {
  return texts.map((text) => /\b(auth_users|auth_accounts|auth_sessions|login_audit_events)\b/.exec(text)?.[1] ?? text).sort();
}

describe('sign-in refusals do the same work', () => {
  it('an unknown email, a wrong password and a locked account run the same statements and get the same answer', async () => {
    assert.equal((await signIn('member@work.example', PASSWORD)).status, 200, 'the seeded password signs in');
    const wrong = await signIn('member@work.example', 'not-the-password-1');
    const unknown = await signIn('nobody@work.example', 'not-the-password-1');
    const locked = await signIn('locked@work.example', PASSWORD);
    for (const answer of [wrong, unknown, locked]) {
      assert.equal(answer.status, 401);
      assert.deepEqual(answer.body, wrong.body);
    }
    assert.ok(wrong.statements.length > 0, 'statements are counted');
    assert.deepEqual(tablesRead(unknown.statements), tablesRead(wrong.statements), 'an unknown email runs what a wrong password runs');
    assert.deepEqual(tablesRead(locked.statements), tablesRead(wrong.statements), 'a locked account runs what a wrong password runs');
  });
});
