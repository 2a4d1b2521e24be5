import { ApiError } from './api-error.ts';

/**
 * Opaque page cursors over a table's `sequence` column (an identity bigint): the sequence of
 * the page's last row. 18 digits covers every sequence we hand out and stays within bigint.
 */
export function encodeSequenceCursor(sequence: string): string {
  return Buffer.from(`c1:${sequence}`).toString('base64url');
}

export function decodeSequenceCursor(cursor: string | undefined): bigint | undefined {
  if (cursor === undefined) return undefined;
  const match = /^c1:(\d{1,18})$/.exec(Buffer.from(cursor, 'base64url').toString());
  if (!match) throw ApiError.validation([{ path: ['query', 'cursor'], message: 'not a cursor this API gave out', code: 'invalid_cursor' }]);
  return BigInt(match[1]!);
}
