import { randomBytes } from 'node:crypto';
import type { Invitation, StaffRole } from '@porttask/sdk/schemas';
import type { Queryable } from '../db/connection.ts';
import { ApiError } from '../http/api-error.ts';
import type { MailLocale } from '../mail/mail-template.ts';
import type { DataScope } from '../tenants/data-scope.ts';
import type { AccountMail } from './account-mail.ts';
import { queueInvitationMail } from './set-password-mail.ts';
import { deleteSetPasswordToken, INVITATION_LINK_DAYS, insertSetPasswordToken, newSetPasswordToken } from './set-password-tokens.ts';

const columns = (sql: Queryable) => sql`
  i.id, i.user_id AS "userId", u.email, i.role, i.locale,
  CASE WHEN i.accepted_at IS NOT NULL THEN 'accepted' WHEN i.revoked_at IS NOT NULL THEN 'revoked'
       WHEN i.expires_at <= now() THEN 'expired' ELSE 'pending' END AS status,
  to_char(i.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "createdAt",
  to_char(i.expires_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "expiresAt"`;

const joinUser = (sql: Queryable) => sql`JOIN auth_users u ON u.tenant_id = i.tenant_id AND u.environment = i.environment AND u.id = i.user_id`;

export interface InviteInput {
  email: string;
  role: StaffRole;
  name?: string | undefined;
  locale: MailLocale;
  /** The secret key's id, or `cli:<user>`. */
  invitedBy: string;
  baseUrl: string;
}

/**
 * Invites someone to a tenant environment's staff, in the caller's transaction: the account
 * is created (no password: nobody can sign in to it yet), or reused if it exists as a member;
 * a 7-day set-password token is stored and the mail queued. The role is granted only when the
 * link is used. An account that is staff already, or disabled, is a 409: roles change with
 * PUT /v1/users/{id}/role, and an invitation does not undo a disable. Inviting again replaces
 * the open invitation (its link stops working).
 */
export async function inviteStaff(sql: Queryable, mail: AccountMail, scope: DataScope, input: InviteInput): Promise<{ invitation: Invitation; replaced: string | null }> {
  const email = input.email.trim().toLowerCase();
  const [existing] = await sql<{ id: string; role: string; disabled: boolean }[]>`
    SELECT id, role, disabled_at IS NOT NULL AS disabled FROM auth_users
    WHERE tenant_id = ${scope.tenantId} AND environment = ${scope.environment} AND email = ${email}
    FOR UPDATE`;
  if (existing?.disabled) throw new ApiError(409, 'CONFLICT', 'This account is disabled; an invitation does not enable it again.');
  if (existing && existing.role !== 'member') {
    throw new ApiError(409, 'CONFLICT', `This account is staff already (${existing.role}); change its role with PUT /v1/users/{userId}/role.`);
  }
  const userId = existing?.id ?? randomBytes(15).toString('base64url');
  if (!existing) {
    await sql`
      INSERT INTO auth_users (tenant_id, environment, id, name, email, role)
      VALUES (${scope.tenantId}, ${scope.environment}, ${userId}, ${input.name ?? ''}, ${email}, 'member')`;
  }
  const [replaced] = await sql<{ id: string; token_identifier: string }[]>`
    UPDATE account_invitations SET revoked_at = now()
    WHERE tenant_id = ${scope.tenantId} AND environment = ${scope.environment} AND user_id = ${userId} AND accepted_at IS NULL AND revoked_at IS NULL
    RETURNING id, token_identifier`;
  if (replaced) await deleteSetPasswordToken(sql, scope, replaced.token_identifier);
  const { token, identifier } = newSetPasswordToken();
  const validSeconds = INVITATION_LINK_DAYS * 86_400;
  await insertSetPasswordToken(sql, scope, userId, identifier, validSeconds);
  const id = `inv_${randomBytes(18).toString('base64url')}`;
  await sql`
    INSERT INTO account_invitations (tenant_id, environment, id, user_id, role, locale, token_identifier, invited_by, expires_at)
    VALUES (${scope.tenantId}, ${scope.environment}, ${id}, ${userId}, ${input.role}, ${input.locale}, ${identifier}, ${input.invitedBy.slice(0, 100)},
            now() + make_interval(secs => ${validSeconds}))`;
  await queueInvitationMail(sql, mail, scope, { baseUrl: input.baseUrl, email, token, locale: input.locale });
  return { invitation: (await findInvitation(sql, scope, id))!, replaced: replaced?.id ?? null };
}

export async function findInvitation(sql: Queryable, scope: DataScope, id: string): Promise<Invitation | undefined> {
  const [row] = await sql<Invitation[]>`
    SELECT ${columns(sql)} FROM account_invitations i ${joinUser(sql)}
    WHERE i.tenant_id = ${scope.tenantId} AND i.environment = ${scope.environment} AND i.id = ${id}`;
  return row;
}

/** Pending invitations, newest first; the cursor is the last one's creation time (to the microsecond) and id. */
export async function listPendingInvitations(sql: Queryable, scope: DataScope, options: { before?: [string, string]; limit: number }): Promise<(Invitation & { cursor: [string, string] })[]> {
  return await sql<(Invitation & { cursor: [string, string] })[]>`
    SELECT ${columns(sql)}, ARRAY[to_char(i.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'), i.id] AS cursor
    FROM account_invitations i ${joinUser(sql)}
    WHERE i.tenant_id = ${scope.tenantId} AND i.environment = ${scope.environment}
      AND i.accepted_at IS NULL AND i.revoked_at IS NULL AND i.expires_at > now()
      ${options.before ? sql`AND (i.created_at, i.id) < (${options.before[0]}::timestamptz, ${options.before[1]})` : sql``}
    ORDER BY i.created_at DESC, i.id DESC LIMIT ${options.limit}`;
}

/**
 * Withdraws an invitation: its link stops working at once. Revoking a revoked or expired one
 * changes nothing; an accepted one is a 409 (disable the account instead). Undefined: not found.
 */
export async function revokeInvitation(sql: Queryable, scope: DataScope, id: string): Promise<{ invitation: Invitation; revokedNow: boolean } | undefined> {
  const [row] = await sql<{ token_identifier: string; accepted: boolean; revoked: boolean }[]>`
    SELECT token_identifier, accepted_at IS NOT NULL AS accepted, revoked_at IS NOT NULL AS revoked FROM account_invitations
    WHERE tenant_id = ${scope.tenantId} AND environment = ${scope.environment} AND id = ${id}
    FOR UPDATE`;
  if (!row) return undefined;
  if (row.accepted) throw new ApiError(409, 'CONFLICT', 'This invitation was accepted already; disable the account instead.');
  if (!row.revoked) {
    await sql`UPDATE account_invitations SET revoked_at = now() WHERE tenant_id = ${scope.tenantId} AND environment = ${scope.environment} AND id = ${id}`;
    await deleteSetPasswordToken(sql, scope, row.token_identifier);
  }
  return { invitation: (await findInvitation(sql, scope, id))!, revokedNow: !row.revoked };
}
