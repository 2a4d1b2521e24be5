import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { insertApiKey } from '../../auth/api-keys.queries.ts';
import { createApp } from '../../app.ts';
import { connect, type Database } from '../../db/connection.ts';
import { createLogger } from '../../logger.ts';
import { listen, type Listening } from '../../runtime/listen.ts';
import { liveHubFor } from '../../schedules/live-hub.ts';
import { runCli } from '../../testing/cli-process.ts';
import { startTestServer, type TestServer } from '../../testing/test-server.ts';

/*
 * A key that stops working ends the live streams opened with it, on every API process, within
 * a second: revoked (by the CLI, another process), expired after a roll, or (for a browser)
 * its origin removed. Two API "processes" here are two apps with their own pools, so their
 * own LISTEN connections, as separate processes would have.
 */
let server: TestServer;
let otherDatabase: Database;
let otherProcess: Listening;
before(async () => {
  server = await startTestServer();
  otherDatabase = connect(server.db.url);
  // A sibling process of the same deployment: the same master key and public URL (the issuer of access tokens).
  otherProcess = await listen(createApp({ db: otherDatabase, logger: createLogger('silent'), masterKey: server.masterKey, publicUrl: server.apiUrl }).fetch, { port: 0, host: '127.0.0.1' });
});
after(async () => {
  liveHubFor(otherDatabase.sql).endStreams();
  await otherProcess.close(1_000);
  await otherDatabase.close();
  await server.close();
});

const newKey = (kind: 'publishable' | 'secret', allowedOrigins: string[] = []) =>
  insertApiKey(server.db.owner, { tenantId: server.tenantId, kind, environment: 'test', allowedOrigins });
const headersFor = (token: string, origin?: string): Record<string, string> =>
  token.startsWith('pk_') ? { 'X-PortTask-Key': token, ...(origin ? { Origin: origin } : {}) } : { Authorization: `Bearer ${token}` };

/** Opens a stream over HTTP, waits for its `ready` event, and resolves `ended` with the time its body ends. */
async function openStream(apiUrl: string, token: string, origin?: string, headers = headersFor(token, origin)) {
  const response = await fetch(`${apiUrl}/v1/port-calls/stream`, { headers });
  assert.equal(response.status, 200);
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  let text = '';
  while (!text.includes('event: ready')) {
    const { value, done } = await reader.read();
    assert.ok(!done, 'the stream ended before it was ready');
    text += decoder.decode(value);
  }
  const ended = (async () => {
    for (;;) {
      const { done } = await reader.read();
      if (done) return Date.now();
    }
  })();
  return {
    /**
     * When the stream ended, or Infinity if it is still open `withinMs` from now (then it is
     * cancelled, so a stream that never ends cannot hold the test).
     */
    endedWithin: async (withinMs: number): Promise<number> => {
      let timer: NodeJS.Timeout | undefined;
      const result = await Promise.race([ended, new Promise<number>((resolve) => { timer = setTimeout(() => resolve(Number.POSITIVE_INFINITY), withinMs); })]);
      clearTimeout(timer);
      if (result === Number.POSITIVE_INFINITY) await reader.cancel().catch(() => {});
      return result;
    },
    cancel: () => reader.cancel().catch(() => {}),
  };
}

describe('a key that stops working ends its live streams', () => {
  it('revoked by the CLI (another process): the publishable key\'s streams on both API processes close within 1 s', async () => {
    const key = await newKey('publishable');
    const onFirst = await openStream(server.apiUrl, key.token);
    const onSecond = await openStream(otherProcess.url, key.token);
    const revoked = await runCli(['keys', 'revoke', '--tenant', server.tenantId, '--key', key.id], { DATABASE_URL: server.db.url });
    assert.equal(revoked.code, 0, revoked.stderr);
    const revokedBy = Date.now(); // the revocation committed before the CLI exited
    for (const stream of [onFirst, onSecond]) {
      const endedAt = await stream.endedWithin(2_000);
      assert.ok(endedAt - revokedBy <= 1_000, `stream closed ${endedAt - revokedBy} ms after the revocation`);
    }
    const again = await fetch(`${server.apiUrl}/v1/port-calls/stream`, { headers: headersFor(key.token) });
    assert.equal(again.status, 401);
    assert.equal((await again.json()).error.code, 'API_KEY_REVOKED');
  });

  it('revoked: a secret key\'s stream closes within 1 s of the commit, and other keys\' streams stay open', async () => {
    const key = await newKey('secret');
    const stream = await openStream(otherProcess.url, key.token);
    const bystander = await openStream(otherProcess.url, server.publishableKey);
    await server.db.owner`UPDATE api_keys SET revoked_at = now() WHERE tenant_id = ${server.tenantId} AND id = ${key.id}`;
    const revokedAt = Date.now();
    const endedAt = await stream.endedWithin(2_000);
    assert.ok(endedAt - revokedAt <= 1_000, `closed after ${endedAt - revokedAt} ms`);
    assert.equal(await bystander.endedWithin(300), Number.POSITIVE_INFINITY, 'another key\'s stream stays open');
  });

  it('rolled: the old key\'s stream stays open until the expiry, then closes (timer on every process)', async () => {
    const key = await newKey('publishable');
    const onFirst = await openStream(server.apiUrl, key.token);
    const onSecond = await openStream(otherProcess.url, key.token);
    const rolledAt = Date.now();
    const response = await fetch(`${server.apiUrl}/v1/api-keys/${key.id}/roll`, {
      method: 'POST',
      headers: { ...headersFor(server.secretKey), 'Content-Type': 'application/json' },
      body: JSON.stringify({ expiresInSeconds: 2 }),
    });
    assert.equal(response.status, 201);
    const expiresAt = Date.parse((await response.json()).previousKey.expiresAt);
    for (const stream of [onFirst, onSecond]) {
      const endedAt = await stream.endedWithin(5_000);
      assert.ok(endedAt >= expiresAt - 50, `closed ${expiresAt - endedAt} ms before the expiry`);
      assert.ok(endedAt - expiresAt <= 1_000, `closed ${endedAt - expiresAt} ms after the expiry`);
    }
    assert.ok(Date.now() - rolledAt >= 1_500, 'open while the rolled key still worked');
    const again = await fetch(`${server.apiUrl}/v1/port-calls/stream`, { headers: headersFor(key.token) });
    assert.equal((await again.json()).error.code, 'API_KEY_EXPIRED');
  });

  it('rolled with an immediate expiry, or its origin removed: closes within 1 s', async () => {
    const origin = 'https://stream.partner.example';
    const rolledKey = await newKey('secret');
    const originKey = await newKey('publishable', [origin]);
    const rolledStream = await openStream(otherProcess.url, rolledKey.token);
    const originStream = await openStream(otherProcess.url, originKey.token, origin);
    const changedAt = Date.now();
    const call = (path: string, method: string, body: unknown) => fetch(`${server.apiUrl}${path}`, {
      method, headers: { ...headersFor(server.secretKey), 'Content-Type': 'application/json' }, body: JSON.stringify(body),
    });
    assert.equal((await call(`/v1/api-keys/${rolledKey.id}/roll`, 'POST', { expiresInSeconds: 0 })).status, 201);
    assert.equal((await call(`/v1/api-keys/${originKey.id}`, 'PATCH', { removeOrigins: [origin] })).status, 200);
    for (const stream of [rolledStream, originStream]) {
      const endedAt = await stream.endedWithin(2_000);
      assert.ok(endedAt - changedAt <= 1_000, `closed after ${endedAt - changedAt} ms`);
    }
  });
});

describe('a staff token\'s account that stops being admitted ends its live streams', () => {
  const PAGE = 'http://localhost:5173'; // test keys allow any localhost page

  /** An operator signed up through the login frame (test environment), with its token's headers. */
  async function operator(email: string) {
    const signedUp = await fetch(`${server.apiUrl}/embed/login/sign-up`, {
      method: 'POST',
      headers: { Origin: new URL(server.apiUrl).origin, 'X-PortTask-Key': server.publishableKey, 'X-PortTask-Parent-Origin': PAGE, 'Content-Type': 'application/json' },
      body: JSON.stringify({
        email, password: 'tugboat-lantern-quinoa-47', name: 'Night Operator',
        // The seeded tenant publishes its privacy policy 2026-04-03 and no terms.
        acceptance: { acceptedPolicyVersion: '2026-04-03', acceptedTermsVersion: null, locale: 'en', confirmedMinimumAge: true },
      }),
    });
    assert.equal(signedUp.status, 200, await signedUp.clone().text());
    const { accessToken } = (await signedUp.json()) as { accessToken: string };
    const [account] = await server.db.owner<{ id: string }[]>`
      UPDATE auth_users SET role = 'operator' WHERE tenant_id = ${server.tenantId} AND environment = 'test' AND email = ${email} RETURNING id`;
    return { id: account!.id, headers: { Authorization: `Bearer ${accessToken}`, Origin: PAGE } };
  }

  it('disabled: its streams on both API processes close within 1 s; another operator\'s stay open', async () => {
    const [disabled, other] = [await operator('night.operator@example.com'), await operator('day.operator@example.com')];
    const onFirst = await openStream(server.apiUrl, '', undefined, disabled.headers);
    const onSecond = await openStream(otherProcess.url, '', undefined, disabled.headers);
    const bystander = await openStream(server.apiUrl, '', undefined, other.headers);
    await server.db.owner`UPDATE auth_users SET disabled_at = now() WHERE tenant_id = ${server.tenantId} AND environment = 'test' AND id = ${disabled.id}`;
    const disabledAt = Date.now();
    for (const stream of [onFirst, onSecond]) assert.ok((await stream.endedWithin(1_000)) - disabledAt <= 1_000, 'closed within 1 s');
    assert.equal(await bystander.endedWithin(300), Number.POSITIVE_INFINITY, 'another account\'s stream stays open');
  });

  it('moved to a role the stream does not admit (member): closes within 1 s', async () => {
    const demoted = await operator('former.operator@example.com');
    const stream = await openStream(server.apiUrl, '', undefined, demoted.headers);
    await server.db.owner`UPDATE auth_users SET role = 'member' WHERE tenant_id = ${server.tenantId} AND environment = 'test' AND id = ${demoted.id}`;
    const demotedAt = Date.now();
    assert.ok((await stream.endedWithin(1_000)) - demotedAt <= 1_000, 'closed within 1 s');
  });
});
