import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { insertTenant } from '../tenants/tenants.queries.ts';
import type { DataScope } from '../tenants/data-scope.ts';
import { createTestDatabase, type TestDatabase } from '../testing/test-database.ts';
import { findPlaintext } from '../testing/plaintext-scan.ts';
import { DecryptionError } from './aes-gcm.ts';
import { rewrapDataKeys } from './data-keys.ts';
import { createFieldEncryption } from './field-encryption.ts';
import { masterKeyring } from './master-keyring.ts';

let db: TestDatabase;
let scopeA: DataScope;
let scopeB: DataScope;
const masterKey = randomBytes(32);
const encryption = createFieldEncryption(masterKeyring(masterKey));

before(async () => {
  db = await createTestDatabase();
  const a = await insertTenant(db.owner, { name: 'A', region: 'eu', jurisdictions: ['gdpr'] });
  const b = await insertTenant(db.owner, { name: 'B', region: 'eu', jurisdictions: ['gdpr'] });
  scopeA = { tenantId: a.id, environment: 'live' };
  scopeB = { tenantId: b.id, environment: 'live' };
});
after(() => db.drop());

describe('fields encrypted per subject', () => {
  test('round trip, as the app role', async () => {
    const subject = await encryption.createSubject(db.sql, scopeA);
    const sealed = subject.encrypt('Åse Jørgensen <ase@example.dk>', 'people.name|p1');
    const [opened] = [...(await encryption.openSubjects(db.sql, scopeA, [subject.id])).values()];
    assert.equal(opened?.decrypt(sealed, 'people.name|p1'), 'Åse Jørgensen <ase@example.dk>');
    // Random IVs: the same value twice gives two ciphertexts (no equality leak).
    assert.notDeepEqual(subject.encrypt('x', 'p'), subject.encrypt('x', 'p'));
  });

  test('an altered ciphertext, or one moved to another place, does not decrypt', async () => {
    const subject = await encryption.createSubject(db.sql, scopeA);
    const sealed = subject.encrypt('details of the request', 'requests.details|r1');
    const flipped = Buffer.from(sealed);
    flipped[20]! ^= 0x01;
    assert.throws(() => subject.decrypt(flipped, 'requests.details|r1'), DecryptionError);
    assert.throws(() => subject.decrypt(sealed, 'requests.details|r2'), DecryptionError);
    assert.throws(() => subject.decrypt(sealed.subarray(0, 10), 'requests.details|r1'), DecryptionError);
    const other = await encryption.createSubject(db.sql, scopeA);
    assert.throws(() => other.decrypt(sealed, 'requests.details|r1'), DecryptionError);
  });

  test('another tenant or environment cannot open a subject key', async () => {
    const subject = await encryption.createSubject(db.sql, scopeA);
    assert.equal((await encryption.openSubjects(db.sql, scopeB, [subject.id])).get(subject.id), null);
    assert.equal((await encryption.openSubjects(db.sql, { ...scopeA, environment: 'test' }, [subject.id])).get(subject.id), null);
  });

  test('the blind index finds the same email per tenant environment, and only there', async () => {
    const index = await encryption.emailIndex(db.sql, scopeA, 'Ase@Example.DK ');
    assert.deepEqual(await encryption.emailIndex(db.sql, scopeA, 'ase@example.dk'), index);
    assert.notDeepEqual(await encryption.emailIndex(db.sql, scopeA, 'ase@example.de'), index);
    assert.notDeepEqual(await encryption.emailIndex(db.sql, scopeB, 'ase@example.dk'), index);
    assert.notDeepEqual(await encryption.emailIndex(db.sql, { ...scopeA, environment: 'test' }, 'ase@example.dk'), index);
  });
});

describe('crypto-shredding', () => {
  test('after shredding, the stored values can no longer be decrypted, and the key cannot come back', async () => {
    const subject = await encryption.createSubject(db.sql, scopeA);
    const sealed = subject.encrypt('erase me', 'people.name|p9');
    assert.equal(await encryption.shredSubject(db.sql, scopeA, subject.id), true);
    assert.equal(await encryption.shredSubject(db.sql, scopeA, subject.id), false);
    assert.equal((await encryption.openSubjects(db.sql, scopeA, [subject.id])).get(subject.id), null);
    const [row] = await db.owner<{ wrapped_key: Buffer | null }[]>`SELECT wrapped_key FROM subject_keys WHERE id = ${subject.id}`;
    assert.equal(row?.wrapped_key, null);
    // Nothing else in the database decrypts it: not the tenant key, not another subject's key.
    const tenant = await encryption.tenantKey(db.sql, scopeA);
    const { open } = await import('./aes-gcm.ts');
    assert.throws(() => open(tenant.key, sealed, `porttask field|${scopeA.tenantId}|live|${subject.id}|people.name|p9`), DecryptionError);
    // The app role cannot put a key back, nor remove the row that proves the shredding.
    await assert.rejects(db.sql`UPDATE subject_keys SET wrapped_key = ${randomBytes(60)}, shredded_at = NULL WHERE id = ${subject.id}`, /only be shredded/);
    await assert.rejects(db.sql`DELETE FROM subject_keys WHERE id = ${subject.id}`, /permission denied/);
  });

  test('the app role cannot rewrite a tenant data key', async () => {
    await encryption.tenantKey(db.sql, scopeA);
    await assert.rejects(db.sql`UPDATE data_keys SET wrapped_key = '\\x00' WHERE tenant_id = ${scopeA.tenantId}`, /permission denied/);
    await assert.rejects(db.sql`DELETE FROM data_keys WHERE tenant_id = ${scopeA.tenantId}`, /permission denied/);
  });
});

test('master key rotation re-wraps data keys; the data stays readable under the new key alone', async () => {
  const oldMaster = randomBytes(32);
  const newMaster = randomBytes(32);
  const tenant = await insertTenant(db.owner, { name: 'Rotating', region: 'eu', jurisdictions: ['gdpr'] });
  const scope: DataScope = { tenantId: tenant.id, environment: 'test' };
  const before = createFieldEncryption(masterKeyring(oldMaster));
  const subject = await before.createSubject(db.sql, scope);
  const sealed = subject.encrypt('rotate@example.com', 'people.email|p1');
  const indexBefore = await before.emailIndex(db.sql, scope, 'rotate@example.com');

  // Only the new key: the old wrapping is named in the error, nothing is guessed.
  await assert.rejects(createFieldEncryption(masterKeyring(newMaster)).openSubjects(db.sql, scope, [subject.id]), /PORTTASK_MASTER_KEY_PREVIOUS/);

  // The other tests' tenants are under `masterKey`: every earlier key is named, as in production.
  const rotating = masterKeyring(newMaster, [oldMaster, masterKey]);
  const result = await rewrapDataKeys(db.owner, rotating);
  assert.ok(result.rewrapped >= 2);
  assert.deepEqual(await rewrapDataKeys(db.owner, rotating), { rewrapped: 0, alreadyCurrent: result.rewrapped + result.alreadyCurrent });

  const afterRotation = createFieldEncryption(masterKeyring(newMaster));
  const opened = (await afterRotation.openSubjects(db.sql, scope, [subject.id])).get(subject.id);
  assert.equal(opened?.decrypt(sealed, 'people.email|p1'), 'rotate@example.com');
  assert.deepEqual(await afterRotation.emailIndex(db.sql, scope, 'rotate@example.com'), indexBefore, 'lookups survive rotation');
  await assert.rejects(createFieldEncryption(masterKeyring(oldMaster)).openSubjects(db.sql, scope, [subject.id]), /neither PORTTASK_MASTER_KEY/);
});

test('a scan of every row of every table finds no plaintext of encrypted fields (and does find plaintext)', async () => {
  await db.owner`CREATE TABLE scan_people (tenant_id text, environment text, subject_key_id text, email_index bytea, email bytea, name bytea, details bytea, note text)`;
  const person = { email: 'jonas.scan@example.dk', name: 'Jonas Scanløv', details: 'Please send me everything about my port calls' };
  const subject = await encryption.createSubject(db.sql, scopeA);
  await db.owner`
    INSERT INTO scan_people VALUES (${scopeA.tenantId}, 'live', ${subject.id}, ${await encryption.emailIndex(db.sql, scopeA, person.email)},
      ${subject.encrypt(person.email, 'email')}, ${subject.encrypt(person.name, 'name')}, ${subject.encrypt(person.details, 'details')}, 'plain control text')`;
  assert.deepEqual(await findPlaintext(db.owner, Object.values(person)), []);
  // The scan can fail: a plaintext value is found, as text and inside bytea.
  await db.owner`INSERT INTO scan_people (note, email) VALUES (${person.name}, ${Buffer.from(person.email)})`;
  assert.deepEqual((await findPlaintext(db.owner, Object.values(person))).map((finding) => finding.needle).sort(), [person.email, person.name].sort());
});
