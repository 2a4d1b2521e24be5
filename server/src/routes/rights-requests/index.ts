import { createRouter } from '../../http/router.ts';
import { rightsRequestHandlers, type RightsServices } from './rights-requests.handlers.ts';
import { cancelRightsRequestRoute, createRightsRequestRoute, getRightsRequestRoute, resendRightsRequestCodeRoute, verifyRightsRequestRoute } from './rights-requests.routes.ts';
import { rightsRequestExportHandlers } from './rights-requests.export.handlers.ts';
import { downloadRightsRequestExportRoute, putRightsRequestDataRoute } from './rights-requests.export.routes.ts';
import { rightsRequestStaffHandlers } from './rights-requests.staff.handlers.ts';
import { addRightsRequestNoteRoute, approveRightsRequestRoute, completeRightsRequestRoute, denyRightsRequestRoute, extendRightsRequestRoute, listRightsRequestsRoute } from './rights-requests.staff.routes.ts';

export type { RightsServices };

/** Privacy-rights requests: the requester's side (publishable key + requester token) and staff's (secret key). */
export function rightsRequestsRouter(services: RightsServices) {
  const requester = rightsRequestHandlers(services);
  const staff = rightsRequestStaffHandlers(services);
  const exports = rightsRequestExportHandlers(services);
  return createRouter()
    .openapi(createRightsRequestRoute, requester.create)
    .openapi(listRightsRequestsRoute, staff.list)
    .openapi(getRightsRequestRoute, requester.get(staff.staffGet))
    .openapi(verifyRightsRequestRoute, requester.verify)
    .openapi(cancelRightsRequestRoute, requester.cancel)
    .openapi(resendRightsRequestCodeRoute, requester.resendCode)
    .openapi(approveRightsRequestRoute, staff.approve)
    .openapi(denyRightsRequestRoute, staff.deny)
    .openapi(extendRightsRequestRoute, staff.extend)
    .openapi(addRightsRequestNoteRoute, staff.addNote)
    .openapi(completeRightsRequestRoute, staff.complete)
    .openapi(putRightsRequestDataRoute, exports.putData)
    .openapi(downloadRightsRequestExportRoute, exports.download);
}
