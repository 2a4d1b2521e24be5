import type { Page } from '../schemas/index.ts';

/**
 * A list call: `await` it for the first page, or `for await` over it to walk every item
 * across pages (the next page is fetched only when the loop gets there).
 */
export class PageIterator<Item> implements AsyncIterable<Item>, PromiseLike<Page<Item>> {
  constructor(private readonly fetchPage: (cursor: string | undefined) => Promise<Page<Item>>) {}

  then<Result1 = Page<Item>, Result2 = never>(
    onFulfilled?: ((page: Page<Item>) => Result1 | PromiseLike<Result1>) | null,
    onRejected?: ((reason: unknown) => Result2 | PromiseLike<Result2>) | null,
  ): Promise<Result1 | Result2> {
    return this.fetchPage(undefined).then(onFulfilled, onRejected);
  }

  async *[Symbol.asyncIterator](): AsyncIterator<Item> {
    let cursor: string | undefined;
    do {
      const page = await this.fetchPage(cursor);
      yield* page.data;
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
  }
}
