import { userInfo } from 'node:os';
import { parseArgs } from 'node:util';
import { NewInvitation, Role } from '@porttask/sdk/schemas';
import { inviteStaff } from '../accounts/invitations.ts';
import { createJobQueue } from '../jobs/job-queue.ts';
import { AuditKeys } from '../login-audit/audit-keys.ts';
import { tenantKeyEmailSealer } from '../login-audit/email-sealer.ts';
import { subjectEmailSealer } from '../login-audit/subject-email-sealer.ts';
import { LoginAuditTrail } from '../login-audit/login-audit-trail.ts';
import { createFieldEncryption } from '../secrets/field-encryption.ts';
import { loadMasterKey, loadMasterKeyring } from '../secrets/master-key.ts';
import type { Env } from '../env.ts';
import type { Logger } from '../logger.ts';
import { signOutEverywhere } from '../accounts/sign-out-everywhere.ts';
import { disableUser, listUsers, setUserRole } from '../accounts/users.queries.ts';
import { openDatabase } from '../runtime/open-database.ts';
import type { DataScope } from '../tenants/data-scope.ts';
import { printResult, UsageError } from './output.ts';

const USAGE = `usage: porttask users list --tenant ID [--environment test|live] [--role ROLE] [--json]
       porttask users role --tenant ID --user USER_ID --role owner|admin|privacy_officer|operator|member [--environment test|live]
       porttask users disable --tenant ID --user USER_ID [--environment test|live]
       porttask users sign-out --tenant ID --user USER_ID [--environment test|live]
       porttask users invite --tenant ID --email EMAIL --role owner|admin|privacy_officer|operator [--name NAME] [--locale en|da|de|hi] [--environment test|live]`;

/** `porttask users …`: a tenant's accounts and their roles, as the database owner. */
export async function usersCommand([action, ...args]: string[], context: { env: Env; logger: Logger }): Promise<void> {
  if (!['list', 'role', 'disable', 'sign-out', 'invite'].includes(action ?? '')) throw new UsageError(USAGE);
  let values: { tenant?: string; environment?: string; user?: string; role?: string; email?: string; name?: string; locale?: string; json?: boolean };
  try {
    ({ values } = parseArgs({
      args, strict: true, allowPositionals: false,
      options: {
        tenant: { type: 'string' }, environment: { type: 'string', default: 'live' }, user: { type: 'string' }, role: { type: 'string' }, json: { type: 'boolean', default: false },
        email: { type: 'string' }, name: { type: 'string' }, locale: { type: 'string' },
      },
    }));
  } catch (error) {
    throw new UsageError(`${(error as Error).message}\n${USAGE}`);
  }
  if (!values.tenant) throw new UsageError(`--tenant is required.\n${USAGE}`);
  const environment = values.environment === 'test' ? 'test' : values.environment === 'live' ? 'live' : undefined;
  if (!environment) throw new UsageError('--environment must be test or live.');
  if (values.role !== undefined && !Role.safeParse(values.role).success) throw new UsageError(`--role must be one of ${Role.options.join(', ')}.`);
  const scope: DataScope = { tenantId: values.tenant, environment };
  if (action === 'invite') return await invite(scope, values, context);
  if (action === 'sign-out') return await signOut(scope, values, context);
  if (action !== 'list' && !values.user) throw new UsageError(`--user is required.\n${USAGE}`);
  if (action === 'role' && !values.role) throw new UsageError(`--role is required.\n${USAGE}`);
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

/** `porttask users sign-out`: as `POST /v1/users/{userId}/sign-out`, in one transaction, recorded in the trail. */
async function signOut(scope: DataScope, values: { user?: string; json?: boolean }, context: { env: Env; logger: Logger }): Promise<void> {
  if (!values.user) throw new UsageError(`--user is required.\n${USAGE}`);
  const db = await openDatabase(context.env, context.logger);
  try {
    const keys = new AuditKeys(loadMasterKey(context.env));
    const encryption = createFieldEncryption(loadMasterKeyring(context.env));
    const trail = new LoginAuditTrail(db.owner, keys, subjectEmailSealer(db.owner, encryption, tenantKeyEmailSealer(keys)));
    const signedOut = await db.owner.begin((transaction) => signOutEverywhere(transaction, trail, scope, values.user!, { userAgent: 'porttask-cli' }));
    if (!signedOut) throw new UsageError(`No account ${values.user} in ${scope.tenantId}/${scope.environment}.`);
    printResult(values.json ?? false, signedOut, () => `${signedOut.userId}: signed out everywhere (${signedOut.sessionsEnded} sessions, ${signedOut.signInsRevoked} sign-ins of the login ended).`);
  } finally {
    await db.close();
  }
}

/**
 * `porttask users invite`: as `POST /v1/users/invitations` (accounts/invitations.ts), in one
 * transaction; the mail is queued for the API processes to send, and the trail records it.
 */
async function invite(scope: DataScope, values: { email?: string; role?: string; name?: string; locale?: string; json?: boolean }, context: { env: Env; logger: Logger }): Promise<void> {
  const checked = NewInvitation.safeParse({ email: values.email, role: values.role, name: values.name, locale: values.locale });
  if (!checked.success) throw new UsageError(`${checked.error.issues.map((issue) => `--${String(issue.path[0])}: ${issue.message}`).join('\n')}\n${USAGE}`);
  const db = await openDatabase(context.env, context.logger);
  try {
    const mail = { encryption: createFieldEncryption(loadMasterKeyring(context.env)), jobs: createJobQueue(db.owner, context.logger) };
    const baseUrl = context.env.PORTTASK_PUBLIC_URL ?? `http://localhost:${context.env.PORT}`;
    const invitedBy = `cli:${userInfo().username}`;
    let made;
    try {
      made = await db.owner.begin((transaction) => inviteStaff(transaction, mail, scope, { ...checked.data, locale: checked.data.locale ?? 'en', invitedBy, baseUrl }));
    } catch (error) {
      if ((error as { status?: number }).status === 409) throw new UsageError((error as Error).message);
      throw error;
    }
    const keys = new AuditKeys(loadMasterKey(context.env));
    // The API's sealer: each address under its own person's key.
    const trail = new LoginAuditTrail(db.owner, keys, subjectEmailSealer(db.owner, mail.encryption, tenantKeyEmailSealer(keys)));
    if (made.replaced) await trail.append(scope, { outcome: 'invitation_revoked', accountId: made.invitation.userId, email: made.invitation.email });
    await trail.append(scope, { outcome: 'invited', accountId: made.invitation.userId, email: made.invitation.email });
    const { invitation } = made;
    printResult(values.json ?? false, invitation, () => `Invited ${invitation.email} as ${invitation.role} (${invitation.id}, until ${invitation.expiresAt}); the mail is queued.`);
  } finally {
    await db.close();
  }
}
