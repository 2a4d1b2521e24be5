import assert from 'node:assert/strict';
import { waitFor } from '../../testing/wait-for.ts';
import { afterEach, describe, test } from 'node:test';
import { setTenantLimits, type TenantLimits } from '../../limits/limit-policies.ts';
import { listen, type Listening } from '../../runtime/listen.ts';
import type { TestTenant } from '../../testing/app-fixture.ts';
import { assertRateLimited } from '../../testing/rate-limited.ts';
import { createRightsFixture, requesterHeaders, visitorHeaders, type RightsFixture } from '../../testing/rights-fixture.ts';

/**
 * The requester routes' rate limits over real HTTP (the IP is the socket's), on a real
 * PostgreSQL. Each case has its own database and tenant limits, so counters never mix.
 */
let rights: RightsFixture;
let server: Listening;
afterEach(async () => {
  await server.close(1_000);
  await rights.close();
});

async function start(limits: Partial<TenantLimits>): Promise<{ a: TestTenant; b: TestTenant }> {
  rights = await createRightsFixture();
  const { tenantA, tenantB } = rights.fixture;
  await setTenantLimits(rights.fixture.db.owner, { tenantId: tenantA.tenant.id, environment: 'live' }, limits);
  server = await listen(rights.app.fetch, { port: 0, host: '127.0.0.1' });
  return { a: tenantA, b: tenantB };
}

const submit = (tenant: TestTenant, email: string) =>
  fetch(`${server.url}/v1/rights-requests`, { method: 'POST', headers: visitorHeaders(tenant), body: JSON.stringify({ type: 'access', email }) });

async function accepted(response: Response): Promise<{ id: string; requesterToken: string }> {
  const body = await response.json() as { id: string; requesterToken: string };
  assert.equal(response.status, 202, JSON.stringify(body));
  return body;
}

describe('rights-request rate limits', () => {
  test('past the per-email limit: 429 with Retry-After; the email is counted normalised and by its blind index only', async () => {
    const { a, b } = await start({ rightsRequestsPerEmailPerDay: 2 });
    await accepted(await submit(a, 'ana@example.com'));
    await accepted(await submit(a, 'ANA@Example.COM'));
    const refused = await assertRateLimited(await submit(a, 'ana@example.com'), 'rights-email');
    assert.match(refused.error.message, /2 per day/);
    await accepted(await submit(a, 'bo@example.com'));
    await accepted(await submit(b, 'ana@example.com')); // another tenant counts its own
    const stored = await rights.fixture.db.owner<{ n: number }[]>`SELECT count(*)::int AS n FROM rights_requests WHERE tenant_id = ${a.tenant.id}`;
    assert.equal(stored[0]!.n, 3, 'the refused request left nothing behind');
    // Counters reach the shared table in the limiter's next background write (every 50 ms).
    const keys = await waitFor(async () => {
      const rows = await rights.fixture.db.owner<{ key: string }[]>`SELECT key FROM rate_limit_counters WHERE key LIKE 'rights-email%'`;
      return rows.length === 3 ? rows : undefined;
    }, 'three rights-email counters in the shared table', 5_000);
    for (const { key } of keys) assert.doesNotMatch(key, /example|ana|bo@/i, 'no plaintext email in a limiter key');
  });

  test('an unknown email is counted and refused exactly like a known one (no enumeration through the limit)', async () => {
    const { a } = await start({ rightsRequestsPerEmailPerDay: 1 });
    await accepted(await submit(a, 'known@example.com'));
    await accepted(await submit(a, 'never.seen@example.com'));
    const known = await submit(a, 'known@example.com');
    const unknown = await submit(a, 'never.seen@example.com');
    const knownBody = await assertRateLimited(known, 'rights-email');
    const unknownBody = await assertRateLimited(unknown, 'rights-email');
    assert.equal(knownBody.error.message, unknownBody.error.message);
    assert.equal(known.headers.get('RateLimit-Policy'), unknown.headers.get('RateLimit-Policy'));
  });

  test('per IP address: the next request from the same address is refused whatever the email', async () => {
    const { a, b } = await start({ rightsRequestsPerIpPerHour: 3 });
    for (const email of ['one@example.com', 'two@example.com', 'three@example.com']) await accepted(await submit(a, email));
    await assertRateLimited(await submit(a, 'four@example.com'), 'rights-ip');
    await accepted(await submit(b, 'four@example.com')); // the limit is the tenant's, per environment
  });

  test('per tenant and environment: a crowd of addresses and emails cannot fill the queue', async () => {
    const { a, b } = await start({ rightsRequestsPerTenantPerHour: 2 });
    await accepted(await submit(a, 'x1@example.com'));
    await accepted(await submit(a, 'x2@example.com'));
    await assertRateLimited(await submit(a, 'x3@example.com'), 'rights-tenant');
    await accepted(await submit(b, 'x3@example.com'));
  });

  test('a requester\'s verify, status and cancel calls are limited per IP, unknown requests counted too', async () => {
    const { a } = await start({ requesterCallsPerIpPerMinute: 3 });
    const { id, requesterToken } = await accepted(await submit(a, 'checker@example.com'));
    const status = await fetch(`${server.url}/v1/rights-requests/${id}`, { headers: requesterHeaders(a, requesterToken) });
    assert.equal(status.status, 200);
    assert.match(status.headers.get('RateLimit') ?? '', /"requester-ip";r=2;t=\d+/);
    const wrong = await fetch(`${server.url}/v1/rights-requests/${id}/verify`, { method: 'POST', headers: requesterHeaders(a, requesterToken), body: JSON.stringify({ code: '000000' }) });
    assert.ok([409, 422].includes(wrong.status), String(wrong.status));
    const unknown = await fetch(`${server.url}/v1/rights-requests/rr_${'0'.repeat(20)}`, { headers: requesterHeaders(a, requesterToken) });
    assert.equal(unknown.status, 404);
    await assertRateLimited(await fetch(`${server.url}/v1/rights-requests/${id}/cancel`, { method: 'POST', headers: requesterHeaders(a, requesterToken) }), 'requester-ip');
    const staff = await fetch(`${server.url}/v1/rights-requests/${id}`, { headers: { Authorization: `Bearer ${a.secretKey}` } });
    assert.equal(staff.status, 200, 'staff reads are not a requester\'s calls');
  });
});
