import { parseArgs } from 'node:util';
import { Environment } from '@porttask/sdk/schemas';
import type { Env } from '../env.ts';
import type { Logger } from '../logger.ts';
import { openForCommand } from './arguments.ts';
import { pruneScheduleEvents } from '../schedules/outbox.queries.ts';
import { AuditKeys } from '../login-audit/audit-keys.ts';
import { purgeChains } from '../login-audit/chain-maintenance.ts';
import { loadMasterKey } from '../secrets/master-key.ts';
import { printResult, UsageError } from './output.ts';

/**
 * `porttask retention run`: deletes what is kept only for a while: the live-update outbox
 * (events older than SCHEDULE_EVENTS_RETENTION_DAYS, or --outbox-days; streams that would
 * resume from before the cut are told to reload) and the login audit trail (events older than
 * LOGIN_AUDIT_RETENTION_DAYS, or --login-audit-days, at least 365; each chain first gets a
 * signed purge checkpoint, and a chain that fails verification is kept whole). Run it daily
 * (cron, a scheduled job); it is safe to run at any time and from several machines. It covers
 * both environments of every tenant unless `--environment test|live` names one.
 */
export async function retentionCommand([action, ...args]: string[], context: { env: Env; logger: Logger }): Promise<void> {
  if (action !== 'run') throw new UsageError('usage: porttask retention run [--outbox-days N] [--login-audit-days N] [--environment test|live] [--json]');
  let values: { json?: boolean; 'outbox-days'?: string; 'login-audit-days'?: string; environment?: string };
  try {
    ({ values } = parseArgs({
      args,
      options: { json: { type: 'boolean', default: false }, 'outbox-days': { type: 'string' }, 'login-audit-days': { type: 'string' }, environment: { type: 'string' } },
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
  const auditDays = values['login-audit-days'] === undefined ? context.env.LOGIN_AUDIT_RETENTION_DAYS : Number(values['login-audit-days']);
  if (!Number.isInteger(auditDays) || auditDays < 365) throw new UsageError('--login-audit-days must be a whole number of days, 365 or more.');
    const db = await openForCommand(context);
  try {
    const outbox = await pruneScheduleEvents(db.owner, days, environment);
    const chains = await purgeChains(db.owner, new AuditKeys(loadMasterKey(context.env)), auditDays, environment);
    const refused = chains.filter((chain) => chain.refused);
    const loginAudit = { olderThanDays: auditDays, deleted: chains.reduce((sum, chain) => sum + chain.deleted, 0), chains: chains.length, refused };
    const result = { environments: environment ? [environment] : ['test', 'live'], outbox: { olderThanDays: days, ...outbox }, loginAudit };
    printResult(values.json ?? false, result, () => [
      `Live-update outbox (${environment ? `${environment} environment` : 'test and live environments'}): deleted ${outbox.deleted} event(s) older than ${days} day(s) from ${outbox.tenants} tenant(s).`,
      `Login audit trail: deleted ${loginAudit.deleted} event(s) older than ${auditDays} day(s) from ${chains.length} chain(s).`,
      ...refused.map((chain) => `  NOT purged ${chain.tenantId}/${chain.environment}: it fails verification (${chain.refused!.kind}: ${chain.refused!.message})`),
    ].join('\n'));
    if (refused.length > 0) throw new Error(`${refused.length} login audit chain(s) fail verification and were kept whole; run \`porttask audit verify\`.`);
  } finally {
    await db.close();
  }
}
