import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { ConnectionError, ServerError } from '../errors.ts';
import { HttpCore } from './http.ts';

/**
 * The transport's retry rules against a real HTTP server on loopback whose answers each test
 * scripts; the API itself is covered by test/contract/sdk.test.ts.
 */
let answer: (request: IncomingMessage, response: ServerResponse) => void = (_request, response) => response.end();
const seen: { method: string; idempotencyKey: string | undefined }[] = [];
const server = createServer((request, response) => {
  seen.push({ method: request.method!, idempotencyKey: request.headers['idempotency-key'] as string | undefined });
  request.resume();
  answer(request, response);
});
let apiUrl = '';

before(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  apiUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
after(() => {
  server.closeAllConnections();
  server.close();
});

const unavailable = (retryAfter: string) => (_request: IncomingMessage, response: ServerResponse) => {
  response.writeHead(503, { 'Content-Type': 'application/json', 'Retry-After': retryAfter, 'X-Request-Id': 'req_test' });
  response.end(JSON.stringify({ error: { code: 'SERVICE_UNAVAILABLE', message: 'Down for a moment.', requestId: 'req_test' } }));
};

describe('HttpCore on ky', () => {
  it('with retryUnanswered: false repeats a call only after an answer: a 503 is retried, a dropped connection is not', async () => {
    const http = new HttpCore({ apiUrl, publishableKey: 'pk_test_x', maxRetries: 2 });
    seen.length = 0;
    answer = unavailable('0');
    await assert.rejects(http.post('/v1/auth/token', {}, { retryUnanswered: false }), ServerError);
    assert.equal(seen.length, 3, 'a 503 kept nothing: retried');
    seen.length = 0;
    answer = (_request, response) => response.socket?.destroy();
    await assert.rejects(http.post('/v1/auth/token', {}, { retryUnanswered: false }), ConnectionError);
    assert.equal(seen.length, 1, 'the call may have been applied: not repeated');
    seen.length = 0;
    await assert.rejects(http.post('/v1/things', {}), ConnectionError);
    assert.equal(seen.length, 3, 'without the option, a dropped connection is retried');
  });

  it('retries a POST under one idempotency key, then throws the typed error with the request id', async () => {
    seen.length = 0;
    answer = unavailable('0');
    const http = new HttpCore({ apiUrl, secretKey: 'sk_test_x', maxRetries: 2 });
    const failure = await http.post('/v1/things', { a: 1 }).catch((error: unknown) => error);
    assert.ok(failure instanceof ServerError, String(failure));
    assert.equal(failure.status, 503);
    assert.equal(failure.code, 'SERVICE_UNAVAILABLE');
    assert.equal(failure.requestId, 'req_test');
    assert.equal(seen.length, 3, 'the first attempt and two retries');
    assert.match(seen[0]!.idempotencyKey ?? '', /.{16,}/);
    assert.deepEqual(new Set(seen.map((request) => request.idempotencyKey)).size, 1, 'the same key on every attempt');
  });

  it('takes a Retry-After longer than a minute as the answer instead of waiting', async () => {
    seen.length = 0;
    answer = unavailable('120');
    const http = new HttpCore({ apiUrl, secretKey: 'sk_test_x', maxRetries: 2 });
    const started = performance.now();
    await assert.rejects(http.get('/v1/things'), ServerError);
    assert.equal(seen.length, 1);
    assert.ok(performance.now() - started < 1_000);
  });

  it('times each attempt out, retries it, and then gives up with a ConnectionError', async () => {
    seen.length = 0;
    answer = () => {}; // never answers
    const http = new HttpCore({ apiUrl, secretKey: 'sk_test_x', maxRetries: 1, timeoutMs: 200 });
    const failure = await http.get('/v1/things').catch((error: unknown) => error);
    assert.ok(failure instanceof ConnectionError, String(failure));
    assert.match(failure.message, /did not answer in time/);
    assert.equal(seen.length, 2);
  });

  it('gives the caller\'s abort reason back, not a ConnectionError', async () => {
    answer = () => {};
    const http = new HttpCore({ apiUrl, secretKey: 'sk_test_x' });
    const controller = new AbortController();
    const request = http.get('/v1/things', undefined, { signal: controller.signal });
    setTimeout(() => controller.abort(new DOMException('left the page', 'AbortError')), 50);
    await assert.rejects(request, (error: unknown) => error instanceof DOMException && error.message === 'left the page');
  });
});
