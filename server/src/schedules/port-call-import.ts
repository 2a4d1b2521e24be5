import type { ImportMode, ImportResult, ImportRowResult, LineupDateOrder, ValidationIssue } from '@porttask/sdk/schemas';
import { PortCallImportRow } from '@porttask/sdk/schemas';
import type postgres from 'postgres';
import type { Queryable } from '../db/connection.ts';
import { ApiError } from '../http/api-error.ts';
import type { DataScope } from '../tenants/data-scope.ts';
import { isRefusedValue } from '../db/refused-value.ts';
import { nulCharacterIssue } from '../http/nul-character.ts';
import { parseCsv } from './csv.ts';
import { columnOf, lineupToImportRow } from './lineup-rows.ts';
import { PortCallRejected, writePortCalls, type PortCallWrite, type WriteOutcome } from './port-call-writer.ts';
import { ensurePort } from './ports.queries.ts';

export const MAX_IMPORT_ROWS = 5000;

/** One row as parsed, before it is checked against the contract. */
interface ParsedRow {
  row: number;
  line: number;
  candidate?: unknown;
  issues?: ValidationIssue[];
}

export type ImportFormat = 'ndjson' | 'csv' | 'json';

export function importFormatOf(contentType: string | undefined): ImportFormat | undefined {
  const type = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
  if (type === 'application/x-ndjson' || type === 'application/ndjson' || type === 'application/jsonl') return 'ndjson';
  if (type === 'text/csv') return 'csv';
  if (/^application\/(?:[\w.+-]+\+)?json$/.test(type)) return 'json';
  return undefined;
}

function parseNdjson(text: string): ParsedRow[] {
  const rows: ParsedRow[] = [];
  text.split(/\r?\n/).forEach((content, index) => {
    if (content.trim() === '') return;
    const row = rows.length + 1;
    try {
      rows.push({ row, line: index + 1, candidate: JSON.parse(content) });
    } catch {
      rows.push({ row, line: index + 1, issues: [{ path: [], message: 'this line is not valid JSON', code: 'invalid_json' }] });
    }
  });
  return rows;
}

async function parseLineup(sql: Queryable, scope: DataScope, text: string, defaultPort: string | undefined, dates: LineupDateOrder): Promise<ParsedRow[]> {
  const [header, ...records] = parseCsv(text);
  if (!header) throw new ApiError(422, 'VALIDATION_FAILED', 'The CSV is empty: send a header row and at least one row.');
  const columns = header.fields.map((name) => columnOf(name));
  const missing = ['vessel', 'imo', 'eta'].filter((name) => !columns.includes(name));
  if (missing.length > 0) {
    throw new ApiError(422, 'VALIDATION_FAILED', `The CSV header lacks the column(s) ${missing.join(', ')} (line 1).`, missing.map((name) => ({ path: ['header', name], message: 'column is missing', code: 'missing_column' })));
  }
  const rows: ParsedRow[] = [];
  for (const [index, record] of records.entries()) {
    const cells: Record<string, string> = {};
    columns.forEach((column, position) => {
      if (column) cells[column] = record.fields[position] ?? '';
    });
    const position = { row: index + 1, line: record.line };
    const portCode = cells['port']?.trim().toUpperCase() || defaultPort;
    if (!portCode) {
      rows.push({ ...position, issues: [{ path: ['port'], message: 'no port: add a port column or ?port= to the request', code: 'missing' }] });
      continue;
    }
    const port = /^[A-Z]{2}[A-Z2-9]{3}$/.test(portCode) ? await ensurePort(sql, scope, portCode) : undefined;
    if (!port) {
      rows.push({ ...position, issues: [{ path: ['port'], message: `unknown port ${portCode}`, code: 'unknown_port' }] });
      continue;
    }
    const mapped = lineupToImportRow(cells, port, dates);
    rows.push('row' in mapped ? { ...position, candidate: mapped.row } : { ...position, issues: mapped.issues });
  }
  return rows;
}

/** Integrity errors of the database inside a row are that row's problem, not a server fault. */
/**
 * Parses, checks and writes every row. In `all-or-nothing` mode any bad row fails the whole
 * request with every bad row named (the caller's transaction is rolled back); in `per-row`
 * mode a bad row writes nothing and the good rows are written.
 *
 * The rows are written as one batch (see `writePortCalls`), which refuses a bad row before
 * anything of it is written. Should the database still refuse something the checks let
 * through, the batch is rolled back to its savepoint and the rows are written one by one,
 * each in its own savepoint, to name the row (and, per row, keep the others).
 */
export async function importPortCalls(
  sql: postgres.TransactionSql,
  scope: DataScope,
  request: { format: ImportFormat; text?: string; jsonRows?: unknown[]; mode: ImportMode; defaultPort?: string | undefined; dates?: LineupDateOrder },
): Promise<ImportResult> {
  let parsed: ParsedRow[];
  if (request.format === 'json') parsed = (request.jsonRows ?? []).map((candidate, index) => ({ row: index + 1, line: index + 1, candidate }));
  else if (request.format === 'ndjson') parsed = parseNdjson(request.text ?? '');
  else parsed = await parseLineup(sql, scope, request.text ?? '', request.defaultPort, request.dates ?? 'dmy');
  if (parsed.length === 0) throw new ApiError(422, 'VALIDATION_FAILED', 'The import has no rows.');
  if (parsed.length > MAX_IMPORT_ROWS) throw new ApiError(413, 'PAYLOAD_TOO_LARGE', `An import may have up to ${MAX_IMPORT_ROWS} rows; this one has ${parsed.length}. Split it.`);

  const results: ImportRowResult[] = [];
  const writable: { result: ImportRowResult; write: PortCallWrite }[] = [];
  for (const entry of parsed) {
    const position = { row: entry.row, line: entry.line };
    const reference = typeof (entry.candidate as { transportCallReference?: unknown })?.transportCallReference === 'string'
      ? (entry.candidate as { transportCallReference: string }).transportCallReference
      : null;
    if (entry.issues) {
      results.push({ ...position, transportCallReference: reference, outcome: 'failed', issues: entry.issues });
      continue;
    }
    const checked = PortCallImportRow.safeParse(entry.candidate);
    const issues = checked.success
      ? [nulCharacterIssue(checked.data)].filter((issue) => issue !== undefined)
      : checked.error.issues.map((issue) => ({ path: issue.path.map((part) => (typeof part === 'number' ? part : String(part))), message: issue.message, code: issue.code }));
    if (!checked.success || issues.length > 0) {
      results.push({ ...position, transportCallReference: reference, outcome: 'failed', issues });
      continue;
    }
    const { transportCallReference, ...input } = checked.data;
    const result: ImportRowResult = { ...position, transportCallReference, outcome: 'failed' };
    results.push(result);
    writable.push({ result, write: { reference: transportCallReference, input } });
  }

  if (writable.length > 0) {
    let outcomes: (WriteOutcome | PortCallRejected | postgres.PostgresError)[];
    try {
      outcomes = await sql.savepoint((batch) => writePortCalls(batch, scope, writable.map(({ write }) => write)));
    } catch (error) {
      if (!isRefusedValue(error)) throw error;
      outcomes = [];
      for (const { write } of writable) {
        try {
          outcomes.push((await sql.savepoint((row) => writePortCalls(row, scope, [write])))[0]!);
        } catch (rowError) {
          if (!isRefusedValue(rowError)) throw rowError;
          outcomes.push(rowError);
          if (request.mode !== 'per-row') break; // the import fails anyway; this row is the one to name
        }
      }
    }
    outcomes.forEach((outcome, index) => {
      const { result } = writable[index]!;
      if (outcome instanceof PortCallRejected) result.issues = outcome.issues;
      else if (isRefusedValue(outcome)) result.issues = [{ path: [], message: `refused by the database: ${outcome.message}`, code: 'integrity' }];
      else Object.assign(result, { outcome: outcome.outcome, id: outcome.id });
    });
  }

  // Rows never reached (after the row the database refused, all-or-nothing) are not reported.
  const reported = results.filter((result) => result.outcome !== 'failed' || result.issues);
  const failed = reported.filter((result) => result.outcome === 'failed');
  if (request.mode === 'all-or-nothing' && failed.length > 0) {
    const first = failed[0]!;
    const firstIssue = first.issues?.[0];
    throw new ApiError(
      422,
      'VALIDATION_FAILED',
      `${failed.length} of ${reported.length} rows are invalid, so nothing was imported. First: row ${first.row} (line ${first.line})` +
        (firstIssue ? `, ${[...firstIssue.path].join('.') || 'row'}: ${firstIssue.message}` : '') + '.',
      failed.flatMap((result) => (result.issues ?? []).map((issue) => ({ ...issue, path: ['rows', result.row, ...issue.path] }))),
    );
  }
  return {
    mode: request.mode,
    rows: reported.length,
    applied: reported.filter((result) => result.outcome !== 'failed').length,
    failed: failed.length,
    results: reported,
  };
}
