import { createRoute, z } from '@hono/zod-openapi';
import { ApiKey, ApiKeyId, ApiKeyRoll, ApiKeyUpdate, PageQuery, RolledApiKey, pageOf } from '@porttask/sdk/schemas';
import { requireKey } from '../../auth/authenticate.ts';
import { errorResponses, jsonResponse, secretKeyAuth } from '../../openapi/responses.ts';

const KeyParams = z.object({ id: ApiKeyId });

export const listApiKeysRoute = createRoute({
  method: 'get',
  path: '/v1/api-keys',
  tags: ['api-keys'],
  summary: 'List the API keys of this environment',
  description: 'Every key of the calling key\'s tenant and environment (test or live), oldest first, revoked and expired ones included. Never the keys\' text. `warnings` says what is probably not as meant, e.g. a publishable key with no allowed origin.',
  security: secretKeyAuth,
  middleware: [requireKey('secret')] as const,
  request: { query: PageQuery },
  responses: {
    200: jsonResponse(pageOf(ApiKey).meta({ id: 'ApiKeyPage' }), 'One page of keys.'),
    ...errorResponses(401, 403, 422),
  },
});

export const updateApiKeyRoute = createRoute({
  method: 'patch',
  path: '/v1/api-keys/{id}',
  tags: ['api-keys'],
  summary: 'Change a key\'s allowed origins or label',
  description: 'Adds and removes allowed origins (publishable keys only) and sets the label. Origins are normalised (case, default port, trailing slash); a path, query or fragment is refused. Applies to every API process at once, and live streams opened from a removed origin end. A revoked or expired key cannot be changed (409).',
  security: secretKeyAuth,
  middleware: [requireKey('secret')] as const,
  request: { params: KeyParams, body: { content: { 'application/json': { schema: ApiKeyUpdate } }, required: true } },
  responses: {
    200: jsonResponse(ApiKey, 'The key as it is now, with its warnings.'),
    ...errorResponses(400, 401, 403, 404, 409, 413, 422),
  },
});

export const rollApiKeyRoute = createRoute({
  method: 'post',
  path: '/v1/api-keys/{id}/roll',
  tags: ['api-keys'],
  summary: 'Roll a key: a replacement now, the old key expires later',
  description: 'Creates a replacement with the same kind, environment, allowed origins and label, and gives the old key an expiry (default 24 hours, at most 7 days, 0 = at once). Both work until then; at the expiry the old key is refused (`API_KEY_EXPIRED`) and its open live streams end. The new key\'s text is in this answer only (it is not kept for an `Idempotency-Key` replay: a repeat answers 409). A key can be rolled once; roll its replacement next time.',
  security: secretKeyAuth,
  middleware: [requireKey('secret')] as const,
  request: { params: KeyParams, body: { content: { 'application/json': { schema: ApiKeyRoll } }, required: false } },
  responses: {
    201: jsonResponse(RolledApiKey, 'The replacement (with its text, shown only now) and the rolled key with its expiry.'),
    ...errorResponses(400, 401, 403, 404, 409, 413, 422),
  },
});
