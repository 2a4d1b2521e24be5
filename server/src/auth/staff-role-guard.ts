import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../app-env.ts';
import { ApiError } from '../http/api-error.ts';
import { staffRolesOf } from './staff-roles.ts';

/**
 * The role matrix at work on one operation: a staff access token whose account's role is not
 * in the operation's row is refused with `403 FORBIDDEN_ROLE`. Keys pass untouched (their
 * kind is `requireKey`'s business). `apiRoute()` puts this first on every operation that
 * takes a secret key.
 */
export function staffRoleGuard(operationId: string): MiddlewareHandler<AppEnv> {
  const roles = staffRolesOf(operationId);
  const allowed = roles.length === 0 ? 'the secret key only' : `the roles ${roles.join(', ')}`;
  return async (c, next) => {
    const staff = c.get('staff');
    if (staff !== undefined) {
      if (!roles.includes(staff.role)) throw new ApiError(403, 'FORBIDDEN_ROLE', `Your role (${staff.role}) may not do this: ${operationId} is for ${allowed}.`);
      c.set('staffRoleAdmitted', true);
    }
    await next();
  };
}
