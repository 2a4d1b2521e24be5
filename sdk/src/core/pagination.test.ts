import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { PageIterator } from './pagination.ts';

describe('PageIterator', () => {
  const pages: Record<string, { data: number[]; nextCursor: string | null }> = {
    start: { data: [1, 2], nextCursor: 'c2' },
    c2: { data: [3], nextCursor: 'c3' },
    c3: { data: [4, 5], nextCursor: null },
  };

  it('awaits to the first page and iterates every item across pages, lazily', async () => {
    const requested: (string | undefined)[] = [];
    const list = new PageIterator<number>(async (cursor) => {
      requested.push(cursor);
      return pages[cursor ?? 'start']!;
    });
    assert.deepEqual((await list).data, [1, 2]);
    const seen: number[] = [];
    for await (const item of list) {
      seen.push(item);
      if (item === 3) break;
    }
    assert.deepEqual(seen, [1, 2, 3]);
    assert.deepEqual(requested, [undefined, undefined, 'c2'], 'stopping early fetches no further page');
  });
});
