import { parseArgs } from 'node:util';
import type { Env } from '../env.ts';
import type { Logger } from '../logger.ts';
import { openForCommand } from './arguments.ts';
import { pruneScheduleEvents } from '../schedules/outbox.queries.ts';
import { printResult, UsageError } from './output.ts';

/**
 * `porttask retention run`: deletes what is kept only for a while. Today that is the
 * live-update outbox (events older than SCHEDULE_EVENTS_RETENTION_DAYS, or --outbox-days);
 * streams that would resume from before the cut are told to reload. Run it daily (cron, a
 * scheduled job); it is safe to run at any time and from several machines.
 */
export async function retentionCommand([action, ...args]: string[], context: { env: Env; logger: Logger }): Promise<void> {
  if (action !== 'run') throw new UsageError('usage: porttask retention run [--outbox-days N] [--json]');
  let values: { json?: boolean; 'outbox-days'?: string };
  try {
    ({ values } = parseArgs({ args, options: { json: { type: 'boolean', default: false }, 'outbox-days': { type: 'string' } }, strict: true, allowPositionals: false }));
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const days = values['outbox-days'] === undefined ? context.env.SCHEDULE_EVENTS_RETENTION_DAYS : Number(values['outbox-days']);
  if (!Number.isInteger(days) || days < 1) throw new UsageError('--outbox-days must be a whole number of days, 1 or more.');
  const db = await openForCommand(context);
  try {
    const outbox = await pruneScheduleEvents(db.owner, days);
    const result = { outbox: { olderThanDays: days, ...outbox } };
    printResult(values.json ?? false, result, () =>
      `Live-update outbox: deleted ${outbox.deleted} event(s) older than ${days} day(s) from ${outbox.tenants} tenant(s).`);
  } finally {
    await db.close();
  }
}
