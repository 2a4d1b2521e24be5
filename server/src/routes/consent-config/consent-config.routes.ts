import { createRoute } from '@hono/zod-openapi';
import { ConsentConfigDetails, ConsentConfigInput, ConsentPolicyVersion, NewConsentPolicyVersion, PageQuery, SavedConsentConfig, pageOf } from '@porttask/sdk/schemas';
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

export const consentConfigHistoryRoute = createRoute({
  method: 'get',
  path: '/v1/consent-config/history',
  tags: ['consent-config'],
  summary: 'List every consent configuration the tenant saved',
  description: 'Newest first, each with the time it was saved. Kept for good (the app role may only add to it): with the policy versions it tells what a banner showed when a decision was made.',
  security: secretKeyAuth,
  middleware: [requireKey('secret')] as const,
  request: { query: PageQuery },
  responses: {
    200: jsonResponse(pageOf(SavedConsentConfig).meta({ id: 'SavedConsentConfigPage' }), 'One page of saved configurations.'),
    ...errorResponses(400, 401, 403, 422),
  },
});
