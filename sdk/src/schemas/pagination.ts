import * as z from 'zod';

/** `?cursor=&limit=` on every list route. The cursor is opaque: pass back what you were given. */
export const PageQuery = z.object({
  cursor: z.string().max(1024).optional().meta({ description: 'Opaque cursor from a previous page\'s `nextCursor`.' }),
  limit: z.coerce.number().int().min(1).max(500).default(50).meta({ description: 'Page size, 1–500 (default 50).' }),
});
export type PageQuery = z.infer<typeof PageQuery>;

/**
 * Wraps an item schema into the `{ data, nextCursor }` page shape, named `id` in the OpenAPI
 * document (give one: a page without a name is written out at every use); its example is a
 * page of the item's example.
 */
export function pageOf<Item extends z.ZodType>(item: Item, id?: string) {
  const itemExample = (z.globalRegistry.get(item)?.examples as unknown[] | undefined)?.[0];
  return z
    .object({
      data: z.array(item),
      nextCursor: z.string().max(1024).nullable().meta({ description: 'Cursor for the next page; null on the last page.' }),
    })
    .meta({ ...(id ? { id } : {}), ...(itemExample === undefined ? {} : { examples: [{ data: [itemExample], nextCursor: 'eyJzIjoiMjAyNi0xMS0yNVQxNDozMDowMFoiLCJpIjoiNDIifQ' }] }) });
}
export interface Page<Item> {
  data: Item[];
  nextCursor: string | null;
}
