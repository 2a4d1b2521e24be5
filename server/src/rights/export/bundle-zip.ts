import { stringify } from 'csv-stringify/sync';
import { strToU8, zipSync, type Zippable } from 'fflate';
import type { BundleContents, BundleTable, Cell } from './bundle-contents.ts';
import { readmeText } from './readme-texts.ts';

/** How a value is written in a CSV cell: text as is, nested values as JSON, null as an empty cell. */
export function csvCell(value: Cell | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

function tableCsv(table: BundleTable): string {
  // A byte-order mark, so spreadsheet programs read the UTF-8 (ø, ü, हिंदी) as such.
  return `\uFEFF${stringify([table.columns, ...table.rows.map((row) => table.columns.map((column) => csvCell(row[column])))], { record_delimiter: 'windows' })}`;
}

export interface BuiltBundle {
  zip: Buffer;
  fileCount: number;
}

/**
 * The ZIP the requester downloads: README.txt in their language, and every table as
 * `<folder>/<name>.json` (an array of objects) and `.csv` (the same rows).
 */
export function buildBundleZip(contents: BundleContents, meta: { organisation: string; builtAt: Date }): BuiltBundle {
  const files: Zippable = {};
  const listed: Array<{ path: string; rows: number }> = [];
  for (const table of contents.tables) {
    const base = `${table.folder}/${table.name}`;
    files[`${base}.json`] = strToU8(`${JSON.stringify(table.rows, null, 2)}\n`);
    files[`${base}.csv`] = strToU8(tableCsv(table));
    listed.push({ path: `${base}.json`, rows: table.rows.length }, { path: `${base}.csv`, rows: table.rows.length });
  }
  const readme = readmeText(contents.locale, { organisation: meta.organisation, reference: contents.requestId, builtAt: meta.builtAt.toISOString().slice(0, 10), files: listed });
  const zip = zipSync({ 'README.txt': strToU8(readme), ...files }, { level: 6, mtime: meta.builtAt });
  return { zip: Buffer.from(zip), fileCount: listed.length + 1 };
}
