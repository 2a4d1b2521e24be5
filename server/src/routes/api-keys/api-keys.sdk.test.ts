import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createClient, ConflictError, ValidationError } from '@porttask/sdk';
import { startTestServer, type TestServer } from '../../testing/test-server.ts';

let server: TestServer;
before(async () => { server = await startTestServer(); });
after(async () => { await server.close(); });

describe('client.apiKeys over HTTP', () => {
  it('lists, updates and rolls with typed answers and typed errors', async () => {
    const client = createClient({ apiUrl: server.apiUrl, secretKey: server.secretKey, maxRetries: 0 });
    const keys = [];
    for await (const key of client.apiKeys.list({ limit: 1 })) keys.push(key);
    assert.equal(keys.length, 2);
    const publishable = keys.find((key) => key.kind === 'publishable')!;
    assert.deepEqual(publishable.warnings.map((warning) => warning.code), ['PUBLISHABLE_KEY_WITHOUT_ORIGINS']);
    assert.match(publishable.warnings[0]!.message, /only from localhost/);
    const updated = await client.apiKeys.update(publishable.id, { addOrigins: ['http://Partner.example:80/'] });
    assert.deepEqual(updated.allowedOrigins, ['http://partner.example']);
    assert.deepEqual(updated.warnings, []);
    await assert.rejects(client.apiKeys.update(publishable.id, { addOrigins: ['http://partner.example/x'] }), ValidationError);
    const rolled = await client.apiKeys.roll(publishable.id, { expiresInSeconds: 3600 });
    assert.deepEqual(rolled.key.allowedOrigins, ['http://partner.example']);
    await assert.rejects(client.apiKeys.roll(publishable.id), ConflictError);
  });
});
