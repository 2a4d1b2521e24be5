import type { RightsRequestExportView } from '@porttask/sdk/schemas';
import type { Queryable } from '../../db/connection.ts';
import type { DataScope } from '../../tenants/data-scope.ts';
import type { ExportLinks } from './export-links.ts';
import { countDownloads, findExport } from './export.queries.ts';

/** The signed link to a request's bundle while it is ready and in time; nothing otherwise. */
export async function exportDownloadOf(sql: Queryable, links: ExportLinks, scope: DataScope, requestId: string, apiOrigin: string, now = new Date()): Promise<{ downloadUrl: string; downloadExpiresAt: string } | undefined> {
  const found = await findExport(sql, scope, requestId);
  if (!found || found.status !== 'ready' || !found.expires_at || found.expires_at <= now) return undefined;
  return {
    downloadUrl: `${apiOrigin}${links.path({ scope, requestId, exportId: found.id, expiresAt: found.expires_at })}`,
    downloadExpiresAt: found.expires_at.toISOString(),
  };
}

/** How a request's export stands, for staff: null when none was asked for. */
export async function staffExportView(sql: Queryable, links: ExportLinks, scope: DataScope, requestId: string, apiOrigin: string): Promise<RightsRequestExportView | null> {
  const found = await findExport(sql, scope, requestId);
  if (!found) return null;
  const download = await exportDownloadOf(sql, links, scope, requestId, apiOrigin);
  return {
    status: found.status,
    requestedAt: found.requested_at.toISOString(),
    readyAt: found.ready_at?.toISOString() ?? null,
    expiresAt: found.expires_at?.toISOString() ?? null,
    byteSize: found.byte_size,
    downloadUrl: download?.downloadUrl ?? null,
    downloads: await countDownloads(sql, scope, requestId, found.id),
  };
}
