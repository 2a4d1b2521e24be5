import * as z from 'zod';

/** `?cursor=&limit=` on every list route. The cursor is opaque: pass back what you were given. */
export const PageQuery = z.object({
  cursor: z.string().max(1024).optional().meta({ description: 'Opaque cursor from a previous page\'s `nextCursor`.' }),
  limit: z.coerce.number().int().min(1).max(500).default(50).meta({ description: 'Page size, 1–500.' }),
});
export type PageQuery = z.infer<typeof PageQuery>;

/** Wraps an item schema into the `{ data, nextCursor }` page shape. */
export function pageOf<Item extends z.ZodType>(item: Item) {
  return z.object({
    data: z.array(item),
    nextCursor: z.string().nullable().meta({ description: 'Cursor for the next page; null on the last page.' }),
  });
}
export interface Page<Item> {
  data: Item[];
  nextCursor: string | null;
}
