import assert from 'node:assert/strict';
import { createServer, request as httpRequest, type Server } from 'node:http';
import { after, before, describe, it } from 'node:test';
import { AuthenticationError, ConnectionError, NotFoundError, PermissionDeniedError, createClient } from '@porttask/sdk';
import { startTestServer, type TestServer } from '../../server/src/testing/test-server.ts';

/**
 * The SDK against the real API over HTTP. Faults are injected by a real HTTP proxy in front
 * of it (answers 503 for the first N requests, then forwards), not by mocking fetch.
 */
let api: TestServer;
before(async () => { api = await startTestServer({ allowedOrigins: ['https://portal.example'] }); });
after(async () => { await api.close(); });

interface FlakyProxy { url: string; attempts: { method: string; idempotencyKey: string | undefined; at: number }[]; close(): Promise<void> }

async function flakyProxy(failures: number, retryAfterSeconds?: number): Promise<FlakyProxy> {
  const attempts: FlakyProxy['attempts'] = [];
  const target = new URL(api.apiUrl);
  const server: Server = createServer((incoming, outgoing) => {
    attempts.push({ method: incoming.method!, idempotencyKey: incoming.headers['idempotency-key'] as string | undefined, at: Date.now() });
    if (attempts.length <= failures) {
      outgoing.writeHead(503, { 'Content-Type': 'application/json', ...(retryAfterSeconds !== undefined ? { 'Retry-After': String(retryAfterSeconds) } : {}) });
      outgoing.end(JSON.stringify({ error: { code: 'SERVICE_UNAVAILABLE', message: 'try later', requestId: 'req_proxy0000' } }));
      return;
    }
    const forwarded = httpRequest({ host: target.hostname, port: target.port, path: incoming.url, method: incoming.method, headers: incoming.headers }, (response) => {
      outgoing.writeHead(response.statusCode!, response.headers);
      response.pipe(outgoing);
    });
    incoming.pipe(forwarded);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address() as { port: number };
  return { url: `http://127.0.0.1:${address.port}`, attempts, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

describe('SDK against the API', () => {
  it('reads the tenant config with a publishable key and with a secret key', async () => {
    const browserLike = createClient({ apiUrl: api.apiUrl, publishableKey: api.publishableKey });
    const serverSide = createClient({ apiUrl: api.apiUrl, secretKey: api.secretKey });
    const [a, b] = await Promise.all([browserLike.config.get(), serverSide.config.get()]);
    assert.equal(a.tenant.id, api.tenantId);
    assert.deepEqual(a, b);
  });

  it('throws typed errors carrying status, code and request id', async () => {
    const client = createClient({ apiUrl: api.apiUrl, publishableKey: `pk_test_${api.tenantId.slice(4)}${'0'.repeat(32)}`, maxRetries: 0 });
    const error = await client.config.get().catch((caught: unknown) => caught);
    assert.ok(error instanceof AuthenticationError, String(error));
    assert.equal(error.status, 401);
    assert.equal(error.code, 'INVALID_API_KEY');
    assert.match(error.requestId ?? '', /^req_/);

    const wrongOrigin = createClient({
      apiUrl: api.apiUrl, publishableKey: api.publishableKey, maxRetries: 0,
      fetch: (input, init) => fetch(input, { ...init, headers: { ...Object.fromEntries(new Headers((input as Request).headers ?? init?.headers)), Origin: 'https://evil.example' } }),
    });
    const refused = await wrongOrigin.config.get().catch((caught: unknown) => caught);
    assert.ok(refused instanceof PermissionDeniedError, String(refused));
    assert.equal(refused.code, 'ORIGIN_NOT_ALLOWED');
  });

  it('retries 503s, honouring Retry-After, and then succeeds', async () => {
    const proxy = await flakyProxy(2, 1);
    try {
      const client = createClient({ apiUrl: proxy.url, publishableKey: api.publishableKey, maxRetries: 2 });
      const config = await client.config.get();
      assert.equal(config.tenant.id, api.tenantId);
      assert.equal(proxy.attempts.length, 3);
      assert.ok(proxy.attempts[1]!.at - proxy.attempts[0]!.at >= 900, 'waited for Retry-After: 1');
    } finally {
      await proxy.close();
    }
  });

  it('sends one idempotency key per POST, reused on every retry', async () => {
    const proxy = await flakyProxy(2, 0);
    try {
      const client = createClient({ apiUrl: proxy.url, secretKey: api.secretKey, maxRetries: 2 });
      // No POST route exists in the foundation; the retried call ends in the API's 404.
      const http = (client as unknown as { config: { http: { post: (path: string, body: unknown) => Promise<unknown> } } }).config.http;
      const error = await http.post('/v1/nothing-here', { a: 1 }).catch((caught: unknown) => caught);
      assert.ok(error instanceof NotFoundError, String(error));
      const keys = proxy.attempts.map((attempt) => attempt.idempotencyKey);
      assert.equal(keys.length, 3);
      assert.ok(keys[0] && keys.every((key) => key === keys[0]), JSON.stringify(keys));
    } finally {
      await proxy.close();
    }
  });

  it('gives up with a ConnectionError when nothing answers', async () => {
    const client = createClient({ apiUrl: 'http://127.0.0.1:9', publishableKey: api.publishableKey, maxRetries: 0 });
    const error = await client.config.get().catch((caught: unknown) => caught);
    assert.ok(error instanceof ConnectionError, String(error));
    assert.equal(error.status, 0);
  });
});
