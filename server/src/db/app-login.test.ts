import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { appLoginPassword, scramVerifier } from './app-login.ts';
import type { Sql } from './connection.ts';

const ownerWith = (pass: unknown) => ({ options: { pass } }) as unknown as Sql;

describe('the application role\'s login', () => {
  it('is derived from the owner\'s password: the same for every process, different per owner', async () => {
    assert.equal(await appLoginPassword(ownerWith('s3cret')), await appLoginPassword(ownerWith(async () => 's3cret')));
    assert.notEqual(await appLoginPassword(ownerWith('s3cret')), await appLoginPassword(ownerWith('other')));
    assert.doesNotMatch(await appLoginPassword(ownerWith('s3cret')), /s3cret/);
  });

  it('is refused when the owner logs in without a password (it would be a constant)', async () => {
    await assert.rejects(appLoginPassword(ownerWith('')), /has no password/);
    await assert.rejects(appLoginPassword(ownerWith(null)), /has no password/);
  });

  it('reaches the database only as a SCRAM-SHA-256 verifier (logging in with it is tested against PostgreSQL in consents.test.ts)', () => {
    const verifier = scramVerifier('a password');
    assert.match(verifier, /^SCRAM-SHA-256\$4096:[A-Za-z0-9+/]{22}==\$[A-Za-z0-9+/]{43}=:[A-Za-z0-9+/]{43}=$/);
    assert.doesNotMatch(verifier, /a password/);
    assert.notEqual(scramVerifier('a password'), verifier, 'a new salt each time');
  });
});
