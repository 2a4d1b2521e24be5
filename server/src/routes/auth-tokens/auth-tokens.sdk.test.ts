import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { AuthenticationError, ConnectionError, createClient, type TokenPair } from '@porttask/sdk';
import { startTestServer, type TestServer } from '../../testing/test-server.ts';

/*
 * `client.auth` over HTTP, as a partner's SPA or native app without <porttask-login> uses it:
 * publishable key, from the page origin the sign-in happened on.
 */
let server: TestServer;
before(async () => { server = await startTestServer(); });
after(async () => { await server.close(); });

/** A page of a test key's localhost: test keys allow it without listing it. */
const PAGE_ORIGIN = 'http://localhost:5173';
const PASSWORD = 'lighthouse-marmalade-oar-62';

async function signedUp(email: string): Promise<TokenPair> {
  const apiOrigin = new URL(server.apiUrl).origin;
  const response = await fetch(`${server.apiUrl}/embed/login/sign-up`, {
    method: 'POST',
    headers: { Origin: apiOrigin, 'X-PortTask-Key': server.publishableKey, 'X-PortTask-Parent-Origin': PAGE_ORIGIN, 'Content-Type': 'application/json' },
    body: JSON.stringify({ email, password: PASSWORD, name: 'Pilot', acceptance: { acceptedPolicyVersion: '2026-04-03', acceptedTermsVersion: null, locale: 'en', confirmedMinimumAge: true } }),
  });
  assert.equal(response.status, 200, await response.clone().text());
  return (await response.json()) as TokenPair;
}

/** The browser's fetch on the page: it sends the page's Origin. `loseAnswers` drops that many answers after the API applied the call. */
function pageFetch(counter: { calls: number }, loseAnswers = 0): typeof fetch {
  return async (input, init) => {
    const request = new Request(input, init);
    request.headers.set('Origin', PAGE_ORIGIN);
    counter.calls += 1;
    const response = await fetch(request);
    if (counter.calls <= loseAnswers) {
      await response.body?.cancel();
      throw new TypeError('fetch failed: the connection dropped before the answer arrived');
    }
    return response;
  };
}

describe('client.auth over HTTP', () => {
  it('refreshes (the old token stops working) and revokes, with typed answers and errors', async () => {
    const first = await signedUp('spa@portal.example');
    const calls = { calls: 0 };
    const client = createClient({ apiUrl: server.apiUrl, publishableKey: server.publishableKey, fetch: pageFetch(calls) });
    const next = await client.auth.refresh(first.refreshToken);
    assert.equal(next.tokenType, 'Bearer');
    assert.equal(next.expiresIn, 300);
    assert.notEqual(next.refreshToken, first.refreshToken);
    assert.deepEqual(await client.auth.revoke(next.refreshToken), { revoked: true });
    assert.deepEqual(await client.auth.revoke(next.refreshToken), { revoked: false }, 'a second sign-out changes nothing');
    const refused = await client.auth.refresh(next.refreshToken).catch((error: unknown) => error);
    assert.ok(refused instanceof AuthenticationError, String(refused));
    assert.equal(refused.code, 'INVALID_REFRESH_TOKEN');
    assert.match(refused.requestId ?? '', /.+/);
  });

  it('refuses a refresh token from another page origin (it is bound to the one it was issued to)', async () => {
    const pair = await signedUp('bound@portal.example');
    const elsewhere = createClient({ apiUrl: server.apiUrl, publishableKey: server.publishableKey, maxRetries: 0, fetch: async (input, init) => {
      const request = new Request(input, init);
      request.headers.set('Origin', 'http://localhost:4000');
      return await fetch(request);
    } });
    await assert.rejects(elsewhere.auth.refresh(pair.refreshToken), AuthenticationError);
  });

  it('never repeats a refresh whose answer was lost (a second use would end the sign-in), but repeats a revoke', async () => {
    const pair = await signedUp('lost-answer@portal.example');
    const refreshCalls = { calls: 0 };
    const refreshing = createClient({ apiUrl: server.apiUrl, publishableKey: server.publishableKey, maxRetries: 2, fetch: pageFetch(refreshCalls, 1) });
    await assert.rejects(refreshing.auth.refresh(pair.refreshToken), ConnectionError);
    assert.equal(refreshCalls.calls, 1, 'one attempt only');
    // The lost attempt was applied: the token is spent, and the sign-in is still alive (no reuse was seen).
    const [family] = await server.db.owner<{ open: number }[]>`
      SELECT count(*) FILTER (WHERE tokens.revoked_at IS NULL)::int AS open
      FROM auth_refresh_tokens tokens
      JOIN auth_users users ON users.tenant_id = tokens.tenant_id AND users.environment = tokens.environment AND users.id = tokens.user_id
      WHERE users.tenant_id = ${server.tenantId} AND users.email = 'lost-answer@portal.example'`;
    assert.equal(family!.open, 2, 'the spent token and its successor, none revoked');

    const revokeCalls = { calls: 0 };
    const revoking = createClient({ apiUrl: server.apiUrl, publishableKey: server.publishableKey, maxRetries: 2, fetch: pageFetch(revokeCalls, 1) });
    // The repeat carries the first attempt's Idempotency-Key: the API answers what it answered then.
    assert.deepEqual(await revoking.auth.revoke(pair.refreshToken), { revoked: true });
    assert.equal(revokeCalls.calls, 2, 'a revoke is safe to repeat, and was');
  });
});
