import type { RightsRequestType } from '@porttask/sdk/schemas';
import type { Queryable } from '../../db/connection.ts';
import type { JobQueue } from '../../jobs/job-queue.ts';
import { queueMail } from '../../mail/mail-outbox.ts';
import type { FieldEncryption } from '../../secrets/field-encryption.ts';
import type { DataScope } from '../../tenants/data-scope.ts';
import { requestPlace } from '../requests/rights-requests.queries.ts';
import { statusPageLink } from '../requests/status-page.ts';
import { EXPORT_VALID_DAYS } from './export-links.ts';
import { queueExport } from './export-worker.ts';

/** The request types answered with a copy of the data. */
export const EXPORT_REQUEST_TYPES: ReadonlySet<RightsRequestType> = new Set(['access', 'export']);

/**
 * Completing an access or portability request: the bundle is queued to be built, and the
 * requester is mailed a link to their status page, where the download appears once it is
 * built (seconds later). Both in the caller's transaction.
 */
export async function answerWithExport(sql: Queryable, deps: { jobs: JobQueue; encryption: FieldEncryption }, scope: DataScope, request: { id: string; organisation: string }): Promise<void> {
  const [row] = await sql<{ subject_key_id: string; email: Buffer; locale: 'en' | 'da' | 'de' | 'hi'; status_page_url: string | null; requester_token: Buffer | null }[]>`
    SELECT subject_key_id, email, locale, status_page_url, requester_token FROM rights_requests
    WHERE tenant_id = ${scope.tenantId} AND environment = ${scope.environment} AND id = ${request.id}`;
  if (!row) return;
  const cipher = (await deps.encryption.openSubjects(sql, scope, [row.subject_key_id])).get(row.subject_key_id);
  if (!cipher) return; // erased: nothing to build, nobody to tell
  await queueExport(sql, deps.jobs, scope, { id: request.id, subjectKeyId: row.subject_key_id });
  const token = row.requester_token ? cipher.decrypt(row.requester_token, requestPlace(request.id, 'requester_token')) : null;
  await queueMail(sql, deps.jobs, scope, {
    recipient: cipher,
    to: cipher.decrypt(row.email, requestPlace(request.id, 'email')),
    template: 'request_completed_export',
    locale: row.locale,
    data: {
      organisation: request.organisation,
      reference: request.id,
      statusPageLink: row.status_page_url && token ? statusPageLink(row.status_page_url, request.id, token) : null,
      validDays: EXPORT_VALID_DAYS,
    },
  });
}
