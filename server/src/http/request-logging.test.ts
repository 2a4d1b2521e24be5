import assert from 'node:assert/strict';
import { request } from 'node:http';
import { after, before, describe, it } from 'node:test';
import { createApp } from '../app.ts';
import { createLogger } from '../logger.ts';
import { listen, type Listening } from '../runtime/listen.ts';
import { createAppFixture, type AppFixture } from '../testing/app-fixture.ts';

let fixture: AppFixture;
let server: Listening;
const lines: Record<string, unknown>[] = [];

before(async () => {
  fixture = await createAppFixture();
  const logger = createLogger('info', { write: (line: string) => { lines.push(JSON.parse(line)); } });
  server = await listen(createApp({ db: fixture.db, logger, masterKey: fixture.masterKey }).fetch, { port: 0, host: '127.0.0.1' });
});
after(async () => {
  await server.close(500);
  await fixture.close();
});

describe('request logs', () => {
  it('carry the request id, route, status and IP, and no personal data', async () => {
    const response = await fetch(`${server.url}/v1/config?email=jane.doe@example.com&name=Jane`, {
      headers: { 'X-PortTask-Key': fixture.tenantA.publishableKey, Origin: fixture.tenantA.origin, 'User-Agent': 'jane.doe@example.com' },
    });
    assert.equal(response.status, 200);
    const requestId = response.headers.get('X-Request-Id');
    const line = lines.find((entry) => entry.requestId === requestId);
    assert.ok(line, 'one line per request, with its request id');
    assert.equal(line.route, '/v1/config');
    assert.equal(line.status, 200);
    assert.equal(line.ip, '127.0.0.1');
    assert.equal(line.tenantId, fixture.tenantA.tenant.id);
    const everything = JSON.stringify(lines);
    assert.doesNotMatch(everything, /jane|example\.com|pk_live_/i, 'no query string, header, key or email in any log line');
  });

  it('logs a client that hangs up mid-body as its 400, not as a server error', async () => {
    const outgoing = request(`${server.url}/v1/consents`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'Content-Length': '1000', 'X-PortTask-Key': fixture.tenantA.testPublishableKey, 'X-Request-Id': 'req_hangup_mid_body', Expect: '100-continue' },
    });
    outgoing.on('error', () => {});
    outgoing.flushHeaders();
    // `100 Continue` says the server has handed the request to the app: hanging up after a
    // part of the body is a hang-up mid-body, whatever the machine's speed.
    await new Promise<void>((resolve) => outgoing.once('continue', resolve));
    await new Promise<void>((resolve) => outgoing.write('{"subjectId":', () => resolve()));
    outgoing.destroy();
    const deadline = Date.now() + 5_000;
    while (!lines.some((entry) => entry.requestId === 'req_hangup_mid_body') && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
    const line = lines.find((entry) => entry.requestId === 'req_hangup_mid_body');
    assert.equal(line?.status, 400);
    assert.equal(lines.filter((entry) => entry.msg === 'unhandled error').length, 0);
  });
});
