import type { AccountMail } from '../../accounts/account-mail.ts';
import { createRouter } from '../../http/router.ts';
import { invitationHandlers } from './invitations.handlers.ts';
import { createInvitationRoute, listInvitationsRoute, revokeInvitationRoute } from './invitations.routes.ts';

/** Staff invitations (secret key): served where mail is (the outbox and the job queue). */
export function invitationsRouter(dependencies: { mail: AccountMail; baseUrl: string }) {
  const handlers = invitationHandlers(dependencies);
  return createRouter()
    .openapi(createInvitationRoute, handlers.create)
    .openapi(listInvitationsRoute, handlers.list)
    .openapi(revokeInvitationRoute, handlers.revoke);
}
