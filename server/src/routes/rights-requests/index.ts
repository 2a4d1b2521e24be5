import { createRouter } from '../../http/router.ts';
import { rightsRequestHandlers, type RightsServices } from './rights-requests.handlers.ts';
import { cancelRightsRequestRoute, createRightsRequestRoute, getRightsRequestStatusRoute, verifyRightsRequestRoute } from './rights-requests.routes.ts';

export type { RightsServices };

/** The requester's side of privacy-rights requests (publishable key + requester token). */
export function rightsRequestsRouter(services: RightsServices) {
  const handlers = rightsRequestHandlers(services);
  return createRouter()
    .openapi(createRightsRequestRoute, handlers.create)
    .openapi(verifyRightsRequestRoute, handlers.verify)
    .openapi(getRightsRequestStatusRoute, handlers.getStatus)
    .openapi(cancelRightsRequestRoute, handlers.cancel);
}
