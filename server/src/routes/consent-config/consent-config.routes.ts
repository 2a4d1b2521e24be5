import { ConsentConfigDetails, ConsentConfigInput, ConsentPolicyVersion, NewConsentPolicyVersion, PageQuery, SavedConsentConfig, pageOf } from '@porttask/sdk/schemas';
import { requireKey } from '../../auth/authenticate.ts';
import { apiRoute } from '../../openapi/operation.ts';
import { jsonBody, jsonResponse, secretKeyAuth } from '../../openapi/responses.ts';

export const getConsentConfigRoute = apiRoute({
  operationId: 'getConsentConfig',
  method: 'get',
  path: '/v1/consent-config',
  tags: ['consent-config'],
  summary: 'Get the consent configuration and the policy-version history',
  description:
    'The tenant\'s consent configuration (or the defaults, with `configured: false`, until one is saved) and every ' +
    'privacy-policy version it published, newest first.',
  security: secretKeyAuth,
  middleware: [requireKey('secret')] as const,
  sdk: null,
  responses: {
    200: jsonResponse(ConsentConfigDetails, 'The configuration (or the defaults) and every policy version, newest first.'),
  },
});

export const putConsentConfigRoute = apiRoute({
  operationId: 'replaceConsentConfig',
  method: 'put',
  path: '/v1/consent-config',
  tags: ['consent-config'],
  summary: 'Replace the consent configuration',
  description:
    'Purposes (with their services and cookie patterns), the jurisdiction model, Global Privacy Control, expiry and ' +
    'texts, as a whole.\n\n' +
    '- One purpose must be strictly necessary (`required: true`); purpose keys are unique.\n' +
    '- Every saved configuration is kept (see `GET /v1/consent-config/history`), so a record\'s `bannerTextHash` can ' +
    'be checked later.\n' +
    '- Policy versions are published separately and never overwritten.',
  security: secretKeyAuth,
  middleware: [requireKey('secret')] as const,
  sdk: null,
  request: { body: jsonBody(ConsentConfigInput) },
  responses: {
    200: jsonResponse(ConsentConfigDetails, 'The configuration as stored.'),
  },
});

export const addPolicyVersionRoute = apiRoute({
  operationId: 'publishPolicyVersion',
  method: 'post',
  path: '/v1/consent-config/policy-versions',
  tags: ['consent-config'],
  summary: 'Publish a new privacy-policy version',
  description:
    'Appends a version, which becomes the current one: every visitor is asked again. A version that exists already ' +
    'is refused (**409** `CONFLICT`); the history is never overwritten.',
  security: secretKeyAuth,
  middleware: [requireKey('secret')] as const,
  sdk: null,
  request: { body: jsonBody(NewConsentPolicyVersion) },
  responses: {
    201: jsonResponse(ConsentPolicyVersion, 'The new current version.'),
  },
});

export const consentConfigHistoryRoute = apiRoute({
  operationId: 'listConsentConfigHistory',
  method: 'get',
  path: '/v1/consent-config/history',
  tags: ['consent-config'],
  summary: 'List every consent configuration the tenant saved',
  description:
    'Newest first, each with the time it was saved. Kept for good (the API may only add to it): with the policy ' +
    'versions it tells what a banner showed when a decision was made.',
  security: secretKeyAuth,
  middleware: [requireKey('secret')] as const,
  sdk: null,
  request: { query: PageQuery },
  responses: {
    200: jsonResponse(pageOf(SavedConsentConfig, 'SavedConsentConfigPage'), 'One page of saved configurations.'),
  },
});
