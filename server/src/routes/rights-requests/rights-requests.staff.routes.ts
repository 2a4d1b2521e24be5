import * as z from 'zod';
import { CompleteRightsRequest, DenyRightsRequest, ExtendRightsRequest, PageQuery, RightsRequest, RightsRequestId, RightsRequestListQuery, RightsRequestNote, RightsRequestWithEvents, pageOf } from '@porttask/sdk/schemas';
import { requireKey } from '../../auth/authenticate.ts';
import { apiRoute } from '../../openapi/operation.ts';
import { jsonBody, jsonResponse, secretKeyAuth } from '../../openapi/responses.ts';

const params = z.object({ id: RightsRequestId });

export const listRightsRequestsRoute = apiRoute({
  operationId: 'listRightsRequests',
  method: 'get',
  path: '/v1/rights-requests',
  tags: ['rights requests'],
  summary: 'List requests (staff)',
  description:
    'Newest first, filtered by status, type, due date or overdue (open requests past their due date in the tenant\'s time zone). ' +
    'Requests not yet verified are included: filter with `?status=pending` for the ones to work on.',
  security: secretKeyAuth,
  middleware: [requireKey('secret')] as const,
  sdk: 'for await (const request of client.rightsRequests.list({ overdue: \'true\' })) console.log(request.id, request.dueOn);',
  request: { query: RightsRequestListQuery.extend(PageQuery.shape) },
  responses: {
    200: jsonResponse(pageOf(RightsRequest, 'RightsRequestPage'), 'One page of requests.'),
  },
});

/* Every staff action: a secret key, the request's id, the answer with every event, the state machine's 409s. */
const wrongStatus = 'A request in any other status answers **409** `INVALID_STATUS_TRANSITION`.';

export const approveRightsRequestRoute = apiRoute({
  method: 'post',
  tags: ['rights requests'],
  security: secretKeyAuth,
  middleware: [requireKey('secret')] as const,
  responses: { 200: jsonResponse(RightsRequestWithEvents, 'The request after the action, with every event.') },
  errors: [409],
  operationId: 'approveRightsRequest',
  path: '/v1/rights-requests/{id}/approve',
  summary: 'Approve a verified request',
  description: `pending → approved: staff will act on it. ${wrongStatus}`,
  sdk: 'const request = await client.rightsRequests.approve($id);',
  request: { params },
});

export const denyRightsRequestRoute = apiRoute({
  method: 'post',
  tags: ['rights requests'],
  security: secretKeyAuth,
  middleware: [requireKey('secret')] as const,
  responses: { 200: jsonResponse(RightsRequestWithEvents, 'The request after the action, with every event.') },
  errors: [409],
  operationId: 'denyRightsRequest',
  path: '/v1/rights-requests/{id}/deny',
  summary: 'Refuse a request, with reasons',
  description: `pending, approved or in progress → denied; the reasons are mailed to the requester and shown in their timeline. ${wrongStatus}`,
  sdk: 'const request = await client.rightsRequests.deny($id, \'We hold no data about this address.\');',
  request: { params, body: jsonBody(DenyRightsRequest) },
});

export const extendRightsRequestRoute = apiRoute({
  method: 'post',
  tags: ['rights requests'],
  security: secretKeyAuth,
  middleware: [requireKey('secret')] as const,
  responses: { 200: jsonResponse(RightsRequestWithEvents, 'The request after the action, with every event.') },
  errors: [409],
  operationId: 'extendRightsRequest',
  path: '/v1/rights-requests/{id}/extend',
  summary: 'Extend the deadline once, with reasons',
  description:
    'Where the law allows (GDPR, UK GDPR: to three months from receipt; CCPA: to 90 days), once, decided no later than the first due date; ' +
    'the reasons and the new due date are mailed to the requester.\n\nOtherwise **409** `EXTENSION_REFUSED` says which rule refused it; ' +
    'a closed request answers **409** `INVALID_STATUS_TRANSITION`.',
  sdk: 'const request = await client.rightsRequests.extend($id, \'The request covers ten years of port calls.\');',
  request: { params, body: jsonBody(ExtendRightsRequest) },
});

export const addRightsRequestNoteRoute = apiRoute({
  method: 'post',
  tags: ['rights requests'],
  security: secretKeyAuth,
  middleware: [requireKey('secret')] as const,
  responses: { 200: jsonResponse(RightsRequestWithEvents, 'The request after the action, with every event.') },
  errors: [409],
  operationId: 'addRightsRequestNote',
  path: '/v1/rights-requests/{id}/notes',
  summary: 'Add a staff note',
  description: 'A note in the request\'s history, never shown to the requester.',
  sdk: 'const request = await client.rightsRequests.addNote($id, \'Asked the bookings team for the 2019 archive.\');',
  request: { params, body: jsonBody(RightsRequestNote) },
});

export const completeRightsRequestRoute = apiRoute({
  method: 'post',
  tags: ['rights requests'],
  security: secretKeyAuth,
  middleware: [requireKey('secret')] as const,
  responses: { 200: jsonResponse(RightsRequestWithEvents, 'The request after the action, with every event.') },
  errors: [409],
  operationId: 'completeRightsRequest',
  path: '/v1/rights-requests/{id}/complete',
  summary: 'Mark a request answered',
  description:
    `approved or in progress → completed; the requester is told by mail. ${wrongStatus}\n\n` +
    '- **deletion**: the requester\'s personal data is erased (their key is shredded: email, name, details, reasons, mails and the partner\'s ' +
    'data for them become unreadable; the request\'s record and consent proof stay, unlinked), and the last mail says what was kept and why;\n' +
    '- **correction, restriction, objection, objection to an automated decision**: `description` (what was done) is required (**422** ' +
    'without), mailed to the requester and kept in the request\'s history.',
  sdk: 'const request = await client.rightsRequests.complete($id, { description: \'Your surname is corrected in our booking system.\' });',
  request: { params, body: { ...jsonBody(CompleteRightsRequest), required: false } },
});
