import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { nulCharacterIssue } from './nul-character.ts';

describe('nulCharacterIssue', () => {
  it('names the string or key that holds U+0000, and passes everything else', () => {
    assert.equal(nulCharacterIssue({ a: ['x', { b: 'y' }], c: 1, d: null, e: true }), undefined);
    assert.deepEqual(nulCharacterIssue({ a: ['x', { b: 'y\u0000' }] })?.path, ['a', 1, 'b']);
    assert.deepEqual(nulCharacterIssue({ a: { 'k\u0000': 1 } })?.path, ['a', 'k\u0000']);
    assert.deepEqual(nulCharacterIssue('\u0000')?.path, []);
  });

  it('walks input nested far deeper than the call stack allows', () => {
    let deep: unknown = 'bottom\u0000';
    for (let level = 0; level < 200_000; level += 1) deep = [deep];
    assert.equal(nulCharacterIssue(deep)?.path.length, 200_000);
  });
});
