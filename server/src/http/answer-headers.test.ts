import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createApp } from '../app.ts';
import { createLogger } from '../logger.ts';
import { samplePortCall, SAMPLE_VESSELS } from '../schedules/testing/sample-port-calls.ts';
import { startTestServer, type TestServer } from '../testing/test-server.ts';

/**
 * The API's own headers (http/answer-headers.ts) take two paths: over HTTP they go onto Node's
 * response, in process onto the answer. Both must give a client the same headers.
 */
const ORIGIN = 'https://portal.example';
let server: TestServer;
let inProcess: ReturnType<typeof createApp>;

before(async () => {
  server = await startTestServer({ allowedOrigins: [ORIGIN] });
  inProcess = createApp({ db: server.db, logger: createLogger('silent'), masterKey: server.masterKey, publicUrl: server.apiUrl, rateLimits: { ipPerMinute: 1_000_000 } });
  // Enough port calls for a list answer worth compressing (over 1 KB).
  for (const [index, vessel] of SAMPLE_VESSELS.entries()) {
    const written = await fetch(`${server.apiUrl}/v1/port-calls/HEADERS-${index}`, {
      method: 'PUT', body: JSON.stringify(samplePortCall({ vessel: { ...vessel } })),
      headers: { Authorization: `Bearer ${server.secretKey}`, 'Content-Type': 'application/json' },
    });
    assert.equal(written.status, 201, await written.text());
  }
});
after(async () => { await server.close(); });

/** The same request over HTTP and in process. */
async function both(path: string, headers: Record<string, string> = {}): Promise<[string, Response][]> {
  return [
    ['over HTTP', await fetch(`${server.apiUrl}${path}`, { headers })],
    ['in process', await inProcess.request(path, { headers })],
  ];
}

describe('the API\'s own headers, over HTTP and in process alike', () => {
  it('a widget\'s GET: request id, CORS for its origin, Vary, rate limits as one list each, the security defaults', async () => {
    for (const [path, response] of await both('/v1/ports', { 'X-PortTask-Key': server.publishableKey, Origin: ORIGIN })) {
      assert.equal(response.status, 200, path);
      assert.match(response.headers.get('X-Request-Id') ?? '', /^req_/, path);
      assert.equal(response.headers.get('Access-Control-Allow-Origin'), ORIGIN, path);
      assert.match(response.headers.get('Access-Control-Expose-Headers') ?? '', /RateLimit/i, path);
      // Compression varies every compressible GET on Accept-Encoding, compressed or not.
      assert.equal(response.headers.get('Vary'), 'Origin, X-PortTask-Key, Authorization, Accept-Encoding', path);
      assert.match(response.headers.get('RateLimit') ?? '', /"key";r=\d+;t=\d+/, path);
      assert.match(response.headers.get('RateLimit-Policy') ?? '', /"key";q=\d+;w=60/, path);
      assert.equal(response.headers.get('Content-Security-Policy'), "default-src 'none'; frame-ancestors 'none'", path);
      assert.equal(response.headers.get('X-Frame-Options'), 'DENY', path);
      assert.equal(response.headers.get('X-Content-Type-Options'), 'nosniff', path);
    }
  });

  it('a compressed list names both its own and compression\'s Vary', async () => {
    for (const [path, response] of await both('/v1/port-calls?limit=100', { 'X-PortTask-Key': server.publishableKey, 'Accept-Encoding': 'gzip' })) {
      assert.equal(response.status, 200, path);
      assert.equal(response.headers.get('Vary'), 'Origin, X-PortTask-Key, Authorization, Accept-Encoding', path);
      assert.equal(response.headers.get('Content-Encoding'), 'gzip', path);
      // fetch decodes the body; app.request hands it over as sent.
      if (path === 'over HTTP') assert.equal((await response.json()).data.length, SAMPLE_VESSELS.length, path);
    }
  });

  it('a page\'s own policy wins over the defaults, and a framable page gets no X-Frame-Options', async () => {
    for (const [path, response] of await both('/docs')) {
      assert.equal(response.status, 200, path);
      assert.notEqual(response.headers.get('Content-Security-Policy'), "default-src 'none'; frame-ancestors 'none'", path);
      assert.equal(response.headers.get('X-Frame-Options'), 'DENY', path);
    }
    const login = `/embed/login?${new URLSearchParams({ key: server.publishableKey, origin: ORIGIN })}`;
    for (const [path, response] of await both(login)) {
      assert.equal(response.status, 200, path);
      assert.match(response.headers.get('Content-Security-Policy') ?? '', new RegExp(`frame-ancestors ${ORIGIN}$`), path);
      assert.equal(response.headers.get('X-Frame-Options'), null, path);
    }
  });

  it('a refusal carries the request id and the security defaults too', async () => {
    for (const [path, response] of await both('/v1/ports', { 'X-PortTask-Key': 'pk_test_not_a_key' })) {
      assert.equal(response.status, 401, path);
      assert.match(response.headers.get('X-Request-Id') ?? '', /^req_/, path);
      assert.equal(response.headers.get('X-Content-Type-Options'), 'nosniff', path);
    }
  });
});
