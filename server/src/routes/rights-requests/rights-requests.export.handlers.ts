import type { RouteHandler } from '@hono/zod-openapi';
import type { AppEnv } from '../../app-env.ts';
import { ApiError } from '../../http/api-error.ts';
import { bundlePlace, findBundle, recordDownload } from '../../rights/export/export.queries.ts';
import { putPartnerData, type PartnerTables } from '../../rights/export/partner-data.queries.ts';
import type { RightsServices } from './rights-requests.handlers.ts';
import type { downloadRightsRequestExportRoute, putRightsRequestDataRoute } from './rights-requests.export.routes.ts';
import { limitRequesterCall } from './requester-limits.ts';

/** Statuses in which the partner may still add (or replace) what it holds. */
const OPEN_FOR_DATA = new Set(['identity_unverified', 'pending', 'approved', 'in_progress']);

export function rightsRequestExportHandlers(services: RightsServices) {
  const putData: RouteHandler<typeof putRightsRequestDataRoute, AppEnv> = async (c) => {
    const { id } = c.req.valid('param');
    const { tables } = c.req.valid('json');
    const sql = c.get('sql');
    const scope = c.get('scope');
    // Locked for the rest of the transaction: a completion running now waits, so its bundle sees this data or refuses it.
    const [request] = await sql<{ status: string; subject_key_id: string }[]>`
      SELECT status, subject_key_id FROM rights_requests
      WHERE tenant_id = ${scope.tenantId} AND environment = ${scope.environment} AND id = ${id} FOR UPDATE`;
    if (!request) throw ApiError.notFound('The request');
    if (!OPEN_FOR_DATA.has(request.status)) throw new ApiError(409, 'REQUEST_CLOSED', `This request is ${request.status.replace('_', ' ')}: its data can no longer change.`);
    const cipher = (await services.encryption.openSubjects(sql, scope, [request.subject_key_id])).get(request.subject_key_id);
    if (!cipher) throw new ApiError(409, 'REQUEST_CLOSED', 'The requester\'s data was erased.');
    const stored = await putPartnerData(sql, scope, id, cipher, tables as PartnerTables);
    return c.json({ requestId: id, tableCount: stored.tableCount, rowCount: stored.rowCount, byteSize: stored.byteSize, updatedAt: stored.updatedAt.toISOString() }, 200);
  };

  const download: RouteHandler<typeof downloadRightsRequestExportRoute, AppEnv> = async (c) => {
    const { id } = c.req.valid('param');
    const { expires, signature } = c.req.valid('query');
    const key = c.get('apiKey');
    // Guessing signatures costs a visitor what guessing requester tokens does.
    if (key.kind === 'publishable') await limitRequesterCall(c);
    const sql = c.get('sql');
    const scope = c.get('scope');
    const bundle = await findBundle(sql, scope, id);
    if (!bundle) throw ApiError.notFound('An export of this request');
    const check = services.exportLinks.check({ scope, requestId: id, exportId: bundle.id }, expires, signature);
    if (check === 'forged') throw new ApiError(403, 'INVALID_DOWNLOAD_LINK', 'This download link is not valid (altered, or made for an earlier build of the export).');
    const expiresAt = bundle.expires_at!;
    if (check === 'expired' || expiresAt.getTime() <= Date.now()) {
      throw new ApiError(410, 'DOWNLOAD_EXPIRED', `This download link expired on ${new Date(Math.min(Number(expires) * 1000, expiresAt.getTime())).toISOString()}.`);
    }
    const cipher = (await services.encryption.openSubjects(sql, scope, [bundle.subject_key_id])).get(bundle.subject_key_id);
    if (!cipher) throw new ApiError(410, 'DOWNLOAD_EXPIRED', 'The requester\'s data was erased; the export is gone.');
    const zip = cipher.decryptBytes(bundle.bundle, bundlePlace(bundle.id));
    await recordDownload(sql, scope, { requestId: id, exportId: bundle.id, keyKind: key.kind, apiKeyId: key.id, byteSize: zip.length });
    return c.body(new Uint8Array(zip), 200, {
      'Content-Type': 'application/zip',
      'Content-Disposition': `attachment; filename="${id}-export.zip"`,
      'Content-Length': String(zip.length),
      'Cache-Control': 'no-store',
    });
  };

  return { putData, download };
}
