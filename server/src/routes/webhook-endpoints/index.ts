import { createRouter } from '../../http/router.ts';
import type { FieldEncryption } from '../../secrets/field-encryption.ts';
import { webhookEndpointHandlers } from './webhook-endpoints.handlers.ts';
import {
  createWebhookEndpointRoute, deleteWebhookEndpointRoute, getWebhookEndpointRoute, listWebhookDeliveriesRoute, listWebhookEndpointsRoute, rollWebhookEndpointSecretRoute,
} from './webhook-endpoints.routes.ts';

/** Webhook endpoints and their delivery logs (secret key). */
export function webhookEndpointsRouter(services: { encryption: FieldEncryption }) {
  const handlers = webhookEndpointHandlers(services);
  return createRouter()
    .openapi(createWebhookEndpointRoute, handlers.create)
    .openapi(listWebhookEndpointsRoute, handlers.list)
    .openapi(getWebhookEndpointRoute, handlers.get)
    .openapi(deleteWebhookEndpointRoute, handlers.remove)
    .openapi(listWebhookDeliveriesRoute, handlers.deliveries)
    .openapi(rollWebhookEndpointSecretRoute, handlers.rollSecret);
}
