import { createRoute } from '@hono/zod-openapi';
import * as z from 'zod';
import { DenyRightsRequest, ExtendRightsRequest, PageQuery, RightsRequest, RightsRequestId, RightsRequestListQuery, RightsRequestNote, RightsRequestWithEvents, pageOf } from '@porttask/sdk/schemas';
import { requireKey } from '../../auth/authenticate.ts';
import { errorResponses, jsonResponse, secretKeyAuth } from '../../openapi/responses.ts';

const params = z.object({ id: RightsRequestId });

export const listRightsRequestsRoute = createRoute({
  method: 'get',
  path: '/v1/rights-requests',
  operationId: 'listRightsRequests',
  tags: ['rights requests'],
  summary: 'List requests (staff)',
  description: 'Newest first, filtered by status, type, due date or overdue (open requests past their due date in the tenant\'s time zone).',
  security: secretKeyAuth,
  middleware: [requireKey('secret')] as const,
  request: { query: RightsRequestListQuery.extend(PageQuery.shape) },
  responses: {
    200: jsonResponse(pageOf(RightsRequest).meta({ id: 'RightsRequestPage' }), 'One page of requests.'),
    ...errorResponses(401, 403, 422),
  },
});

const staffAction = {
  method: 'post' as const,
  tags: ['rights requests'],
  security: secretKeyAuth,
};
const withBody = <Body extends z.ZodType>(schema: Body) => ({ params, body: { content: { 'application/json': { schema } }, required: true } });

export const approveRightsRequestRoute = createRoute({
  ...staffAction,
  middleware: [requireKey('secret')] as const,
  responses: { 200: jsonResponse(RightsRequestWithEvents, 'The request after the action, with every event.'), ...errorResponses(401, 403, 404, 409, 422) },
  path: '/v1/rights-requests/{id}/approve',
  operationId: 'approveRightsRequest',
  summary: 'Approve a verified request',
  description: 'pending → approved. A request in any other status answers INVALID_STATUS_TRANSITION.',
  request: { params },
});

export const denyRightsRequestRoute = createRoute({
  ...staffAction,
  middleware: [requireKey('secret')] as const,
  responses: { 200: jsonResponse(RightsRequestWithEvents, 'The request after the action, with every event.'), ...errorResponses(401, 403, 404, 409, 422) },
  path: '/v1/rights-requests/{id}/deny',
  operationId: 'denyRightsRequest',
  summary: 'Refuse a request, with reasons',
  description: 'pending, approved or in progress → denied; the reasons are mailed to the requester and shown in their timeline.',
  request: withBody(DenyRightsRequest),
});

export const extendRightsRequestRoute = createRoute({
  ...staffAction,
  middleware: [requireKey('secret')] as const,
  responses: { 200: jsonResponse(RightsRequestWithEvents, 'The request after the action, with every event.'), ...errorResponses(401, 403, 404, 409, 422) },
  path: '/v1/rights-requests/{id}/extend',
  operationId: 'extendRightsRequest',
  summary: 'Extend the deadline once, with reasons',
  description:
    'Where the law allows (GDPR, UK GDPR: to three months from receipt; CCPA: to 90 days), once, decided no later than the first due date; ' +
    'the reasons and the new due date are mailed to the requester. Otherwise EXTENSION_REFUSED says which rule refused it.',
  request: withBody(ExtendRightsRequest),
});

export const addRightsRequestNoteRoute = createRoute({
  ...staffAction,
  middleware: [requireKey('secret')] as const,
  responses: { 200: jsonResponse(RightsRequestWithEvents, 'The request after the action, with every event.'), ...errorResponses(401, 403, 404, 409, 422) },
  path: '/v1/rights-requests/{id}/notes',
  operationId: 'addRightsRequestNote',
  summary: 'Add a staff note',
  description: 'A note in the request\'s history, never shown to the requester.',
  request: withBody(RightsRequestNote),
});

export const completeRightsRequestRoute = createRoute({
  ...staffAction,
  middleware: [requireKey('secret')] as const,
  responses: { 200: jsonResponse(RightsRequestWithEvents, 'The request after the action, with every event.'), ...errorResponses(401, 403, 404, 409, 422) },
  path: '/v1/rights-requests/{id}/complete',
  operationId: 'completeRightsRequest',
  summary: 'Mark a request answered',
  description: 'approved or in progress → completed; the requester is told by mail.',
  request: { params },
});
