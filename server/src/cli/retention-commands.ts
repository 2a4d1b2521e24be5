import { parseArgs } from 'node:util';
import { Environment } from '@porttask/sdk/schemas';
import type { Env } from '../env.ts';
import type { Logger } from '../logger.ts';
import { openDatabase } from '../runtime/open-database.ts';
import { pruneScheduleEvents } from '../schedules/outbox.queries.ts';
import { printResult, UsageError } from './output.ts';

/**
 * `porttask retention run`: deletes what is kept only for a while. Today that is the
 * live-update outbox (events older than SCHEDULE_EVENTS_RETENTION_DAYS, or --outbox-days);
 * streams that would resume from before the cut are told to reload. Run it daily (cron, a
 * scheduled job); it is safe to run at any time and from several machines. It covers both
 * environments of every tenant unless `--environment test|live` names one.
 */
export async function retentionCommand([action, ...args]: string[], context: { env: Env; logger: Logger }): Promise<void> {
  if (action !== 'run') throw new UsageError('usage: porttask retention run [--outbox-days N] [--environment test|live] [--json]');
  let values: { json?: boolean; 'outbox-days'?: string; environment?: string };
  try {
    ({ values } = parseArgs({
      args,
      options: { json: { type: 'boolean', default: false }, 'outbox-days': { type: 'string' }, environment: { type: 'string' } },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const parsedEnvironment = Environment.optional().safeParse(values.environment);
  if (!parsedEnvironment.success) throw new UsageError('--environment must be test or live (leave it out for both).');
  const environment = parsedEnvironment.data;
  const days = values['outbox-days'] === undefined ? context.env.SCHEDULE_EVENTS_RETENTION_DAYS : Number(values['outbox-days']);
  if (!Number.isInteger(days) || days < 1) throw new UsageError('--outbox-days must be a whole number of days, 1 or more.');
  const db = await openDatabase(context.env, context.logger);
  try {
    const outbox = await pruneScheduleEvents(db.owner, days, environment);
    const result = { environments: environment ? [environment] : ['test', 'live'], outbox: { olderThanDays: days, ...outbox } };
    printResult(values.json ?? false, result, () =>
      `Live-update outbox (${environment ? `${environment} environment` : 'test and live environments'}): deleted ${outbox.deleted} event(s) older than ${days} day(s) from ${outbox.tenants} tenant(s).`);
  } finally {
    await db.close();
  }
}
