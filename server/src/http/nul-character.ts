import type { ValidationIssue } from '@porttask/sdk/schemas';

interface Visit {
  value: unknown;
  key?: string | number;
  parent?: Visit;
}

/**
 * The issue for a string in a parsed input that holds U+0000, or undefined. JSON allows the
 * character, PostgreSQL's text and jsonb do not: left alone it would fail the write with a 500.
 * Walks with a stack of its own, not recursion: how deep the input nests is the client's choice.
 */
export function nulCharacterIssue(input: unknown): ValidationIssue | undefined {
  const pending: Visit[] = [{ value: input }];
  while (pending.length > 0) {
    const visit = pending.pop()!;
    const { value } = visit;
    if (typeof value === 'string') {
      if (value.includes('\u0000')) return { path: pathTo(visit), message: 'must not contain the NUL character (U+0000)', code: 'invalid_string' };
    } else if (Array.isArray(value)) {
      value.forEach((item, index) => pending.push({ value: item, key: index, parent: visit }));
    } else if (value !== null && typeof value === 'object') {
      for (const [key, item] of Object.entries(value)) {
        if (key.includes('\u0000')) return { path: [...pathTo(visit), key], message: 'a key must not contain the NUL character (U+0000)', code: 'invalid_key' };
        pending.push({ value: item, key, parent: visit });
      }
    }
  }
  return undefined;
}

/** The path is built only for the one value reported. */
function pathTo(visit: Visit): (string | number)[] {
  const path: (string | number)[] = [];
  for (let at: Visit | undefined = visit; at?.key !== undefined; at = at.parent) path.unshift(at.key);
  return path;
}
