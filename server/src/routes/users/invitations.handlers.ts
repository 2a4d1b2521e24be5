import type { Context } from 'hono';
import type { RouteHandler } from '@hono/zod-openapi';
import type { AppEnv } from '../../app-env.ts';
import type { AccountMail } from '../../accounts/account-mail.ts';
import { inviteStaff, listPendingInvitations, revokeInvitation } from '../../accounts/invitations.ts';
import { ApiError } from '../../http/api-error.ts';
import { clientIp } from '../../http/client-ip.ts';
import { pageCursorsOf } from '../../http/page-cursor.ts';
import type { LoginOutcome } from '../../login-audit/login-audit-trail.ts';
import type { createInvitationRoute, listInvitationsRoute, revokeInvitationRoute } from './invitations.routes.ts';

/** Invitations are account events: the login audit trail records them with the caller's address. */
const audit = (c: Context<AppEnv>, outcome: LoginOutcome, accountId: string, email: string) =>
  c.get('loginAudit').append(c.get('scope'), { outcome, accountId, email, ipAddress: clientIp(c), userAgent: c.req.header('User-Agent') });

export function invitationHandlers(dependencies: { mail: AccountMail; baseUrl: string }) {
  const create: RouteHandler<typeof createInvitationRoute, AppEnv> = async (c) => {
    const input = c.req.valid('json');
    const { invitation, replaced } = await inviteStaff(c.get('sql'), dependencies.mail, c.get('scope'), {
      ...input, locale: input.locale ?? 'en', baseUrl: dependencies.baseUrl,
      // The staff member who invited, or the secret key.
      invitedBy: c.get('staff') ? `user:${c.get('staff')!.accountId}` : c.get('apiKey').id,
    });
    if (replaced) await audit(c, 'invitation_revoked', invitation.userId, invitation.email);
    await audit(c, 'invited', invitation.userId, invitation.email);
    return c.json(invitation, 201);
  };

  const list: RouteHandler<typeof listInvitationsRoute, AppEnv> = async (c) => {
    const { cursor, limit } = c.req.valid('query');
    const cursors = pageCursorsOf(c);
    const before = cursors.open('invitations', cursor) as [string, string] | undefined;
    const rows = await listPendingInvitations(c.get('sql'), c.get('scope'), { before, limit: limit + 1 });
    const page = rows.slice(0, limit);
    return c.json({ data: page.map(({ cursor: _cursor, ...invitation }) => invitation), nextCursor: cursors.seal('invitations', rows.length > limit ? page.at(-1)!.cursor : null) }, 200);
  };

  const revoke: RouteHandler<typeof revokeInvitationRoute, AppEnv> = async (c) => {
    const revoked = await revokeInvitation(c.get('sql'), c.get('scope'), c.req.valid('param').invitationId);
    if (!revoked) throw ApiError.notFound('The invitation');
    if (revoked.revokedNow) await audit(c, 'invitation_revoked', revoked.invitation.userId, revoked.invitation.email);
    return c.json(revoked.invitation, 200);
  };

  return { create, list, revoke };
}
