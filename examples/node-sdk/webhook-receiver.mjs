// A partner's webhook receiver in plain Node: verify, ignore repeats, answer fast, then act.
// PORTTASK_WEBHOOK_SECRET=whsec_… PORT=4000 node examples/node-sdk/webhook-receiver.mjs
import { createServer } from 'node:http';
import { verifyWebhook, WebhookVerificationError } from '@porttask/sdk/server';

const secret = process.env.PORTTASK_WEBHOOK_SECRET; // from POST /v1/webhook-endpoints, shown once
const seen = new Set(); // use your database in production: a retry repeats the webhook-id

createServer((request, response) => {
  if (request.method !== 'POST' || request.url !== '/webhooks') return response.writeHead(404).end();
  const chunks = [];
  request.on('data', (chunk) => chunks.push(chunk));
  request.on('end', () => {
    let event;
    try {
      // The raw body, exactly as received: a re-serialised object would not verify.
      event = verifyWebhook(Buffer.concat(chunks), request.headers, secret);
    } catch (error) {
      if (!(error instanceof WebhookVerificationError)) throw error;
      return response.writeHead(400).end();
    }
    response.writeHead(204).end(); // answer within 10 seconds; do slow work afterwards
    const id = request.headers['webhook-id'];
    if (seen.has(id)) return;
    seen.add(id);
    // The event names the request; fetch its details with your secret key if you need them.
    console.log(JSON.stringify({ id, type: event.type, request: event.data.id, status: event.data.status, dueOn: event.data.dueOn }));
  });
}).listen(Number(process.env.PORT ?? 4000), '127.0.0.1');
