import type { Queryable, Sql } from '../../db/connection.ts';
import type { JobQueue } from '../../jobs/job-queue.ts';
import { JOB_QUEUES } from '../../jobs/job-queues.ts';
import type { Logger } from '../../logger.ts';
import type { FieldEncryption } from '../../secrets/field-encryption.ts';
import type { DataScope } from '../../tenants/data-scope.ts';
import { findTenant } from '../../tenants/tenants.queries.ts';
import { gatherBundle } from './bundle-contents.ts';
import { buildBundleZip } from './bundle-zip.ts';
import { EXPORT_VALID_DAYS } from './export-links.ts';
import { bundlePlace, recordExportFailure, requestExport, storeBundle } from './export.queries.ts';

/** What the `rights_export` queue's jobs carry: pointers only. */
export interface ExportJob {
  tenantId: string;
  environment: DataScope['environment'];
  requestId: string;
  exportId: string;
}

/**
 * Asks for a request's bundle in the caller's transaction (the completion that needs it): the
 * job exists exactly when the completion commits.
 */
export async function queueExport(sql: Queryable, jobs: JobQueue, scope: DataScope, request: { id: string; subjectKeyId: string }): Promise<string> {
  const exportId = await requestExport(sql, scope, request.id, request.subjectKeyId);
  const job: ExportJob = { tenantId: scope.tenantId, environment: scope.environment, requestId: request.id, exportId };
  await jobs.enqueue(sql, 'rights_export', job);
  return exportId;
}

interface WorkerDeps {
  sql: Sql;
  encryption: FieldEncryption;
  logger: Logger;
  /** Tries before an export is marked failed (the queue's retry limit, and the first try). */
  maxAttempts?: number;
}

/** Builds one bundle: gathers, zips, encrypts under the requester's key, stores. */
export function exportBuilder(deps: WorkerDeps) {
  const maxAttempts = deps.maxAttempts ?? JOB_QUEUES.rights_export.retryLimit + 1;
  return async function buildExport(job: ExportJob): Promise<void> {
    const scope: DataScope = { tenantId: job.tenantId, environment: job.environment };
    try {
      const contents = await gatherBundle(deps.sql, deps.encryption, scope, job.requestId);
      const [current] = await deps.sql<{ id: string; subject_key_id: string; attempts: number; status: string }[]>`
        SELECT id, subject_key_id, attempts, status FROM rights_request_exports
        WHERE tenant_id = ${scope.tenantId} AND environment = ${scope.environment} AND request_id = ${job.requestId}`;
      // Replaced by a newer export, or already built by an earlier try: nothing to do.
      if (!current || current.id !== job.exportId || current.status === 'ready') return;
      if (!contents) {
        // The requester was erased (or the request is gone): there is nothing to give any more.
        await recordExportFailure(deps.sql, scope, job.exportId, 'requester erased before the bundle was built', true);
        return;
      }
      const cipher = (await deps.encryption.openSubjects(deps.sql, scope, [current.subject_key_id])).get(current.subject_key_id);
      if (!cipher) {
        await recordExportFailure(deps.sql, scope, job.exportId, 'requester erased before the bundle was built', true);
        return;
      }
      const tenant = await findTenant(deps.sql, scope.tenantId);
      const built = buildBundleZip(contents, { organisation: tenant?.name ?? '', builtAt: new Date() });
      await storeBundle(deps.sql, scope, job.exportId, cipher.encryptBytes(built.zip, bundlePlace(job.exportId)), built.fileCount, built.zip.length, EXPORT_VALID_DAYS);
    } catch (error) {
      const message = (error as Error).message;
      const [row] = await deps.sql<{ attempts: number }[]>`
        SELECT attempts FROM rights_request_exports WHERE tenant_id = ${scope.tenantId} AND environment = ${scope.environment} AND id = ${job.exportId}`;
      await recordExportFailure(deps.sql, scope, job.exportId, message, (row?.attempts ?? 0) + 1 >= maxAttempts);
      deps.logger.warn({ exportId: job.exportId, tenantId: scope.tenantId, error: message.slice(0, 500) }, 'export bundle not built; the queue retries it');
      throw error;
    }
  };
}

/** Builds queued bundles in this process (every API process does; the queue shares the work). */
export async function startExportWorker(deps: WorkerDeps & { jobs: JobQueue; pollingIntervalSeconds?: number }): Promise<void> {
  await deps.jobs.work<ExportJob>('rights_export', exportBuilder(deps), { pollingIntervalSeconds: deps.pollingIntervalSeconds });
}
