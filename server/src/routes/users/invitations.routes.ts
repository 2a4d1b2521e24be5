import * as z from 'zod';
import { Invitation, InvitationId, NewInvitation, PageQuery, pageOf } from '@porttask/sdk/schemas';
import { requireKey } from '../../auth/authenticate.ts';
import { apiRoute } from '../../openapi/operation.ts';
import { jsonBody, jsonResponse, secretKeyAuth } from '../../openapi/responses.ts';

const InvitationParams = z.object({ invitationId: InvitationId });

export const createInvitationRoute = apiRoute({
  operationId: 'createInvitation',
  method: 'post',
  path: '/v1/users/invitations',
  tags: ['users'],
  summary: 'Invite staff',
  description:
    'Mails a link to set a password (valid 7 days, once) to `email`, in `locale`. The account is created without a password, or ' +
    'reused when the tenant environment has a **member** with that email; it gets `role` when the link is used. An account that is ' +
    'staff already or disabled is **409**. Inviting the same person again replaces the open invitation (its link stops working).',
  security: secretKeyAuth,
  middleware: [requireKey('secret')] as const,
  sdk: 'const invitation = await client.users.invite({ email: \'harbourmaster@portal.example\', role: \'privacy_officer\' });',
  request: { body: jsonBody(NewInvitation) },
  responses: { 201: jsonResponse(Invitation, 'The invitation, pending; the mail is queued.') },
});

export const listInvitationsRoute = apiRoute({
  operationId: 'listInvitations',
  method: 'get',
  path: '/v1/users/invitations',
  tags: ['users'],
  summary: 'List pending invitations',
  description: 'Invitations of the key\'s tenant environment not yet accepted, revoked or expired, newest first.',
  security: secretKeyAuth,
  middleware: [requireKey('secret')] as const,
  sdk: 'for await (const invitation of client.users.invitations()) console.log(invitation.email);',
  request: { query: PageQuery },
  responses: { 200: jsonResponse(pageOf(Invitation, 'InvitationPage'), 'One page of pending invitations.') },
});

export const revokeInvitationRoute = apiRoute({
  operationId: 'revokeInvitation',
  // Not DELETE /v1/users/invitations/{id}: that path could also read as /v1/users/{userId}/role.
  method: 'post',
  path: '/v1/users/invitations/{invitationId}/revoke',
  tags: ['users'],
  summary: 'Revoke an invitation',
  description:
    'Its link stops working at once. Revoking a revoked or expired invitation answers it as it is; an accepted one is **409** ' +
    '(disable the account instead). Another tenant\'s or environment\'s invitation is not found (**404**).',
  security: secretKeyAuth,
  middleware: [requireKey('secret')] as const,
  sdk: 'const invitation = await client.users.revokeInvitation($invitationId);',
  request: { params: InvitationParams },
  responses: { 200: jsonResponse(Invitation, 'The invitation, revoked.') },
  errors: [409],
});
