import { createRoute } from '@hono/zod-openapi';
import * as z from 'zod';
import { PageQuery, RoleChange, User, UserId, UserListQuery, pageOf } from '@porttask/sdk/schemas';
import { requireKey } from '../../auth/authenticate.ts';
import { errorResponses, jsonResponse, secretKeyAuth } from '../../openapi/responses.ts';

export const listUsersRoute = createRoute({
  method: 'get',
  path: '/v1/users',
  operationId: 'listUsers',
  tags: ['users'],
  summary: 'List accounts',
  description: 'The accounts of the key\'s tenant environment in email order, with their roles; `?role=` filters.',
  security: secretKeyAuth,
  middleware: [requireKey('secret')] as const,
  request: { query: UserListQuery.extend(PageQuery.shape) },
  responses: {
    200: jsonResponse(pageOf(User).meta({ id: 'UserPage' }), 'One page of accounts.'),
    ...errorResponses(401, 403, 422),
  },
});

export const setUserRoleRoute = createRoute({
  method: 'put',
  path: '/v1/users/{userId}/role',
  operationId: 'setUserRole',
  tags: ['users'],
  summary: 'Set an account\'s role',
  description: 'Replaces the account\'s role in its tenant (owner, admin, privacy_officer, operator, member).',
  security: secretKeyAuth,
  middleware: [requireKey('secret')] as const,
  request: { params: z.object({ userId: UserId }), body: { content: { 'application/json': { schema: RoleChange } }, required: true } },
  responses: {
    200: jsonResponse(User, 'The account with its new role.'),
    ...errorResponses(401, 403, 404, 422),
  },
});

export const disableUserRoute = createRoute({
  method: 'post',
  path: '/v1/users/{userId}/disable',
  operationId: 'disableUser',
  tags: ['users'],
  summary: 'Disable an account',
  description: 'The account can no longer sign in (it gets the same answer as a wrong password) and its sessions end. Idempotent.',
  security: secretKeyAuth,
  middleware: [requireKey('secret')] as const,
  request: { params: z.object({ userId: UserId }) },
  responses: {
    200: jsonResponse(User, 'The disabled account.'),
    ...errorResponses(401, 403, 404, 422),
  },
});
