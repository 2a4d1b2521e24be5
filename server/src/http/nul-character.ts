import type { ValidationIssue } from '@porttask/sdk/schemas';

/**
 * The issue for the first string in a parsed input that holds U+0000, or undefined. JSON
 * allows the character, PostgreSQL's text and jsonb do not: left alone it would fail the write
 * with a 500. Checked after the contract's own validation, on every input, in one place.
 */
export function nulCharacterIssue(value: unknown, path: (string | number)[] = []): ValidationIssue | undefined {
  if (typeof value === 'string') {
    return value.includes('\u0000') ? { path, message: 'must not contain the NUL character (U+0000)', code: 'invalid_string' } : undefined;
  }
  if (value === null || typeof value !== 'object') return undefined;
  for (const [key, item] of Object.entries(value)) {
    if (key.includes('\u0000')) return { path: [...path, key], message: 'a key must not contain the NUL character (U+0000)', code: 'invalid_key' };
    const issue = nulCharacterIssue(item, [...path, Array.isArray(value) ? Number(key) : key]);
    if (issue) return issue;
  }
  return undefined;
}
