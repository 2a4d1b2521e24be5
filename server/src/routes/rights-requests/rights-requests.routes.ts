import { createRoute } from '@hono/zod-openapi';
import * as z from 'zod';
import { NewRightsRequest, RequesterToken, RightsRequestCreated, RightsRequestId, RightsRequestStatusView, RightsRequestWithEvents, VerifyRightsRequest } from '@porttask/sdk/schemas';
import { requireKey } from '../../auth/authenticate.ts';
import { anyKeyAuth, errorResponses, jsonResponse, publishableKeyAuth } from '../../openapi/responses.ts';

const requesterHeaders = z.object({ 'x-porttask-requester-token': RequesterToken });
const params = z.object({ id: RightsRequestId });

export const createRightsRequestRoute = createRoute({
  method: 'post',
  path: '/v1/rights-requests',
  operationId: 'createRightsRequest',
  tags: ['rights requests'],
  summary: 'Make a privacy-rights request',
  description:
    'Records the request and mails a 6-digit code (valid 10 minutes, 3 tries) to the address given; the request counts once the code is entered ' +
    '(`POST /v1/rights-requests/{id}/verify`). The answer is the same whether or not the address is known. Keep the `requesterToken`: it is ' +
    'the only way to see or cancel the request. A type the tenant\'s laws do not give is refused (REQUEST_TYPE_NOT_OFFERED).',
  security: publishableKeyAuth,
  middleware: [requireKey('publishable')] as const,
  request: { body: { content: { 'application/json': { schema: NewRightsRequest } }, required: true } },
  responses: {
    202: jsonResponse(RightsRequestCreated, 'Received; the code is on its way.'),
    ...errorResponses(400, 401, 403, 413, 422, 429),
  },
});

export const verifyRightsRequestRoute = createRoute({
  method: 'post',
  path: '/v1/rights-requests/{id}/verify',
  operationId: 'verifyRightsRequest',
  tags: ['rights requests'],
  summary: 'Confirm a request with the code from the mail',
  description:
    'A right code makes the request count (status `pending`) and mails a confirmation of receipt with the due date. A wrong code answers ' +
    'VERIFICATION_CODE_INCORRECT; the third wrong code locks the request (REQUEST_LOCKED, status `expired_unverified`). An expired code answers ' +
    'VERIFICATION_CODE_EXPIRED.',
  security: publishableKeyAuth,
  middleware: [requireKey('publishable')] as const,
  request: { params, headers: requesterHeaders, body: { content: { 'application/json': { schema: VerifyRightsRequest } }, required: true } },
  responses: {
    200: jsonResponse(RightsRequestStatusView, 'Verified: the request as the requester sees it.'),
    ...errorResponses(401, 403, 404, 409, 422, 429),
  },
});

export const getRightsRequestRoute = createRoute({
  method: 'get',
  path: '/v1/rights-requests/{id}',
  operationId: 'getRightsRequest',
  tags: ['rights requests'],
  summary: 'Get a request',
  description:
    'With a publishable key and the requester token: what the requester sees (status, due date, their timeline); without the right token ' +
    'the request is not found. With a secret key: the whole request for staff, decrypted, with every event.',
  security: anyKeyAuth,
  middleware: [requireKey('publishable', 'secret')] as const,
  request: { params, headers: requesterHeaders.partial() },
  responses: {
    200: jsonResponse(z.union([RightsRequestStatusView, RightsRequestWithEvents]), 'The requester\'s view (publishable key) or the staff view (secret key).'),
    ...errorResponses(401, 403, 404, 422),
  },
});

export const cancelRightsRequestRoute = createRoute({
  method: 'post',
  path: '/v1/rights-requests/{id}/cancel',
  operationId: 'cancelRightsRequest',
  tags: ['rights requests'],
  summary: 'Withdraw a request',
  description: 'The requester withdraws a request that is not yet answered. A denied, completed or already cancelled request answers REQUEST_CLOSED.',
  security: publishableKeyAuth,
  middleware: [requireKey('publishable')] as const,
  request: { params, headers: requesterHeaders },
  responses: {
    200: jsonResponse(RightsRequestStatusView, 'Cancelled.'),
    ...errorResponses(401, 403, 404, 409, 422),
  },
});
