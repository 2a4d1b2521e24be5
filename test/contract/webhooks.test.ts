import assert from 'node:assert/strict';
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { NotFoundError, createClient } from '@porttask/sdk';
import { freePort } from '../../server/src/db/local-postgres.ts';
import { startTestServer, type TestServer } from '../../server/src/testing/test-server.ts';

/**
 * Webhooks as a partner uses them: endpoints through the SDK against the real API over HTTP,
 * and the receiver of docs/webhooks.md (examples/node-sdk/webhook-receiver.mjs, run as its
 * own Node process) verifying a real delivery. The page shows the file as it is.
 */
const ROOT = path.resolve(import.meta.dirname, '../..');
const EXAMPLE = path.join(ROOT, 'examples/node-sdk/webhook-receiver.mjs');

let api: TestServer;
let receiver: ChildProcessWithoutNullStreams | undefined;
before(async () => { api = await startTestServer({ withRightsAndWebhooks: true }); });
after(async () => {
  receiver?.kill('SIGTERM');
  await api.close();
});

describe('webhooks through the SDK, received by the documented example', () => {
  it('docs/webhooks.md shows the example receiver exactly as it is in examples/', async () => {
    const docs = await readFile(path.join(ROOT, 'docs/webhooks.md'), 'utf8');
    assert.ok(docs.includes((await readFile(EXAMPLE, 'utf8')).trim()), 'the page holds the file verbatim');
  });

  it('create → the example receiver verifies the delivery and logs the event → the delivery log says delivered → delete', async () => {
    const client = createClient({ apiUrl: api.apiUrl, secretKey: api.secretKey });
    const port = await freePort();
    const endpoint = await client.webhookEndpoints.create({ url: `http://127.0.0.1:${port}/webhooks`, events: ['rights_request.created'] });
    assert.match(endpoint.secret, /^whsec_/);
    assert.deepEqual((await client.webhookEndpoints.get(endpoint.id)).url, endpoint.url);
    const listed = [];
    for await (const each of client.webhookEndpoints.list()) listed.push(each.id);
    assert.deepEqual(listed, [endpoint.id]);

    receiver = spawn(process.execPath, ['--conditions=source', '--import', import.meta.resolve('tsx'), EXAMPLE], {
      env: { ...process.env, PORT: String(port), PORTTASK_WEBHOOK_SECRET: endpoint.secret },
    });
    let output = '';
    receiver.stdout.on('data', (chunk: Buffer) => { output += chunk; });
    await waitUntil(async () => fetch(`http://127.0.0.1:${port}/`).then(() => true, () => false), 'the receiver to listen');
    // A forged delivery is refused by the example.
    const forged = await fetch(`http://127.0.0.1:${port}/webhooks`, {
      method: 'POST', body: '{"type":"rights_request.created"}',
      headers: { 'webhook-id': 'msg_forged', 'webhook-timestamp': String(Math.floor(Date.now() / 1000)), 'webhook-signature': 'v1,Zm9yZ2Vk' },
    });
    assert.equal(forged.status, 400);

    const visitor = createClient({ apiUrl: api.apiUrl, publishableKey: api.publishableKey });
    const request = await visitor.rightsRequests.create({ type: 'access', email: 'sdk.webhook@example.com' });
    const line = await waitUntil(() => output.split('\n').find((candidate) => candidate.includes(request.id)), 'the example to log the event');
    assert.deepEqual(JSON.parse(line), { id: JSON.parse(line).id, type: 'rights_request.created', request: request.id, status: 'identity_unverified', dueOn: JSON.parse(line).dueOn });
    assert.match(JSON.parse(line).id, /^msg_/);

    const delivery = await waitUntil(async () => {
      const page = await client.webhookEndpoints.deliveries(endpoint.id);
      return page.data[0]?.status === 'delivered' ? page.data[0] : undefined;
    }, 'the delivery log');
    assert.equal(delivery.attempts, 1);
    assert.equal(delivery.lastStatusCode, 204);
    assert.deepEqual(await client.webhookEndpoints.delete(endpoint.id), { id: endpoint.id, deleted: true });
    await assert.rejects(client.webhookEndpoints.get(endpoint.id), NotFoundError);
  });
});

async function waitUntil<T>(check: () => Promise<T | undefined | false> | T | undefined | false, what: string, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
