import type { Sql } from '../../db/connection.ts';
import type { JobQueue } from '../../jobs/job-queue.ts';
import type { Logger } from '../../logger.ts';
import type { FieldEncryption } from '../../secrets/field-encryption.ts';
import type { AnnounceRightsEvent } from '../announcements.ts';
import { announceDeadlines } from './deadline-announcements.ts';
import { expireUnverifiedRequests } from './expire-unverified.ts';

/** When the jobs run (UTC cron): expiry every 15 minutes; deadlines twice an hour, so a flag is set within half an hour of a tenant's midnight. */
export const RIGHTS_JOB_SCHEDULES = { expiry: '*/15 * * * *', deadlines: '5,35 * * * *' } as const;

/**
 * Works the rights jobs in this process and (re)stores their schedules: every API process
 * does both; pg-boss makes one job per tick however many there are, and the queues are
 * singletons, so two runs never overlap.
 */
export async function startRightsJobs(deps: { sql: Sql; jobs: JobQueue; encryption: FieldEncryption; logger: Logger; announce?: AnnounceRightsEvent; pollingIntervalSeconds?: number }): Promise<void> {
  const polling = { pollingIntervalSeconds: deps.pollingIntervalSeconds ?? 10 };
  await deps.jobs.work('rights-expiry', async () => {
    const result = await expireUnverifiedRequests(deps.sql, deps.encryption);
    if (result.expired + result.shredded > 0) deps.logger.info(result, 'unverified rights requests expired');
  }, polling);
  await deps.jobs.work('rights-deadlines', async () => {
    const result = await announceDeadlines(deps.sql, deps);
    if (result.announced > 0) deps.logger.info(result, 'rights request deadlines announced');
  }, polling);
  await deps.jobs.schedule('rights-expiry', RIGHTS_JOB_SCHEDULES.expiry);
  await deps.jobs.schedule('rights-deadlines', RIGHTS_JOB_SCHEDULES.deadlines);
}
