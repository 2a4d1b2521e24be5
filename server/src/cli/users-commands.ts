import { parseArgs } from 'node:util';
import { Role } from '@porttask/sdk/schemas';
import type { Env } from '../env.ts';
import type { Logger } from '../logger.ts';
import { disableUser, listUsers, setUserRole } from '../accounts/users.queries.ts';
import { openDatabase } from '../runtime/open-database.ts';
import type { DataScope } from '../tenants/data-scope.ts';
import { printResult, UsageError } from './output.ts';

const USAGE = `usage: porttask users list --tenant ID [--environment test|live] [--role ROLE] [--json]
       porttask users role --tenant ID --user USER_ID --role owner|admin|privacy_officer|operator|member [--environment test|live]
       porttask users disable --tenant ID --user USER_ID [--environment test|live]`;

/** `porttask users …`: a tenant's accounts and their roles, as the database owner. */
export async function usersCommand([action, ...args]: string[], context: { env: Env; logger: Logger }): Promise<void> {
  if (!['list', 'role', 'disable'].includes(action ?? '')) throw new UsageError(USAGE);
  let values: { tenant?: string; environment?: string; user?: string; role?: string; json?: boolean };
  try {
    ({ values } = parseArgs({
      args, strict: true, allowPositionals: false,
      options: { tenant: { type: 'string' }, environment: { type: 'string', default: 'live' }, user: { type: 'string' }, role: { type: 'string' }, json: { type: 'boolean', default: false } },
    }));
  } catch (error) {
    throw new UsageError(`${(error as Error).message}\n${USAGE}`);
  }
  if (!values.tenant) throw new UsageError(`--tenant is required.\n${USAGE}`);
  const environment = values.environment === 'test' ? 'test' : values.environment === 'live' ? 'live' : undefined;
  if (!environment) throw new UsageError('--environment must be test or live.');
  if (values.role !== undefined && !Role.safeParse(values.role).success) throw new UsageError(`--role must be one of ${Role.options.join(', ')}.`);
  if (action !== 'list' && !values.user) throw new UsageError(`--user is required.\n${USAGE}`);
  if (action === 'role' && !values.role) throw new UsageError(`--role is required.\n${USAGE}`);
  const scope: DataScope = { tenantId: values.tenant, environment };
  const db = await openDatabase(context.env, context.logger);
  try {
    if (action === 'list') {
      const users = await listUsers(db.owner, scope, { role: values.role, limit: 10_000 });
      printResult(values.json ?? false, users, () => users.length === 0 ? 'No accounts.' : users.map((user) => `${user.id}  ${user.role.padEnd(15)} ${user.disabled ? 'disabled ' : ''}${user.email}`).join('\n'));
      return;
    }
    const user = action === 'role' ? await setUserRole(db.owner, scope, values.user!, values.role!) : await db.owner.begin((tx) => disableUser(tx, scope, values.user!));
    if (!user) throw new UsageError(`No account ${values.user} in ${values.tenant}/${values.environment}.`);
    printResult(values.json ?? false, user, () => `${user.email}: ${action === 'role' ? `role ${user.role}` : 'disabled, sessions and refresh tokens ended'}.`);
  } finally {
    await db.close();
  }
}
