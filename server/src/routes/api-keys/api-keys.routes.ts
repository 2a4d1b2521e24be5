import { z } from '@hono/zod-openapi';
import { ApiKey, ApiKeyId, ApiKeyRoll, ApiKeyUpdate, PageQuery, RolledApiKey, pageOf } from '@porttask/sdk/schemas';
import { requireKey } from '../../auth/authenticate.ts';
import { apiRoute } from '../../openapi/operation.ts';
import { jsonBody, jsonResponse, secretKeyAuth } from '../../openapi/responses.ts';

const KeyParams = z.object({ id: ApiKeyId });

export const listApiKeysRoute = apiRoute({
  operationId: 'listApiKeys',
  method: 'get',
  path: '/v1/api-keys',
  tags: ['api-keys'],
  summary: 'List the API keys of this environment',
  description:
    'Every key of the calling key\'s tenant and environment (test or live), oldest first, revoked and expired ones included. ' +
    'Never the keys\' text.\n\n`warnings` says what is probably not as meant, e.g. a publishable key with no allowed origin.',
  security: secretKeyAuth,
  middleware: [requireKey('secret')] as const,
  sdk: 'for await (const key of client.apiKeys.list()) console.log(key.id, key.status);',
  request: { query: PageQuery },
  responses: {
    200: jsonResponse(pageOf(ApiKey, 'ApiKeyPage'), 'One page of keys.'),
  },
});

export const updateApiKeyRoute = apiRoute({
  operationId: 'updateApiKey',
  method: 'patch',
  path: '/v1/api-keys/{id}',
  tags: ['api-keys'],
  summary: 'Change a key\'s allowed origins or label',
  description:
    'Adds and removes allowed origins (publishable keys only) and sets the label. Origins are normalised (case, default port, ' +
    'trailing slash); a path, query or fragment is refused. Applies to every API process at once, and live streams opened from a ' +
    'removed origin end.\n\nA revoked or expired key cannot be changed: **409** `CONFLICT`.',
  security: secretKeyAuth,
  middleware: [requireKey('secret')] as const,
  sdk: 'const key = await client.apiKeys.update($id, $body);',
  request: { params: KeyParams, body: jsonBody(ApiKeyUpdate) },
  responses: {
    200: jsonResponse(ApiKey, 'The key as it is now, with its warnings.'),
  },
});

export const rollApiKeyRoute = apiRoute({
  operationId: 'rollApiKey',
  method: 'post',
  path: '/v1/api-keys/{id}/roll',
  tags: ['api-keys'],
  summary: 'Roll a key: a replacement now, the old key expires later',
  description:
    'Creates a replacement with the same kind, environment, allowed origins and label, and gives the old key an expiry (default ' +
    '24 hours, at most 7 days, 0 = at once). Both work until then; at the expiry the old key is refused (`API_KEY_EXPIRED`) and ' +
    'its open live streams end.\n\nThe new key\'s text is in this answer only: it is not kept for an `Idempotency-Key` replay, so a ' +
    'repeat answers **409**. A key can be rolled once (roll its replacement next time); a rolled, revoked or expired key answers **409**.',
  security: secretKeyAuth,
  middleware: [requireKey('secret')] as const,
  sdk: 'const { key, previousKey } = await client.apiKeys.roll($id, $body);',
  request: { params: KeyParams, body: { ...jsonBody(ApiKeyRoll), required: false } },
  responses: {
    201: jsonResponse(RolledApiKey, 'The replacement (with its text, shown only now) and the rolled key with its expiry.'),
  },
});

