import type { Sql } from '../db/connection.ts';
import { createJobQueue, type JobQueue } from '../jobs/job-queue.ts';
import type { Logger } from '../logger.ts';
import { startMailWorker } from '../mail/mail-service.ts';
import { startExportWorker } from '../rights/export/export-worker.ts';
import { createMailTransport } from '../mail/mail-transport.ts';
import { createFieldEncryption, type FieldEncryption } from '../secrets/field-encryption.ts';
import { masterKeyring } from '../secrets/master-keyring.ts';

export interface RightsMail {
  /** What `createApp` takes to serve the rights-request routes. */
  rights: { encryption: FieldEncryption; jobs: JobQueue };
  stop(): Promise<void>;
}

/**
 * What `porttask serve` runs for rights requests (field encryption, the job queue, a mail
 * worker and the export worker that builds access bundles), sending over SMTP: the widget and
 * end-to-end tests' API mails a real SMTP server and answers access requests with a download.
 */
export async function startRightsMail(sql: Sql, masterKey: Buffer, smtpUrl: string, logger: Logger): Promise<RightsMail> {
  const encryption = createFieldEncryption(masterKeyring(masterKey));
  // Retried quickly: a test waits seconds, not the production backoff, for a mail that failed once.
  const jobs = createJobQueue(sql, logger, { sendDefaults: { mail: { retryDelay: 1, retryBackoff: false } } });
  await jobs.start();
  const transport = createMailTransport({ SMTP_URL: smtpUrl, NODE_ENV: 'test' });
  await startMailWorker({ sql, jobs, encryption, transport, logger, pollingIntervalSeconds: 0.5 });
  await startExportWorker({ sql, jobs, encryption, logger, pollingIntervalSeconds: 0.5 });
  return {
    rights: { encryption, jobs },
    async stop() {
      await jobs.stop();
      transport.close();
    },
  };
}
