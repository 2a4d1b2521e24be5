import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { request } from 'node:http';
import v8 from 'node:v8';
import { runInNewContext } from 'node:vm';
import { after, before, describe, it } from 'node:test';
import { startTestServer, type TestServer } from '../testing/test-server.ts';

/**
 * Bodies from the network are read from Node's request stream by bodyLimits (not through a
 * web Request), so these go over real HTTP: with and without Content-Length (chunked).
 */
let server: TestServer;
before(async () => { server = await startTestServer(); });
after(async () => { await server.close(); });

let subjects = 0;
const decision = (extra: Record<string, unknown> = {}) => JSON.stringify({
  subjectId: `body_subject_${(subjects += 1)}`,
  choices: { necessary: true, analytics: true },
  policyVersion: '2026-04-03',
  bannerTextHash: createHash('sha256').update('banner').digest('hex'),
  locale: 'en',
  source: 'banner',
  gpc: false,
  ...extra,
});

/** One POST over a socket; `chunks` are written one by one with chunked encoding unless a Content-Length is given. */
function post(path: string, chunks: (string | Buffer)[], headers: Record<string, string>): Promise<{ status: number; body: { error?: { code: string } } & Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const outgoing = request(`${server.apiUrl}${path}`, { method: 'POST', headers }, (response) => {
      let text = '';
      response.setEncoding('utf8').on('data', (part: string) => { text += part; }).on('end', () => resolve({ status: response.statusCode!, body: JSON.parse(text) }));
    });
    // The server may answer 413 before the whole body is sent and close the request.
    outgoing.on('error', (error: NodeJS.ErrnoException) => (error.code === 'EPIPE' || error.code === 'ECONNRESET' ? undefined : reject(error)));
    void (async () => {
      for (const chunk of chunks) {
        outgoing.write(chunk);
        // Apart in time, so the server sees them as separate reads.
        if (chunks.length > 1) await new Promise((next) => setTimeout(next, 5));
      }
      outgoing.end();
    })();
  });
}

const asVisitor = { 'Content-Type': 'application/json', 'X-PortTask-Key': '' };
const recordCount = async () => (await server.db.owner`SELECT count(*)::int AS n FROM consent_records`)[0]!.n as number;

describe('request bodies over HTTP', () => {
  before(() => { asVisitor['X-PortTask-Key'] = server.publishableKey; });

  it('reads a JSON body sent with a Content-Length', async () => {
    const body = decision();
    const { status, body: receipt } = await post('/v1/consents', [body], { ...asVisitor, 'Content-Length': String(Buffer.byteLength(body)) });
    assert.equal(status, 201);
    assert.equal(receipt.subjectId, JSON.parse(body).subjectId);
  });

  it('reads a chunked JSON body (no Content-Length) split inside a multi-byte character', async () => {
    await server.db.owner`UPDATE tenants SET policy_version = 'Ærø-2026-11' WHERE id = ${server.tenantId}`;
    const bytes = Buffer.from(decision({ policyVersion: 'Ærø-2026-11' }));
    const cut = bytes.indexOf(Buffer.from('Æ')) + 1; // between the two bytes of Æ
    const { status, body: receipt } = await post('/v1/consents', [bytes.subarray(0, cut), bytes.subarray(cut)], asVisitor);
    assert.equal(status, 201, JSON.stringify(receipt));
    assert.equal(receipt.policyVersion, 'Ærø-2026-11');
  });

  it('answers malformed JSON with 400 and invalid fields with 422, in the error shape', async () => {
    const malformed = await post('/v1/consents', ['{"subjectId":'], asVisitor);
    assert.equal(malformed.status, 400);
    assert.equal(malformed.body.error?.code, 'INVALID_JSON');
    const invalid = await post('/v1/consents', [decision({ source: 'guess' })], asVisitor);
    assert.equal(invalid.status, 422);
    assert.equal(invalid.body.error?.code, 'VALIDATION_FAILED');
  });

  it('refuses a body over 256 KB with 413 by its Content-Length, and a chunked one as it passes the limit; nothing is written', async () => {
    const before = await recordCount();
    const huge = decision({ padding: 'x'.repeat(300 * 1024) });
    const declared = await post('/v1/consents', [huge], { ...asVisitor, 'Content-Length': String(Buffer.byteLength(huge)) });
    assert.equal(declared.status, 413);
    assert.equal(declared.body.error?.code, 'PAYLOAD_TOO_LARGE');
    const chunked = await post('/v1/consents', Array.from({ length: 40 }, (_, index) => (index === 0 ? '{"padding":"' : 'x'.repeat(8 * 1024))), asVisitor);
    assert.equal(chunked.status, 413);
    assert.equal(chunked.body.error?.code, 'PAYLOAD_TOO_LARGE');
    assert.equal(await recordCount(), before);
    // The server is still fine afterwards.
    assert.equal((await post('/v1/consents', [decision()], asVisitor)).status, 201);
  });

  it('gives the line-up import its larger limit', async () => {
    const lines = Array.from({ length: 3_000 }, (_, index) => JSON.stringify({ reference: `BODY-${index}`, padding: 'x'.repeat(100) })).join('\n');
    assert.ok(Buffer.byteLength(lines) > 256 * 1024);
    const { status, body } = await post('/v1/port-calls/import', [lines], { 'Content-Type': 'application/x-ndjson', Authorization: `Bearer ${server.secretKey}` });
    // Read and judged row by row (these rows are incomplete), not refused for its size.
    assert.equal(status, 422, JSON.stringify(body).slice(0, 300));
    assert.notEqual(body.error?.code, 'PAYLOAD_TOO_LARGE');
  });
});

/**
 * Sends `totalBytes` of body from one small shared buffer (so the client holds almost nothing)
 * and resolves with the status, whether or not the server read the rest.
 */
function upload(path: string, totalBytes: number, headers: Record<string, string>): Promise<number> {
  const piece = Buffer.alloc(64 * 1024, 'x');
  return new Promise((resolve, reject) => {
    const outgoing = request(`${server.apiUrl}${path}`, { method: 'POST', headers }, (response) => {
      response.resume().on('end', () => resolve(response.statusCode!));
    });
    outgoing.on('error', (error: NodeJS.ErrnoException) => (error.code === 'EPIPE' || error.code === 'ECONNRESET' ? undefined : reject(error)));
    let sent = 0;
    const writeMore = () => {
      while (sent < totalBytes && !outgoing.destroyed) {
        sent += piece.length;
        if (!outgoing.write(piece)) return void outgoing.once('drain', writeMore);
      }
      outgoing.end();
    };
    writeMore();
  });
}

v8.setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;

/**
 * Memory the process holds (heap plus buffers, after a full GC), sampled every 20 ms while
 * `work` runs: the peak above the start, in bytes. Garbage does not count: a body read and
 * dropped is not held; a body buffered for a handler is.
 */
async function peakMemoryGrowth(work: () => Promise<unknown>): Promise<number> {
  const used = () => { collectGarbage(); const memory = process.memoryUsage(); return memory.heapUsed + memory.arrayBuffers; };
  const start = used();
  let peak = start;
  const sampler = setInterval(() => { peak = Math.max(peak, used()); }, 20);
  try {
    await work();
  } finally {
    clearInterval(sampler);
  }
  return Math.max(peak, used()) - start;
}

describe('the key is checked before the body is read', () => {
  const EIGHT_MB = 8 * 1024 * 1024;

  it('48 anonymous 8 MB uploads to the import route are refused without the server holding them (< 10 MB more memory)', async () => {
    const statuses: number[] = [];
    const growth = await peakMemoryGrowth(async () => {
      const uploads = Array.from({ length: 48 }, (_, index) => upload('/v1/port-calls/import', EIGHT_MB, {
        'Content-Type': 'application/x-ndjson',
        // Half declare their size, half are chunked (the server cannot know the size first).
        ...(index % 2 === 0 ? { 'Content-Length': String(EIGHT_MB) } : {}),
        ...(index % 3 === 0 ? { Authorization: 'Bearer sk_test_not_a_real_key' } : {}),
      }));
      statuses.push(...(await Promise.all(uploads)));
    });
    assert.deepEqual(new Set(statuses), new Set([401]));
    assert.ok(growth < 10 * 1024 * 1024, `memory grew by ${(growth / 1024 / 1024).toFixed(1)} MB`);
  });

  it('a publishable key cannot send the import route its large body: 413 by the declared size, 403 for a chunked one, before reading', async () => {
    const visitor = { 'Content-Type': 'application/x-ndjson', 'X-PortTask-Key': server.publishableKey };
    assert.equal(await upload('/v1/port-calls/import', EIGHT_MB, { ...visitor, 'Content-Length': String(EIGHT_MB) }), 413);
    const growth = await peakMemoryGrowth(async () => {
      assert.equal(await upload('/v1/port-calls/import', EIGHT_MB, visitor), 403);
    });
    assert.ok(growth < 10 * 1024 * 1024, `memory grew by ${(growth / 1024 / 1024).toFixed(1)} MB`);
  });
});
