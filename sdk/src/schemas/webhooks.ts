import * as z from 'zod';
import { Environment, HttpUrl, isoDate, isoDateTime } from './common.ts';
import { webhookExamples } from './examples/webhooks.ts';
import { RightsRequestId, RightsRequestStatus, RightsRequestType } from './rights-requests.ts';

/*
 * Webhooks: a partner's server registers an endpoint (secret key) and receives events as
 * signed POSTs (Standard Webhooks: `webhook-id`, `webhook-timestamp`, `webhook-signature`).
 * Payloads carry ids, types, statuses and dates only: the partner fetches the rest with its
 * secret key.
 */

export const WEBHOOK_EVENT_TYPES = [
  'rights_request.created',
  'rights_request.verified',
  'rights_request.approved',
  'rights_request.denied',
  'rights_request.extended',
  'rights_request.completed',
  'rights_request.due_soon',
  'rights_request.overdue',
] as const;

export const WebhookEventType = z.enum(WEBHOOK_EVENT_TYPES).meta({
  id: 'WebhookEventType',
  description:
    'created: a request was made (its email not yet verified); verified: the requester proved the address, the request counts; approved, denied, ' +
    'extended, completed: staff steps; due_soon: due within 7 or 2 days; overdue: past its due date and still open.',
});
export type WebhookEventType = z.infer<typeof WebhookEventType>;

/** An event type, or `*` for every type (also those added later). */
export const WebhookEventFilter = z.enum([...WEBHOOK_EVENT_TYPES, '*']).meta({ id: 'WebhookEventFilter' });
export type WebhookEventFilter = z.infer<typeof WebhookEventFilter>;

export const WebhookEndpointId = z.string().max(23).regex(/^we_[0-9a-z]{20}$/).meta({ id: 'WebhookEndpointId', example: 'we_3c5e7g9j1l3n5p7r9t1v' });

export const NewWebhookEndpoint = z
  .object({
    url: HttpUrl.meta({
      description: 'Where events are POSTed. Live: `https://` on a public address. Test: also `http://localhost` (or 127.0.0.1, [::1]) for development.',
      example: 'https://partner.example.com/webhooks/porttask',
    }),
    description: z.string().trim().min(1).max(200).optional().meta({ description: 'A name for the endpoint, for people.' }),
    events: z
      .array(WebhookEventFilter)
      .min(1)
      .max(WEBHOOK_EVENT_TYPES.length + 1)
      .default(['*'])
      .meta({ description: 'The event types to send; `["*"]` (the default) sends every type.' }),
  })
  .strict()
  .meta({ id: 'NewWebhookEndpoint', examples: [webhookExamples.newEndpoint] });
export type NewWebhookEndpoint = z.input<typeof NewWebhookEndpoint>;

export const WebhookEndpoint = z
  .object({
    id: WebhookEndpointId,
    url: HttpUrl,
    description: z.string().max(200).nullable(),
    events: z.array(WebhookEventFilter).max(WEBHOOK_EVENT_TYPES.length + 1),
    environment: Environment,
    createdAt: isoDateTime(),
  })
  .meta({ id: 'WebhookEndpoint', examples: [webhookExamples.endpoint] });
export type WebhookEndpoint = z.infer<typeof WebhookEndpoint>;

/** The endpoint as created: the only answer that holds its signing secret. */
export const WebhookEndpointWithSecret = WebhookEndpoint.extend({
  secret: z
    .string()
    .max(64)
    .regex(/^whsec_[A-Za-z0-9+/=]{24,56}$/)
    .meta({ description: 'The signing secret (Standard Webhooks format). Shown only in this answer; store it with your receiver.', example: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw' }),
}).meta({ id: 'WebhookEndpointWithSecret', examples: [webhookExamples.created] });
export type WebhookEndpointWithSecret = z.infer<typeof WebhookEndpointWithSecret>;

export const RolledWebhookEndpoint = WebhookEndpointWithSecret.extend({
  previousSecretExpiresAt: isoDateTime().meta({
    description: 'Until then deliveries carry two signatures, one under the new secret and one under the secret it replaced; after it, only the new one.',
  }),
}).meta({ id: 'RolledWebhookEndpoint', examples: [webhookExamples.rolled] });
export type RolledWebhookEndpoint = z.infer<typeof RolledWebhookEndpoint>;

export const DeletedWebhookEndpoint = z
  .object({ id: WebhookEndpointId, deleted: z.literal(true) })
  .meta({ id: 'DeletedWebhookEndpoint', examples: [webhookExamples.deleted] });
export type DeletedWebhookEndpoint = z.infer<typeof DeletedWebhookEndpoint>;

export const WebhookDeliveryStatus = z.enum(['pending', 'retrying', 'delivered', 'failed']).meta({
  id: 'WebhookDeliveryStatus',
  description: 'pending: not tried yet; retrying: failed so far, tried again at `nextAttemptAt`; delivered: a 2xx answer; failed: still failing after 3 days, given up.',
});
export type WebhookDeliveryStatus = z.infer<typeof WebhookDeliveryStatus>;

export const WebhookDelivery = z
  .object({
    id: z.string().max(24).regex(/^wdl_[0-9a-z]{20}$/),
    endpointId: WebhookEndpointId,
    eventId: z.string().max(24).regex(/^msg_[0-9a-z]{20}$/).meta({ description: 'The `webhook-id` header: the same on every attempt, so a receiver can ignore a repeat.' }),
    eventType: WebhookEventType,
    status: WebhookDeliveryStatus,
    attempts: z.number().int().min(0),
    lastStatusCode: z.number().int().min(100).max(599).nullable().meta({ description: 'The HTTP status of the last attempt; null when it got no answer (refused, timed out).' }),
    lastError: z.string().max(500).nullable(),
    lastAttemptAt: isoDateTime().nullable(),
    nextAttemptAt: isoDateTime().nullable(),
    deliveredAt: isoDateTime().nullable(),
    createdAt: isoDateTime(),
  })
  .meta({ id: 'WebhookDelivery', examples: [webhookExamples.delivery] });
export type WebhookDelivery = z.infer<typeof WebhookDelivery>;

/** What a rights-request event says about the request: no personal data. */
export const RightsRequestEventData = z
  .object({
    object: z.literal('rights_request'),
    id: RightsRequestId,
    type: RightsRequestType,
    status: RightsRequestStatus,
    dueOn: isoDate(),
  })
  .meta({ id: 'RightsRequestEventData' });
export type RightsRequestEventData = z.infer<typeof RightsRequestEventData>;

/** The body of every delivery (Standard Webhooks' `type`, `timestamp`, `data`). */
export const WebhookEvent = z
  .object({ type: WebhookEventType, timestamp: isoDateTime(), data: RightsRequestEventData })
  .meta({ id: 'WebhookEvent', examples: [webhookExamples.event] });
export type WebhookEvent = z.infer<typeof WebhookEvent>;
