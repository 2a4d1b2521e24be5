import type { Sql } from '../db/connection.ts';
import type { JobQueue } from '../jobs/job-queue.ts';
import type { Logger } from '../logger.ts';
import type { FieldEncryption } from '../secrets/field-encryption.ts';
import type { MailJob } from './mail-outbox.ts';
import { mailSender } from './mail-sender.ts';
import type { MailTransport } from './mail-transport.ts';

/** Starts sending queued mail from this process (every API process does; the queue shares the work). */
export async function startMailWorker(deps: { sql: Sql; jobs: JobQueue; encryption: FieldEncryption; transport: MailTransport; logger: Logger; pollingIntervalSeconds?: number }): Promise<void> {
  const send = mailSender(deps);
  await deps.jobs.work<MailJob>('mail', send, { pollingIntervalSeconds: deps.pollingIntervalSeconds });
}
