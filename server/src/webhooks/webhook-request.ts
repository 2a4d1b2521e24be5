import http from 'node:http';
import https from 'node:https';
import { RequestFilteringHttpAgent, RequestFilteringHttpsAgent } from 'request-filtering-agent';

export interface WebhookRequestPolicy {
  /** Whether the address may be private or loopback: test endpoints outside production only. */
  allowPrivateAddresses: boolean;
  /** The whole try, connecting included. */
  timeoutMs: number;
}

export type WebhookRequestOutcome = { ok: true; statusCode: number } | { ok: false; statusCode: number | null; error: string };

/** A receiver's answer is not kept; reading a little of it lets the connection finish cleanly. */
const MAX_ANSWER_BYTES = 64 * 1024;

/**
 * POSTs one signed body. The address a name resolves to is checked at connection time (so a
 * name that resolves to a private address, or is made to by DNS rebinding, is refused in
 * live), redirects are not followed (a 3xx is a failed try), and the whole try is bounded.
 */
export function postWebhook(url: string, headers: Record<string, string>, body: string, policy: WebhookRequestPolicy): Promise<WebhookRequestOutcome> {
  const target = new URL(url);
  const filter = { allowPrivateIPAddress: policy.allowPrivateAddresses, keepAlive: false };
  const agent = target.protocol === 'https:' ? new RequestFilteringHttpsAgent(filter) : new RequestFilteringHttpAgent(filter);
  const send = target.protocol === 'https:' ? https.request : http.request;
  return new Promise((resolve) => {
    let settled = false;
    const finish = (outcome: WebhookRequestOutcome) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      request.destroy();
      agent.destroy();
      resolve(outcome);
    };
    const request = send(target, {
      method: 'POST',
      agent,
      headers: { ...headers, 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body), 'User-Agent': 'PortTask-Webhooks/1' },
    }, (response) => {
      const statusCode = response.statusCode ?? 0;
      let read = 0;
      response.on('data', (chunk: Buffer) => {
        read += chunk.length;
        if (read > MAX_ANSWER_BYTES) done();
      });
      response.on('end', done);
      response.on('error', done);
      function done() {
        if (statusCode >= 200 && statusCode < 300) finish({ ok: true, statusCode });
        else if (statusCode >= 300 && statusCode < 400) finish({ ok: false, statusCode, error: `HTTP ${statusCode}: redirects are not followed; register the final URL` });
        else finish({ ok: false, statusCode: statusCode >= 100 && statusCode <= 599 ? statusCode : null, error: `HTTP ${statusCode}` });
      }
    });
    const timer = setTimeout(() => finish({ ok: false, statusCode: null, error: `no answer within ${policy.timeoutMs} ms` }), policy.timeoutMs);
    request.on('error', (error) => finish({ ok: false, statusCode: null, error: error.message.slice(0, 500) }));
    request.end(body);
  });
}
