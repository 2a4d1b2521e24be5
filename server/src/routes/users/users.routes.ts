import * as z from 'zod';
import { PageQuery, RoleChange, User, UserId, UserListQuery, UserSignOut, pageOf } from '@porttask/sdk/schemas';
import { requireKey } from '../../auth/authenticate.ts';
import { apiRoute } from '../../openapi/operation.ts';
import { jsonBody, jsonResponse, secretKeyAuth } from '../../openapi/responses.ts';

const UserParams = z.object({ userId: UserId });

export const listUsersRoute = apiRoute({
  operationId: 'listUsers',
  method: 'get',
  path: '/v1/users',
  tags: ['users'],
  summary: 'List accounts',
  description: 'The accounts of the key\'s tenant environment in email order, with their roles; `?role=` filters. A minor\'s account shows `guardianConsent: "pending"` until a parent or guardian consents (it cannot sign in until then).',
  security: secretKeyAuth,
  middleware: [requireKey('secret')] as const,
  sdk: 'for await (const user of client.users.list({ role: \'admin\' })) console.log(user.email);',
  request: { query: UserListQuery.extend(PageQuery.shape) },
  responses: {
    200: jsonResponse(pageOf(User, 'UserPage'), 'One page of accounts.'),
  },
});

export const setUserRoleRoute = apiRoute({
  operationId: 'setUserRole',
  method: 'put',
  path: '/v1/users/{userId}/role',
  tags: ['users'],
  summary: 'Set an account\'s role',
  description:
    'Replaces the account\'s role in its tenant (owner, admin, privacy_officer, operator, member). Setting the role it already ' +
    'has changes nothing. An account of another tenant or environment is not found (**404**).',
  security: secretKeyAuth,
  middleware: [requireKey('secret')] as const,
  sdk: 'const user = await client.users.setRole($userId, \'privacy_officer\');',
  request: { params: UserParams, body: jsonBody(RoleChange) },
  responses: {
    200: jsonResponse(User, 'The account with its new role.'),
  },
  // Not an upsert: the account must exist.
  errors: [404],
});

export const disableUserRoute = apiRoute({
  operationId: 'disableUser',
  method: 'post',
  path: '/v1/users/{userId}/disable',
  tags: ['users'],
  summary: 'Disable an account',
  description: 'The account can no longer sign in (it gets the same answer as a wrong password) and its sessions and refresh tokens end at once (the next token renewal is 401). Idempotent: disabling a disabled account answers it as it is.',
  security: secretKeyAuth,
  middleware: [requireKey('secret')] as const,
  sdk: 'const user = await client.users.disable($userId);',
  request: { params: UserParams },
  responses: {
    200: jsonResponse(User, 'The disabled account.'),
  },
});

export const signOutUserRoute = apiRoute({
  operationId: 'signOutUser',
  method: 'post',
  path: '/v1/users/{userId}/sign-out',
  tags: ['users'],
  summary: 'Sign an account out everywhere',
  description:
    'Ends every sign-in of the account at once, on every device and site: its sessions and every refresh token of the ' +
    'embeddable login (the next renewal of each is 401, so `<porttask-login>` signs out; access tokens already issued expire ' +
    'within 5 minutes). The account itself stays usable: the person can sign in again (to stop that, disable it). For a lost ' +
    'device, a suspected takeover, or after your own system changed who the person is. Recorded in the login audit trail as ' +
    '`signed_out_everywhere`. Repeating it ends what was signed in since (zeros when nothing was). An account of another ' +
    'tenant or environment is not found (**404**).',
  security: secretKeyAuth,
  middleware: [requireKey('secret')] as const,
  sdk: 'const { signInsRevoked } = await client.users.signOut($userId);',
  request: { params: UserParams },
  responses: {
    200: jsonResponse(UserSignOut, 'What ended.'),
  },
});
