import { createRouter } from '../../http/router.ts';
import { list, roll, update } from './api-keys.handlers.ts';
import { listApiKeysRoute, rollApiKeyRoute, updateApiKeyRoute } from './api-keys.routes.ts';

export const apiKeysRouter = createRouter()
  .openapi(listApiKeysRoute, list)
  .openapi(updateApiKeyRoute, update)
  .openapi(rollApiKeyRoute, roll);
