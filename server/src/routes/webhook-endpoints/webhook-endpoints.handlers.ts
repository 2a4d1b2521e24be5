import type { RouteHandler } from '@hono/zod-openapi';
import type { AppEnv } from '../../app-env.ts';
import { ApiError } from '../../http/api-error.ts';
import { pageCursorsOf } from '../../http/page-cursor.ts';
import { newWebhookEndpointId } from '../../ids.ts';
import type { FieldEncryption } from '../../secrets/field-encryption.ts';
import { refusalOfEndpointUrl } from '../../webhooks/endpoint-url.ts';
import { listDeliveries } from '../../webhooks/webhook-deliveries.queries.ts';
import { deleteEndpoint, findEndpoint, insertEndpoint, listEndpoints, lockEndpointSecret, MAX_ENDPOINTS_PER_ENVIRONMENT, replaceEndpointSecret } from '../../webhooks/webhook-endpoints.queries.ts';
import { newSigningSecret, openSigningSecret, PREVIOUS_SECRET_HOURS, sealSigningSecret } from '../../webhooks/webhook-secrets.ts';
import type {
  createWebhookEndpointRoute, deleteWebhookEndpointRoute, getWebhookEndpointRoute, listWebhookDeliveriesRoute, listWebhookEndpointsRoute, rollWebhookEndpointSecretRoute,
} from './webhook-endpoints.routes.ts';

export function webhookEndpointHandlers({ encryption }: { encryption: FieldEncryption }) {
  const create: RouteHandler<typeof createWebhookEndpointRoute, AppEnv> = async (c) => {
    const input = c.req.valid('json');
    const sql = c.get('sql');
    const scope = c.get('scope');
    const refusal = refusalOfEndpointUrl(input.url, scope.environment);
    if (refusal) throw ApiError.validation([{ path: ['body', 'url'], message: refusal, code: 'invalid_webhook_url' }]);
    const id = newWebhookEndpointId();
    const secret = newSigningSecret();
    // '*' covers every type: listing types next to it would only mislead.
    const events = input.events.includes('*') ? ['*' as const] : [...new Set(input.events)];
    const endpoint = await insertEndpoint(sql, scope, {
      id, url: input.url, description: input.description ?? null, events, sealedSecret: sealSigningSecret(await encryption.tenantKey(sql, scope), id, secret),
    });
    if (!endpoint) throw new ApiError(409, 'WEBHOOK_ENDPOINT_LIMIT', `This environment has ${MAX_ENDPOINTS_PER_ENVIRONMENT} endpoints already; delete one first.`);
    // no-store: the answer holds the secret, which no cache (nor the idempotency store) keeps.
    c.header('Cache-Control', 'no-store');
    return c.json({ ...endpoint, secret }, 201);
  };

  const list: RouteHandler<typeof listWebhookEndpointsRoute, AppEnv> = async (c) => {
    const { cursor, limit } = c.req.valid('query');
    const cursors = pageCursorsOf(c);
    const after = cursors.open('webhook-endpoints', cursor)?.[0];
    const page = await listEndpoints(c.get('sql'), c.get('scope'), { after: after === undefined ? undefined : BigInt(after), limit });
    return c.json({ data: page.endpoints, nextCursor: cursors.seal('webhook-endpoints', page.nextAfter ? [page.nextAfter] : null) }, 200);
  };

  const get: RouteHandler<typeof getWebhookEndpointRoute, AppEnv> = async (c) => {
    const endpoint = await findEndpoint(c.get('sql'), c.get('scope'), c.req.valid('param').id);
    if (!endpoint) throw ApiError.notFound('The webhook endpoint');
    return c.json(endpoint, 200);
  };

  const remove: RouteHandler<typeof deleteWebhookEndpointRoute, AppEnv> = async (c) => {
    const { id } = c.req.valid('param');
    if (!(await deleteEndpoint(c.get('sql'), c.get('scope'), id))) throw ApiError.notFound('The webhook endpoint');
    return c.json({ id, deleted: true as const }, 200);
  };

  const deliveries: RouteHandler<typeof listWebhookDeliveriesRoute, AppEnv> = async (c) => {
    const { id } = c.req.valid('param');
    const { cursor, limit } = c.req.valid('query');
    const cursors = pageCursorsOf(c);
    // Bound to the endpoint: one endpoint's cursor does not continue another's log. Opened
    // first: a forged cursor is refused before any query runs.
    const listName = `webhook-deliveries|${id}`;
    const before = cursors.open(listName, cursor)?.[0];
    if (!(await findEndpoint(c.get('sql'), c.get('scope'), id))) throw ApiError.notFound('The webhook endpoint');
    const page = await listDeliveries(c.get('sql'), c.get('scope'), id, { before: before === undefined ? undefined : BigInt(before), limit });
    return c.json({ data: page.deliveries, nextCursor: cursors.seal(listName, page.nextBefore ? [page.nextBefore] : null) }, 200);
  };

  const rollSecret: RouteHandler<typeof rollWebhookEndpointSecretRoute, AppEnv> = async (c) => {
    const { id } = c.req.valid('param');
    const sql = c.get('sql');
    const scope = c.get('scope');
    // In the request's transaction, with the row locked: two rolls at once take turns.
    const locked = await lockEndpointSecret(sql, scope, id);
    if (!locked) throw ApiError.notFound('The webhook endpoint');
    const tenantKey = await encryption.tenantKey(sql, scope);
    const replaced = openSigningSecret(tenantKey, id, locked.secret);
    const secret = newSigningSecret();
    const previousSecretExpiresAt = new Date(Date.now() + PREVIOUS_SECRET_HOURS * 3_600_000);
    await replaceEndpointSecret(sql, scope, id, {
      current: sealSigningSecret(tenantKey, id, secret),
      previous: sealSigningSecret(tenantKey, id, replaced, 'previous_secret'),
      previousExpiresAt: previousSecretExpiresAt,
    });
    c.header('Cache-Control', 'no-store');
    return c.json({ ...locked.endpoint, secret, previousSecretExpiresAt: previousSecretExpiresAt.toISOString() }, 200);
  };

  return { create, list, get, remove, deliveries, rollSecret };
}
