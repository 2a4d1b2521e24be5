import type { Queryable } from '../../db/connection.ts';
import type { SubjectCipher } from '../../secrets/subject-keys.ts';
import type { DataScope } from '../../tenants/data-scope.ts';
import { partnerDataPlace } from './export.queries.ts';

export type PartnerTables = Record<string, Array<Record<string, string | number | boolean | null>>>;

export interface StoredPartnerData {
  tableCount: number;
  rowCount: number;
  byteSize: number;
  updatedAt: Date;
}

/** Stores (or replaces) what the partner holds for a request's subject, encrypted under the subject's key. */
export async function putPartnerData(sql: Queryable, scope: DataScope, requestId: string, cipher: SubjectCipher, tables: PartnerTables): Promise<StoredPartnerData> {
  const json = JSON.stringify(tables);
  const tableCount = Object.keys(tables).length;
  const rowCount = Object.values(tables).reduce((sum, rows) => sum + rows.length, 0);
  const byteSize = Buffer.byteLength(json);
  const sealed = cipher.encrypt(json, partnerDataPlace(requestId));
  const [row] = await sql<{ updated_at: Date }[]>`
    INSERT INTO rights_request_partner_data (tenant_id, environment, request_id, subject_key_id, tables, table_count, row_count, byte_size)
    VALUES (${scope.tenantId}, ${scope.environment}, ${requestId}, ${cipher.id}, ${sealed}, ${tableCount}, ${rowCount}, ${byteSize})
    ON CONFLICT (tenant_id, environment, request_id) DO UPDATE
      SET tables = EXCLUDED.tables, table_count = EXCLUDED.table_count, row_count = EXCLUDED.row_count, byte_size = EXCLUDED.byte_size,
          updated_at = clock_timestamp()
    RETURNING updated_at`;
  return { tableCount, rowCount, byteSize, updatedAt: row!.updated_at };
}

/** What the partner added for the request, decrypted; empty when nothing was added. */
export async function readPartnerData(sql: Queryable, scope: DataScope, requestId: string, cipher: SubjectCipher): Promise<PartnerTables> {
  const [row] = await sql<{ tables: Buffer }[]>`
    SELECT tables FROM rights_request_partner_data
    WHERE tenant_id = ${scope.tenantId} AND environment = ${scope.environment} AND request_id = ${requestId}`;
  return row ? (JSON.parse(cipher.decrypt(row.tables, partnerDataPlace(requestId))) as PartnerTables) : {};
}
