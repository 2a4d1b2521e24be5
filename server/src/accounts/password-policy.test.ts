import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkNewPassword } from './password-policy.ts';

describe('new password policy (zxcvbn-ts, local)', () => {
  it('refuses short, overlong, common and guessable passwords with a code per reason', () => {
    assert.equal(checkNewPassword('Ab1!xyz')?.code, 'PASSWORD_TOO_SHORT');
    assert.equal(checkNewPassword('a'.repeat(129))?.code, 'PASSWORD_TOO_LONG');
    for (const common of ['password123', 'qwertyuiop', 'iloveyou1', 'baseball']) assert.equal(checkNewPassword(common)?.code, 'PASSWORD_COMMON', common);
    for (const weak of ['aaaaaaaaaa', '12345678910', 'abcdefghij']) assert.ok(['PASSWORD_COMMON', 'PASSWORD_WEAK'].includes(checkNewPassword(weak)?.code ?? ''), weak);
    // The person's own email and the tenant's name count as known words.
    assert.equal(checkNewPassword('harbourmaster2026', { email: 'harbourmaster2026@port.example' })?.code, 'PASSWORD_WEAK');
  });

  it('accepts long unrelated words and random strings, with no composition rules', () => {
    assert.equal(checkNewPassword('correct horse battery staple'), undefined);
    assert.equal(checkNewPassword('tugboat-lantern-quinoa-47'), undefined);
    assert.equal(checkNewPassword('vK8#qz!2Lm'), undefined);
  });
});
