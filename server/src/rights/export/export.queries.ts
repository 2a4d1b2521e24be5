import type { Queryable } from '../../db/connection.ts';
import { randomId } from '../../ids.ts';
import type { DataScope } from '../../tenants/data-scope.ts';

export const newExportId = () => `rx_${randomId(20)}`;

/** Where the encrypted bundle and partner data are bound (see secrets/subject-keys.ts). */
export const bundlePlace = (exportId: string) => `rights_request_exports.bundle|${exportId}`;
export const partnerDataPlace = (requestId: string) => `rights_request_partner_data.tables|${requestId}`;

export interface ExportRow {
  request_id: string;
  id: string;
  subject_key_id: string;
  status: 'building' | 'ready' | 'failed';
  byte_size: number | null;
  file_count: number | null;
  requested_at: Date;
  ready_at: Date | null;
  expires_at: Date | null;
}

const exportColumns = (sql: Queryable) => sql`request_id, id, subject_key_id, status, byte_size, file_count, requested_at, ready_at, expires_at`;

/** Records that a bundle is to be built (again: a rebuild replaces the old bundle and voids its links). */
export async function requestExport(sql: Queryable, scope: DataScope, requestId: string, subjectKeyId: string): Promise<string> {
  const id = newExportId();
  await sql`
    INSERT INTO rights_request_exports (tenant_id, environment, request_id, id, subject_key_id, status)
    VALUES (${scope.tenantId}, ${scope.environment}, ${requestId}, ${id}, ${subjectKeyId}, 'building')
    ON CONFLICT (tenant_id, environment, request_id) DO UPDATE
      SET id = EXCLUDED.id, status = 'building', bundle = NULL, byte_size = NULL, file_count = NULL, attempts = 0, last_error = NULL,
          requested_at = clock_timestamp(), ready_at = NULL, expires_at = NULL`;
  return id;
}

export async function findExport(sql: Queryable, scope: DataScope, requestId: string): Promise<ExportRow | undefined> {
  const [row] = await sql<ExportRow[]>`
    SELECT ${exportColumns(sql)} FROM rights_request_exports
    WHERE tenant_id = ${scope.tenantId} AND environment = ${scope.environment} AND request_id = ${requestId}`;
  return row;
}

/** The encrypted bundle of a ready export. */
export async function findBundle(sql: Queryable, scope: DataScope, requestId: string): Promise<(ExportRow & { bundle: Buffer }) | undefined> {
  const [row] = await sql<(ExportRow & { bundle: Buffer })[]>`
    SELECT ${exportColumns(sql)}, bundle FROM rights_request_exports
    WHERE tenant_id = ${scope.tenantId} AND environment = ${scope.environment} AND request_id = ${requestId} AND status = 'ready'`;
  return row;
}

/** Stores the built bundle; false when the export was replaced by a newer one meanwhile. */
export async function storeBundle(sql: Queryable, scope: DataScope, exportId: string, bundle: Buffer, fileCount: number, byteSize: number, validDays: number): Promise<boolean> {
  const rows = await sql`
    UPDATE rights_request_exports
    SET status = 'ready', bundle = ${bundle}, file_count = ${fileCount}, byte_size = ${byteSize}, attempts = attempts + 1, last_error = NULL,
        ready_at = clock_timestamp(), expires_at = clock_timestamp() + make_interval(days => ${validDays})
    WHERE tenant_id = ${scope.tenantId} AND environment = ${scope.environment} AND id = ${exportId} AND status <> 'ready'
    RETURNING id`;
  return rows.length === 1;
}

export async function recordExportFailure(sql: Queryable, scope: DataScope, exportId: string, error: string, final: boolean): Promise<void> {
  await sql`
    UPDATE rights_request_exports
    SET attempts = attempts + 1, last_error = ${error.slice(0, 500)}, status = ${final ? 'failed' : 'building'}
    WHERE tenant_id = ${scope.tenantId} AND environment = ${scope.environment} AND id = ${exportId} AND status <> 'ready'`;
}

export async function recordDownload(sql: Queryable, scope: DataScope, download: { requestId: string; exportId: string; keyKind: 'publishable' | 'secret'; apiKeyId: string; byteSize: number }): Promise<void> {
  await sql`
    INSERT INTO rights_request_downloads (tenant_id, environment, request_id, export_id, key_kind, api_key_id, byte_size)
    VALUES (${scope.tenantId}, ${scope.environment}, ${download.requestId}, ${download.exportId}, ${download.keyKind}, ${download.apiKeyId}, ${download.byteSize})`;
}

export async function countDownloads(sql: Queryable, scope: DataScope, requestId: string, exportId: string): Promise<number> {
  const [row] = await sql<{ count: number }[]>`
    SELECT count(*)::int AS count FROM rights_request_downloads
    WHERE tenant_id = ${scope.tenantId} AND environment = ${scope.environment} AND request_id = ${requestId} AND export_id = ${exportId}`;
  return row?.count ?? 0;
}
