import { createRouter } from '../../http/router.ts';
import { list, verify } from './audit.handlers.ts';
import { listLoginEventsRoute, verifyLoginAuditRoute } from './audit.routes.ts';

export const auditRouter = createRouter()
  .openapi(listLoginEventsRoute, list)
  .openapi(verifyLoginAuditRoute, verify);
