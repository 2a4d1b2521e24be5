import { createRoute } from '@hono/zod-openapi';
import { ConsentConfigDetails, ConsentConfigInput, ConsentPolicyVersion, NewConsentPolicyVersion } from '@porttask/sdk/schemas';
import { requireKey } from '../../auth/authenticate.ts';
import { errorResponses, jsonResponse, secretKeyAuth } from '../../openapi/responses.ts';

export const getConsentConfigRoute = createRoute({
  method: 'get',
  path: '/v1/consent-config',
  tags: ['consent-config'],
  summary: 'Get the consent configuration and the policy-version history',
  security: secretKeyAuth,
  middleware: [requireKey('secret')] as const,
  responses: {
    200: jsonResponse(ConsentConfigDetails, 'The configuration (or the defaults) and every policy version, newest first.'),
    ...errorResponses(401, 403),
  },
});

export const putConsentConfigRoute = createRoute({
  method: 'put',
  path: '/v1/consent-config',
  tags: ['consent-config'],
  summary: 'Replace the consent configuration',
  description: 'Purposes (with services and cookie patterns), jurisdiction model, GPC, expiry and texts. Policy versions are added separately and never overwritten.',
  security: secretKeyAuth,
  middleware: [requireKey('secret')] as const,
  request: { body: { content: { 'application/json': { schema: ConsentConfigInput } }, required: true } },
  responses: {
    200: jsonResponse(ConsentConfigDetails, 'The configuration as stored.'),
    ...errorResponses(400, 401, 403, 413, 422),
  },
});

export const addPolicyVersionRoute = createRoute({
  method: 'post',
  path: '/v1/consent-config/policy-versions',
  tags: ['consent-config'],
  summary: 'Publish a new privacy-policy version',
  description: 'Appends a version, which becomes the current one: every visitor is asked again. A version that exists already is refused (409); the history is never overwritten.',
  security: secretKeyAuth,
  middleware: [requireKey('secret')] as const,
  request: { body: { content: { 'application/json': { schema: NewConsentPolicyVersion } }, required: true } },
  responses: {
    201: jsonResponse(ConsentPolicyVersion, 'The new current version.'),
    ...errorResponses(400, 401, 403, 409, 413, 422),
  },
});
