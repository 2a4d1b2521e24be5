import { verifyWebhook, WebhookVerificationError, type WebhookEvent } from '@porttask/sdk/server';
import { Hono } from 'hono';
import type { Logger } from '../logger.ts';

const KEPT_EVENTS = 50;

/**
 * The demo's webhook receiver, what a partner's server does: verify each delivery's signature
 * with the endpoint's secret (`@porttask/sdk/server`), ignore a repeat by its `webhook-id`,
 * answer 2xx quickly, and act. Acting here is logging the event and keeping the newest 50,
 * shown at `GET /`.
 */
export function demoWebhookReceiverApp(options: { secret: string; logger: Logger }) {
  const received: Array<{ webhookId: string; receivedAt: string; event: WebhookEvent }> = [];
  const app = new Hono();
  app.post('/webhooks', async (c) => {
    const body = await c.req.text();
    let event: WebhookEvent;
    try {
      event = verifyWebhook(body, c.req.raw.headers, options.secret);
    } catch (error) {
      if (!(error instanceof WebhookVerificationError)) throw error;
      options.logger.warn({ error: error.message }, 'demo webhook receiver: refused a delivery');
      return c.json({ error: error.message }, 400);
    }
    const webhookId = c.req.header('webhook-id')!;
    if (!received.some((entry) => entry.webhookId === webhookId)) {
      received.unshift({ webhookId, receivedAt: new Date().toISOString(), event });
      received.length = Math.min(received.length, KEPT_EVENTS);
      options.logger.info({ webhookId, type: event.type, request: event.data.id, status: event.data.status, dueOn: event.data.dueOn }, 'demo webhook receiver: event received');
    }
    return c.body(null, 204);
  });
  app.get('/', (c) => c.json({ note: 'The demo tenant\'s webhook events (test environment), newest first, each verified with standardwebhooks.', received }));
  return app;
}
