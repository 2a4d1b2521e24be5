import { createRouter } from '../../http/router.ts';
import { disable, list, setRole, signOut } from './users.handlers.ts';
import { disableUserRoute, listUsersRoute, setUserRoleRoute, signOutUserRoute } from './users.routes.ts';

export const usersRouter = createRouter()
  .openapi(listUsersRoute, list)
  .openapi(setUserRoleRoute, setRole)
  .openapi(disableUserRoute, disable)
  .openapi(signOutUserRoute, signOut);
