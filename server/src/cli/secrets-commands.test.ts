import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, test } from 'node:test';
import { createFieldEncryption } from '../secrets/field-encryption.ts';
import { masterKeyId, masterKeyring } from '../secrets/master-keyring.ts';
import { insertTenant } from '../tenants/tenants.queries.ts';
import { runCli } from '../testing/cli-process.ts';
import { createTestDatabase, type TestDatabase } from '../testing/test-database.ts';

let db: TestDatabase;
before(async () => { db = await createTestDatabase(); });
after(() => db.drop());

test('porttask secrets rotate re-wraps data keys under the new master key; the fields stay readable', async () => {
  const oldKey = randomBytes(32);
  const newKey = randomBytes(32);
  const tenant = await insertTenant(db.owner, { name: 'Rotation Agency', region: 'eu', jurisdictions: ['gdpr'] });
  const scope = { tenantId: tenant.id, environment: 'live' as const };
  const subject = await createFieldEncryption(masterKeyring(oldKey)).createSubject(db.sql, scope);
  const sealed = subject.encrypt('kept@example.com', 'test.email');

  const env = { DATABASE_URL: db.url, PORTTASK_MASTER_KEY: newKey.toString('base64'), PORTTASK_MASTER_KEY_PREVIOUS: oldKey.toString('base64') };
  const first = await runCli(['secrets', 'rotate', '--json'], env);
  assert.equal(first.code, 0, first.stderr);
  assert.deepEqual(JSON.parse(first.stdout), { masterKeyId: masterKeyId(newKey), rewrapped: 1, alreadyCurrent: 0 });
  const again = await runCli(['secrets', 'rotate'], env);
  assert.match(again.stdout, /Re-wrapped 0 data key\(s\) under master key mk_[0-9a-f]{16}; 1 already were\./);

  const opened = (await createFieldEncryption(masterKeyring(newKey)).openSubjects(db.sql, scope, [subject.id])).get(subject.id);
  assert.equal(opened?.decrypt(sealed, 'test.email'), 'kept@example.com');

  // Without the old key the CLI says which key it lacks, and changes nothing.
  const other = await createFieldEncryption(masterKeyring(oldKey)).createSubject(db.sql, { ...scope, environment: 'test' });
  assert.ok(other.id);
  const missing = await runCli(['secrets', 'rotate'], { DATABASE_URL: db.url, PORTTASK_MASTER_KEY: newKey.toString('base64') });
  assert.equal(missing.code, 1);
  assert.match(missing.stderr, new RegExp(`wrapped by master key ${masterKeyId(oldKey)}`));
  assert.equal((await runCli(['secrets', 'prune'], env)).code, 2);
});
