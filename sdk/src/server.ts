/**
 * `@porttask/sdk/server`: what runs on a partner's server only. Kept out of the main entry,
 * so a browser bundle of the SDK never pulls in the signature library.
 */
export { verifyWebhook, WebhookVerificationError, type WebhookHeaders } from './webhooks/verify-webhook.ts';
export type { WebhookEvent, WebhookEventType, RightsRequestEventData } from './schemas/index.ts';
