import type { RouteHandler } from '@hono/zod-openapi';
import type { AppEnv } from '../../app-env.ts';
import { disableUser, listUsers, setUserRole } from '../../accounts/users.queries.ts';
import { ApiError } from '../../http/api-error.ts';
import type { disableUserRoute, listUsersRoute, setUserRoleRoute } from './users.routes.ts';

const encodeCursor = (email: string) => Buffer.from(`u1:${email}`).toString('base64url');
function decodeCursor(cursor: string | undefined): string | undefined {
  if (cursor === undefined) return undefined;
  const match = /^u1:(.{1,320})$/s.exec(Buffer.from(cursor, 'base64url').toString());
  if (!match) throw ApiError.validation([{ path: ['query', 'cursor'], message: 'not a cursor this API gave out', code: 'invalid_cursor' }]);
  return match[1];
}

export const list: RouteHandler<typeof listUsersRoute, AppEnv> = async (c) => {
  const { role, cursor, limit } = c.req.valid('query');
  const rows = await listUsers(c.get('sql'), c.get('scope'), { role, afterEmail: decodeCursor(cursor), limit: limit + 1 });
  const page = rows.slice(0, limit);
  return c.json({ data: page, nextCursor: rows.length > limit ? encodeCursor(page.at(-1)!.email) : null }, 200);
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
