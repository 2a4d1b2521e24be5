import assert from 'node:assert/strict';
import { createServer, request as httpRequest, type Server } from 'node:http';
import { after, before, describe, it } from 'node:test';
import { AuthenticationError, ConflictError, ConnectionError, PermissionDeniedError, createClient } from '@porttask/sdk';
import { startTestServer, type TestServer } from '../../server/src/testing/test-server.ts';

/**
 * The SDK against the real API over HTTP. Faults are injected by a real HTTP proxy in front
 * of it (answers 503 for the first N requests, then forwards), not by mocking fetch.
 */
let api: TestServer;
before(async () => { api = await startTestServer({ allowedOrigins: ['https://portal.example'] }); });
after(async () => { await api.close(); });

interface FlakyProxy { url: string; attempts: { method: string; idempotencyKey: string | undefined; at: number }[]; close(): Promise<void> }

/**
 * `failures` first requests answer 503 (or `failWith`'s status and code). With `applyFirst`,
 * those requests still reach the API (their effect happens) and only the answer is lost on the
 * way back, like a dropped connection.
 */
async function flakyProxy(failures: number, retryAfterSeconds?: number, options: { applyFirst?: boolean; failWith?: { status: number; code: string } } = {}): Promise<FlakyProxy> {
  const attempts: FlakyProxy['attempts'] = [];
  const target = new URL(api.apiUrl);
  const server: Server = createServer((incoming, outgoing) => {
    attempts.push({ method: incoming.method!, idempotencyKey: incoming.headers['idempotency-key'] as string | undefined, at: Date.now() });
    const fail = () => {
      const { status, code } = options.failWith ?? { status: 503, code: 'SERVICE_UNAVAILABLE' };
      outgoing.writeHead(status, { 'Content-Type': 'application/json', ...(retryAfterSeconds !== undefined ? { 'Retry-After': String(retryAfterSeconds) } : {}) });
      outgoing.end(JSON.stringify({ error: { code, message: 'try later', requestId: 'req_proxy0000' } }));
    };
    const failing = attempts.length <= failures;
    if (failing && !options.applyFirst) return fail();
    const forwarded = httpRequest({ host: target.hostname, port: target.port, path: incoming.url, method: incoming.method, headers: incoming.headers }, (response) => {
      if (failing) {
        response.resume();
        response.on('end', fail);
        return;
      }
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

  it('retries a POST whose answer was lost with the same idempotency key, so it is applied once', async () => {
    const proxy = await flakyProxy(2, 0, { applyFirst: true });
    try {
      const visitor = createClient({ apiUrl: proxy.url, publishableKey: api.publishableKey, maxRetries: 2 });
      const subjectId = 'sdk_retry_subject_01';
      const receipt = await visitor.consents.record({
        subjectId, choices: { analytics: true }, policyVersion: '2026-04-03', bannerTextHash: 'a'.repeat(64), locale: 'en', source: 'banner', gpc: false,
      });
      const keys = proxy.attempts.map((attempt) => attempt.idempotencyKey);
      assert.equal(keys.length, 3, 'two lost answers, then the third attempt');
      assert.ok(keys[0] && keys.every((key) => key === keys[0]), JSON.stringify(keys));
      const partner = createClient({ apiUrl: api.apiUrl, secretKey: api.secretKey });
      const recorded = (await partner.consents.list({ subjectId })).data;
      assert.equal(recorded.length, 1, 'the decision reached the API three times and was recorded once');
      assert.equal(recorded[0]!.receiptId, receipt.receiptId);
    } finally {
      await proxy.close();
    }
  });

  it('hands a business 409 to the caller after one request: the API\'s own IDEMPOTENCY_KEY_REUSED', async () => {
    const proxy = await flakyProxy(0);
    try {
      const visitor = createClient({ apiUrl: proxy.url, publishableKey: api.publishableKey, maxRetries: 2 });
      const decision = { subjectId: 'sdk_conflict_subject_01', choices: { analytics: true }, policyVersion: '2026-04-03', bannerTextHash: 'b'.repeat(64), locale: 'en', source: 'banner' as const, gpc: false };
      const idempotencyKey = 'sdk-conflict-key-0001';
      await visitor.consents.record(decision, { idempotencyKey });
      assert.equal(proxy.attempts.length, 1);
      const error = await visitor.consents.record({ ...decision, choices: { analytics: false } }, { idempotencyKey }).catch((caught: unknown) => caught);
      assert.ok(error instanceof ConflictError, String(error));
      assert.equal(error.code, 'IDEMPOTENCY_KEY_REUSED');
      assert.equal(proxy.attempts.length, 2, 'the refused call went out exactly once');
    } finally {
      await proxy.close();
    }
  });

  it('hands any other 409 code to the caller at once (a request locked or closed)', async () => {
    const proxy = await flakyProxy(1, 0, { failWith: { status: 409, code: 'REQUEST_LOCKED' } });
    try {
      const client = createClient({ apiUrl: proxy.url, publishableKey: api.publishableKey, maxRetries: 2 });
      const error = await client.config.get().catch((caught: unknown) => caught);
      assert.ok(error instanceof ConflictError, String(error));
      assert.equal(error.code, 'REQUEST_LOCKED', 'the body is still readable after the retry check read a copy');
      assert.equal(proxy.attempts.length, 1);
    } finally {
      await proxy.close();
    }
  });

  it('retries a 409 saying the same request is still in progress, then gets the answer', async () => {
    const proxy = await flakyProxy(2, 0, { failWith: { status: 409, code: 'IDEMPOTENCY_REQUEST_IN_PROGRESS' } });
    try {
      const client = createClient({ apiUrl: proxy.url, publishableKey: api.publishableKey, maxRetries: 2 });
      const config = await client.config.get();
      assert.equal(config.tenant.id, api.tenantId);
      assert.equal(proxy.attempts.length, 3);
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
