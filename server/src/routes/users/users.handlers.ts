import type { RouteHandler } from '@hono/zod-openapi';
import type { AppEnv } from '../../app-env.ts';
import { signOutEverywhere } from '../../accounts/sign-out-everywhere.ts';
import { disableUser, listUsers, setUserRole } from '../../accounts/users.queries.ts';
import { ApiError } from '../../http/api-error.ts';
import { clientIp } from '../../http/client-ip.ts';
import { pageCursorsOf } from '../../http/page-cursor.ts';
import type { disableUserRoute, listUsersRoute, setUserRoleRoute, signOutUserRoute } from './users.routes.ts';


export const list: RouteHandler<typeof listUsersRoute, AppEnv> = async (c) => {
  const { role, cursor, limit } = c.req.valid('query');
  const list = `users:${role ?? ''}`;
  const cursors = pageCursorsOf(c);
  const rows = await listUsers(c.get('sql'), c.get('scope'), { role, afterEmail: cursors.open(list, cursor)?.[0], limit: limit + 1 });
  const page = rows.slice(0, limit);
  return c.json({ data: page, nextCursor: cursors.seal(list, rows.length > limit ? [page.at(-1)!.email] : null) }, 200);
};

export const setRole: RouteHandler<typeof setUserRoleRoute, AppEnv> = async (c) => {
  const user = await setUserRole(c.get('sql'), c.get('scope'), c.req.valid('param').userId, c.req.valid('json').role);
  if (!user) throw ApiError.notFound('The account');
  return c.json(user, 200);
};

export const disable: RouteHandler<typeof disableUserRoute, AppEnv> = async (c) => {
  const user = await disableUser(c.get('sql'), c.get('scope'), c.req.valid('param').userId);
  if (!user) throw ApiError.notFound('The account');
  return c.json(user, 200);
};

export const signOut: RouteHandler<typeof signOutUserRoute, AppEnv> = async (c) => {
  const signedOut = await signOutEverywhere(c.get('sql'), c.get('loginAudit'), c.get('scope'), c.req.valid('param').userId, {
    ipAddress: clientIp(c), userAgent: c.req.header('User-Agent'),
  });
  if (!signedOut) throw ApiError.notFound('The account');
  return c.json(signedOut, 200);
};
