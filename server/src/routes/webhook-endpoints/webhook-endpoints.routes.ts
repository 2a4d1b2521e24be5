import { z } from '@hono/zod-openapi';
import { DeletedWebhookEndpoint, NewWebhookEndpoint, PageQuery, RolledWebhookEndpoint, WebhookDelivery, WebhookEndpoint, WebhookEndpointId, WebhookEndpointWithSecret, pageOf } from '@porttask/sdk/schemas';
import { requireKey } from '../../auth/authenticate.ts';
import { apiRoute } from '../../openapi/operation.ts';
import { jsonBody, jsonResponse, secretKeyAuth } from '../../openapi/responses.ts';

const EndpointParams = z.object({ id: WebhookEndpointId });

export const createWebhookEndpointRoute = apiRoute({
  operationId: 'createWebhookEndpoint',
  method: 'post',
  path: '/v1/webhook-endpoints',
  tags: ['webhooks'],
  summary: 'Register a webhook endpoint',
  description:
    'Events of the calling key\'s environment (`rights_request.*`) are POSTed to `url`, signed per the Standard Webhooks spec ' +
    '(`webhook-id`, `webhook-timestamp`, `webhook-signature`). A failed delivery (no 2xx within 10 seconds, a redirect, no connection) ' +
    'is tried again with exponential backoff for 3 days.\n\nLive endpoints must be `https://` on a public address; test endpoints may ' +
    'also be `http://localhost`. The signing secret `whsec_…` is in this answer only: it is stored encrypted and never shown again, so ' +
    'a repeat with the same `Idempotency-Key` runs again and registers another endpoint. At most 16 endpoints per environment: ' +
    '**409** `WEBHOOK_ENDPOINT_LIMIT`.',
  security: secretKeyAuth,
  middleware: [requireKey('secret')] as const,
  sdk: 'const endpoint = await client.webhookEndpoints.create($body);',
  request: { body: jsonBody(NewWebhookEndpoint) },
  responses: { 201: jsonResponse(WebhookEndpointWithSecret, 'The endpoint, with its signing secret (shown only now).') },
});

export const listWebhookEndpointsRoute = apiRoute({
  operationId: 'listWebhookEndpoints',
  method: 'get',
  path: '/v1/webhook-endpoints',
  tags: ['webhooks'],
  summary: 'List the webhook endpoints of this environment',
  description: 'Every endpoint of the calling key\'s tenant and environment, oldest first, without their secrets.',
  security: secretKeyAuth,
  middleware: [requireKey('secret')] as const,
  sdk: 'for await (const endpoint of client.webhookEndpoints.list()) console.log(endpoint.id, endpoint.url);',
  request: { query: PageQuery },
  responses: { 200: jsonResponse(pageOf(WebhookEndpoint, 'WebhookEndpointPage'), 'One page of endpoints.') },
});

export const getWebhookEndpointRoute = apiRoute({
  operationId: 'getWebhookEndpoint',
  method: 'get',
  path: '/v1/webhook-endpoints/{id}',
  tags: ['webhooks'],
  summary: 'Get a webhook endpoint',
  description: 'The endpoint, without its secret. Another tenant\'s or environment\'s endpoint is **404**, as one that does not exist.',
  security: secretKeyAuth,
  middleware: [requireKey('secret')] as const,
  sdk: 'const endpoint = await client.webhookEndpoints.get($id);',
  request: { params: EndpointParams },
  responses: { 200: jsonResponse(WebhookEndpoint, 'The endpoint.') },
});

export const deleteWebhookEndpointRoute = apiRoute({
  operationId: 'deleteWebhookEndpoint',
  method: 'delete',
  path: '/v1/webhook-endpoints/{id}',
  tags: ['webhooks'],
  summary: 'Delete a webhook endpoint',
  description: 'Stops all deliveries to the endpoint at once, those waiting for a retry included, and deletes its delivery log.',
  security: secretKeyAuth,
  middleware: [requireKey('secret')] as const,
  sdk: 'await client.webhookEndpoints.delete($id);',
  request: { params: EndpointParams },
  responses: { 200: jsonResponse(DeletedWebhookEndpoint, 'The endpoint was deleted.') },
});

export const listWebhookDeliveriesRoute = apiRoute({
  operationId: 'listWebhookDeliveries',
  method: 'get',
  path: '/v1/webhook-endpoints/{id}/deliveries',
  tags: ['webhooks'],
  summary: 'List an endpoint\'s deliveries',
  description:
    'The delivery log, newest first: each event sent to the endpoint with its status (`pending`, `retrying`, `delivered`, `failed`), ' +
    'the tries made, the last HTTP status or error, and when the next try is due. A delivery that still fails 3 days after its event ' +
    'is `failed` and not tried again.',
  security: secretKeyAuth,
  middleware: [requireKey('secret')] as const,
  sdk: 'for await (const delivery of client.webhookEndpoints.deliveries($id)) console.log(delivery.eventType, delivery.status);',
  request: { params: EndpointParams, query: PageQuery },
  responses: { 200: jsonResponse(pageOf(WebhookDelivery, 'WebhookDeliveryPage'), 'One page of deliveries.') },
});

export const rollWebhookEndpointSecretRoute = apiRoute({
  operationId: 'rollWebhookEndpointSecret',
  method: 'post',
  path: '/v1/webhook-endpoints/{id}/roll-secret',
  tags: ['webhooks'],
  summary: 'Roll an endpoint\'s signing secret',
  description:
    'Makes a new signing secret `whsec_…` (in this answer only, as at creation). For the next 24 hours (`previousSecretExpiresAt`) ' +
    'every delivery carries two signatures in `webhook-signature`, one under the new secret and one under the secret it replaced, so ' +
    'a receiver verifies with either while it switches; after that, only the new secret signs. Rolling again within the 24 hours ends ' +
    'the older secret at once: only the newest two sign. A repeat with the same `Idempotency-Key` rolls again.',
  security: secretKeyAuth,
  middleware: [requireKey('secret')] as const,
  sdk: 'const { secret } = await client.webhookEndpoints.rollSecret($id);',
  request: { params: EndpointParams },
  responses: { 200: jsonResponse(RolledWebhookEndpoint, 'The endpoint, with its new signing secret (shown only now).') },
});
