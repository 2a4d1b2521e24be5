/** What a key pressed in the table does: move the active row, open its details, or nothing. */
export type RowKeyAction = { move: number } | { open: true } | undefined;

/**
 * The table's keyboard model (the APG grid pattern, rows only): arrows move one row, Page
 * Up/Down one screen, Home/End to the ends, Enter or Space opens the active row.
 */
export function rowKeyAction(key: string, activeIndex: number, rowCount: number, rowsPerPage: number): RowKeyAction {
  if (rowCount === 0) return undefined;
  const page = Math.max(1, rowsPerPage - 1);
  const targets: Record<string, number> = {
    ArrowDown: activeIndex + 1, ArrowUp: activeIndex - 1, PageDown: activeIndex + page,
    PageUp: activeIndex - page, Home: 0, End: rowCount - 1,
  };
  if (key in targets) return { move: Math.min(rowCount - 1, Math.max(0, targets[key]!)) };
  if (key === 'Enter' || key === ' ') return { open: true };
  return undefined;
}
