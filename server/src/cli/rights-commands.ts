import { userInfo } from 'node:os';
import * as z from 'zod';
import { CompleteRightsRequest, DenyRightsRequest, ExtendRightsRequest, RightsRequestId, RightsRequestListQuery, RightsRequestNote, type RightsRequest, type RightsRequestWithEvents } from '@porttask/sdk/schemas';
import { createJobQueue } from '../jobs/job-queue.ts';
import { rightsStaffActions, type StaffActor } from '../rights/requests/staff-actions.ts';
import { createFieldEncryption } from '../secrets/field-encryption.ts';
import { loadMasterKeyring } from '../secrets/master-key.ts';
import type { DataScope } from '../tenants/data-scope.ts';
import { check, openForCommand, parseOptions, type Command } from './arguments.ts';
import { printResult, UsageError } from './output.ts';
import { rightsSettingsCommand, scopeOf } from './rights-settings-commands.ts';

const USAGE = `usage: porttask rights list --tenant ID [--env test|live] [--status S] [--type T] [--due-before YYYY-MM-DD] [--overdue] [--flag F] [--limit N]
       porttask rights show REQUEST_ID --tenant ID [--env test|live]
       porttask rights approve REQUEST_ID --tenant ID [--env test|live]
       porttask rights deny REQUEST_ID --reason TEXT --tenant ID [--env test|live]
       porttask rights extend REQUEST_ID --reason TEXT --tenant ID [--env test|live]
       porttask rights note REQUEST_ID --text TEXT --tenant ID [--env test|live]
       porttask rights complete REQUEST_ID [--description TEXT] --tenant ID [--env test|live]
       porttask rights settings show|set --tenant ID [--env test|live] …
Each works on one environment of the tenant, live unless --env test; the same rules, events and
mails as the secret-key API (each step is recorded as taken by cli:<your user name>).`;

const OPTIONS = {
  tenant: { type: 'string' }, env: { type: 'string' }, environment: { type: 'string' }, status: { type: 'string' }, type: { type: 'string' },
  'due-before': { type: 'string' }, overdue: { type: 'boolean', default: false }, flag: { type: 'string' }, limit: { type: 'string' },
  reason: { type: 'string' }, text: { type: 'string' }, description: { type: 'string' },
} as const;

/**
 * `porttask rights …`: staff's work on privacy-rights requests from a terminal, through the
 * same functions as the secret-key API (rights/requests/staff-actions.ts). Mails it causes are
 * queued for the API processes to send; each step is one transaction.
 */
export const rightsCommand: Command = async ([action, ...args], context) => {
  if (action === 'settings') return rightsSettingsCommand(args, context);
  if (!['list', 'show', 'approve', 'deny', 'extend', 'note', 'complete'].includes(action ?? '')) throw new UsageError(USAGE);
  const { values, positionals } = parseOptions(args, OPTIONS, USAGE, 1);
  const scope = scopeOf(values);
  const id = action === 'list' ? '' : check(RightsRequestId, positionals[0], 'REQUEST_ID (first argument)');
  const db = await openForCommand(context);
  const encryption = createFieldEncryption(loadMasterKeyring(context.env));
  const jobs = createJobQueue(db.owner, context.logger);
  const actions = rightsStaffActions({ encryption, jobs });
  const actorId = `cli:${userInfo().username}`.slice(0, 64);
  const inEnvironment = `(${scope.environment} environment)`;
  try {
    if (action === 'list') {
      const query = check(RightsRequestListQuery, { status: values['status'], type: values['type'], due_before: values['due-before'], flag: values['flag'] }, 'status/--type/--due-before/--flag');
      const limit = check(z.coerce.number().int().min(1).max(10_000), values['limit'] ?? 100, 'limit');
      const page = await actions.list({ sql: db.owner, scope }, { status: query.status, type: query.type, dueBefore: query.due_before, overdue: values['overdue'] === true, flag: query.flag, limit });
      printResult(values.json, page.data, () => page.data.length === 0 ? `No requests ${inEnvironment}.` : [`Requests ${inEnvironment}, newest first:`, ...page.data.map(summaryLine)].join('\n') + (page.more ? `\n… more: raise --limit (${limit}).` : ''));
      return;
    }
    if (action === 'show') {
      const request = await actions.get({ sql: db.owner, scope }, id);
      printResult(values.json, request, () => describe(request));
      return;
    }
    const request = await db.owner.begin((transaction) => act(actions, { sql: transaction, scope, actorId }, action!, id, values));
    printResult(values.json, request, () => `${DONE[action!]} ${id} ${inEnvironment}.\n${describe(request)}`);
  } finally {
    await db.close();
  }
};

const DONE: Record<string, string> = { approve: 'Approved', deny: 'Denied', extend: 'Extended', note: 'Noted', complete: 'Completed' };

function act(actions: ReturnType<typeof rightsStaffActions>, actor: StaffActor, action: string, id: string, values: Record<string, unknown>): Promise<RightsRequestWithEvents> {
  switch (action) {
    case 'approve':
      return actions.approve(actor, id);
    case 'deny':
      return actions.deny(actor, id, check(DenyRightsRequest, { reason: values['reason'] }, 'reason').reason);
    case 'extend':
      return actions.extend(actor, id, check(ExtendRightsRequest, { reason: values['reason'] }, 'reason').reason);
    case 'note':
      return actions.addNote(actor, id, check(RightsRequestNote, { note: values['text'] }, 'text').note);
    default: {
      const { description } = check(CompleteRightsRequest, { description: values['description'] }, 'description');
      return actions.complete(actor, id, description ? { description } : {});
    }
  }
}

function summaryLine(request: RightsRequest): string {
  return `${request.id}  ${request.status.padEnd(19)} ${request.type.padEnd(31)} due ${request.dueOn}${request.flag ? ` [${request.flag}]` : ''}  ${request.email ?? '(erased)'}`;
}

function describe(request: RightsRequestWithEvents): string {
  return [
    `${request.id}  ${request.type}, ${request.status}${request.flag ? ` [${request.flag}]` : ''}`,
    `  from ${request.email ?? '(erased)'}${request.name ? ` (${request.name})` : ''}, ${request.locale}`,
    ...(request.details ? [`  details: ${request.details}`] : []),
    `  received ${request.receivedOn}, due ${request.dueOn} (${request.clockSource})${request.extendedOn ? `, extended on ${request.extendedOn} from ${request.originalDueOn}` : ''}`,
    '  history:',
    ...request.events.map((event) => `    ${event.at}  ${event.event.padEnd(18)} ${event.actor}${event.actorId ? ` ${event.actorId}` : ''}${event.reason ? `: ${event.reason}` : ''}`),
  ].join('\n');
}

