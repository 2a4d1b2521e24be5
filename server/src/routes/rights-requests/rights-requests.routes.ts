import * as z from 'zod';
import { NewRightsRequest, RequesterToken, RightsRequestCodeResent, RightsRequestCreated, RightsRequestId, RightsRequestStatusView, RightsRequestWithEvents, VerifyRightsRequest } from '@porttask/sdk/schemas';
import { requireKey } from '../../auth/authenticate.ts';
import { apiRoute } from '../../openapi/operation.ts';
import { anyKeyAuth, exampleOf, jsonBody, jsonResponse, publishableKeyAuth } from '../../openapi/responses.ts';

const requesterHeaders = z.object({ 'x-porttask-requester-token': RequesterToken });
const params = z.object({ id: RightsRequestId });

export const createRightsRequestRoute = apiRoute({
  operationId: 'createRightsRequest',
  method: 'post',
  path: '/v1/rights-requests',
  tags: ['rights requests'],
  summary: 'Make a privacy-rights request',
  description:
    'Records the request and mails a 6-digit code (valid 10 minutes, 3 tries) to the address given; the request counts once the code is entered ' +
    '(`POST /v1/rights-requests/{id}/verify`). The answer is the same whether or not the address is known.\n\nKeep the `requesterToken`: it is ' +
    'the only way to see or cancel the request. A type the tenant\'s laws do not give is refused with **422** `REQUEST_TYPE_NOT_OFFERED`.',
  security: publishableKeyAuth,
  middleware: [requireKey('publishable')] as const,
  sdk: 'const { id, requesterToken } = await client.rightsRequests.create($body);',
  request: { body: jsonBody(NewRightsRequest) },
  responses: {
    202: jsonResponse(RightsRequestCreated, 'Received; the code is on its way.'),
  },
});

export const verifyRightsRequestRoute = apiRoute({
  operationId: 'verifyRightsRequest',
  method: 'post',
  path: '/v1/rights-requests/{id}/verify',
  tags: ['rights requests'],
  summary: 'Confirm a request with the code from the mail',
  description:
    'Send the requester token in `X-PortTask-Requester-Token`; without the right one the request is not found (**404**). A right code makes ' +
    'the request count (status `pending`) and mails a confirmation of receipt with the due date.\n\n' +
    '- **422** `VERIFICATION_CODE_INCORRECT`: a wrong code (`issues` says how many tries are left);\n' +
    '- **422** `VERIFICATION_CODE_EXPIRED`: the code is older than 10 minutes (make a new request);\n' +
    '- **409** `REQUEST_LOCKED`: the third wrong code locks the request (status `expired_unverified`);\n' +
    '- **409** `REQUEST_ALREADY_VERIFIED` or `REQUEST_CLOSED`: the request is past this step.',
  security: publishableKeyAuth,
  middleware: [requireKey('publishable')] as const,
  sdk: 'const request = await client.rightsRequests.verify($id, \'rqt_0a1b2c3d4e5f6g7h8i9j0k1l2m3n4o5p\', \'481516\');',
  request: { params, headers: requesterHeaders, body: jsonBody(VerifyRightsRequest) },
  responses: {
    200: jsonResponse(RightsRequestStatusView, 'Verified: the request as the requester sees it.'),
  },
});

export const getRightsRequestRoute = apiRoute({
  operationId: 'getRightsRequest',
  method: 'get',
  path: '/v1/rights-requests/{id}',
  tags: ['rights requests'],
  summary: 'Get a request',
  description:
    'With a publishable key and the requester token (`X-PortTask-Requester-Token`): what the requester sees (status, due date, their ' +
    'timeline); without the right token the request is not found (**404**). With a secret key: the whole request for staff, decrypted, ' +
    'with every event.',
  security: anyKeyAuth,
  middleware: [requireKey('publishable', 'secret')] as const,
  sdk: 'const request = await client.rightsRequests.get($id);',
  request: { params, headers: requesterHeaders.partial() },
  responses: {
    200: jsonResponse(
      z.union([RightsRequestStatusView, RightsRequestWithEvents]).meta({ examples: [exampleOf(RightsRequestStatusView), exampleOf(RightsRequestWithEvents)] }),
      'The requester\'s view (publishable key) or the staff view (secret key).',
    ),
  },
});

export const cancelRightsRequestRoute = apiRoute({
  operationId: 'cancelRightsRequest',
  method: 'post',
  path: '/v1/rights-requests/{id}/cancel',
  tags: ['rights requests'],
  summary: 'Withdraw a request',
  description:
    'The requester (publishable key and `X-PortTask-Requester-Token`) withdraws a request that is not yet answered. A denied, completed or ' +
    'already cancelled request answers **409** `REQUEST_CLOSED`.',
  security: publishableKeyAuth,
  middleware: [requireKey('publishable')] as const,
  sdk: 'const request = await client.rightsRequests.cancel($id, \'rqt_0a1b2c3d4e5f6g7h8i9j0k1l2m3n4o5p\');',
  request: { params, headers: requesterHeaders },
  responses: {
    200: jsonResponse(RightsRequestStatusView, 'Cancelled.'),
  },
  errors: [409],
});

export const resendRightsRequestCodeRoute = apiRoute({
  operationId: 'resendRightsRequestCode',
  method: 'post',
  path: '/v1/rights-requests/{id}/resend-code',
  tags: ['rights requests'],
  summary: 'Send a new code',
  description:
    'For a request not yet verified (publishable key and `X-PortTask-Requester-Token`): a new 6-digit code, valid 10 minutes, is mailed ' +
    'and the previous one stops working. Wrong tries are not reset.\n\n' +
    '- **429** `RATE_LIMITED` with `Retry-After`: once a minute per request, and counted with the address\'s new requests (5 a day by default);\n' +
    '- **409** `CODE_RESEND_LIMIT_REACHED`: the request was sent 4 codes (make a new request);\n' +
    '- **409** `REQUEST_LOCKED`, `REQUEST_ALREADY_VERIFIED` or `REQUEST_CLOSED`: the request is past this step.',
  security: publishableKeyAuth,
  middleware: [requireKey('publishable')] as const,
  sdk: 'const resent = await client.rightsRequests.resendCode($id, \'rqt_0a1b2c3d4e5f6g7h8i9j0k1l2m3n4o5p\');',
  request: { params, headers: requesterHeaders },
  responses: {
    202: jsonResponse(RightsRequestCodeResent, 'A new code is on its way.'),
  },
  errors: [409, 429],
});
