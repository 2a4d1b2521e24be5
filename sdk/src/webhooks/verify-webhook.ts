import { Webhook, WebhookVerificationError } from 'standardwebhooks';
import type { WebhookEvent } from '../schemas/index.ts';

export { WebhookVerificationError };

/** Headers as a server framework gives them: a fetch `Headers`, or Node's `IncomingHttpHeaders`. */
export type WebhookHeaders = Headers | Record<string, string | string[] | undefined>;

function headerRecord(headers: WebhookHeaders): Record<string, string> {
  const record: Record<string, string> = {};
  const entries: Iterable<[string, string | string[] | undefined]> = typeof (headers as Headers).forEach === 'function' && typeof (headers as Headers).get === 'function'
    ? (headers as Headers).entries()
    : Object.entries(headers);
  for (const [name, value] of entries) {
    if (value !== undefined) record[name.toLowerCase()] = Array.isArray(value) ? value.join(' ') : value;
  }
  return record;
}

/**
 * Checks a PortTask webhook delivery and returns its event; throws `WebhookVerificationError`
 * when the signature does not match the endpoint's secret, a header is missing, or the
 * timestamp is more than 5 minutes off (a replayed delivery). Pass the body exactly as it
 * arrived (the raw text or bytes, not a re-serialised object).
 *
 *   const event = verifyWebhook(rawBody, request.headers, process.env.PORTTASK_WEBHOOK_SECRET);
 *
 * The `webhook-id` header is the event's id, the same on every retry: store it to ignore repeats.
 */
export function verifyWebhook(payload: string | Uint8Array, headers: WebhookHeaders, secret: string): WebhookEvent {
  const body = typeof payload === 'string' ? payload : new TextDecoder().decode(payload);
  return new Webhook(secret).verify(body, headerRecord(headers)) as WebhookEvent;
}
