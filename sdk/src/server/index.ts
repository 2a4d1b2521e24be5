/**
 * `@porttask/sdk/server`: what only a partner's server needs. Kept out of the main entry, so
 * browser bundles of the SDK never carry jose or the webhook signature library.
 */
export { AccessTokenError, verifyAccessToken, type AccessTokenClaims, type VerifyAccessTokenOptions } from './verify-access-token.ts';
export { verifyWebhook, WebhookVerificationError, type WebhookHeaders } from '../webhooks/verify-webhook.ts';
export type { WebhookEvent, WebhookEventType, RightsRequestEventData } from '../schemas/index.ts';
