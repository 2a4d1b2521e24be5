import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { afterEach, describe, it } from 'node:test';
import { createApp } from '../app.ts';
import { createLogger } from '../logger.ts';
import { listen, type Listening } from '../runtime/listen.ts';
import { insertApiKey } from '../auth/api-keys.queries.ts';
import { insertTenant } from '../tenants/tenants.queries.ts';
import { assertRateLimited } from '../testing/rate-limited.ts';
import { createTestDatabase, type TestDatabase } from '../testing/test-database.ts';
import { setTenantLimits } from './limit-policies.ts';
import type { RateLimitSettings } from './rate-limits.ts';

/**
 * Rate limits over real HTTP (the IP is the socket's), on a real PostgreSQL. Each case has its
 * own database, so counters of one case never reach another.
 */
const ORIGIN = 'https://portal.example';
const TEXT_HASH = createHash('sha256').update('banner').digest('hex');

interface Stack {
  db: TestDatabase;
  servers: Listening[];
  publishableKey: string;
  otherPublishableKey: string;
  secretKey: string;
  tenantId: string;
  close(): Promise<void>;
}

/** One database, a tenant, and `instances` API processes' worth of apps on it. */
async function startStack(settings: RateLimitSettings = { ipPerMinute: 3_000 }, instances = 1): Promise<Stack> {
  const db = await createTestDatabase();
  const tenant = await insertTenant(db.owner, { name: 'Limited Port', region: 'eu', jurisdictions: ['gdpr'], policy: { version: '2026-04-03', url: 'https://portal.example/privacy', lastUpdated: '2026-04-03' } });
  const publishable = await insertApiKey(db.owner, { tenantId: tenant.id, kind: 'publishable', environment: 'live', allowedOrigins: [ORIGIN] });
  const other = await insertApiKey(db.owner, { tenantId: tenant.id, kind: 'publishable', environment: 'live', allowedOrigins: [ORIGIN] });
  const secret = await insertApiKey(db.owner, { tenantId: tenant.id, kind: 'secret', environment: 'live' });
  const servers: Listening[] = [];
  for (let index = 0; index < instances; index += 1) {
    servers.push(await listen(createApp({ db, logger: createLogger('silent'), masterKey: randomBytes(32), rateLimits: settings }).fetch, { port: 0, host: '127.0.0.1' }));
  }
  return {
    db, servers, publishableKey: publishable.token, otherPublishableKey: other.token, secretKey: secret.token, tenantId: tenant.id,
    async close() {
      await Promise.all(servers.map((server) => server.close(1_000)));
      await db.drop();
    },
  };
}

const decision = (subjectId: string) => JSON.stringify({
  subjectId, choices: { necessary: true, analytics: true }, policyVersion: '2026-04-03', bannerTextHash: TEXT_HASH, locale: 'en', source: 'banner', gpc: false,
});
const postConsent = (url: string, key: string, subjectId: string) => fetch(`${url}/v1/consents`, {
  method: 'POST', body: decision(subjectId), headers: { 'X-PortTask-Key': key, Origin: ORIGIN, 'Content-Type': 'application/json' },
});
const getCalls = (url: string, key: string) => fetch(`${url}/v1/port-calls`, { headers: { 'X-PortTask-Key': key, Origin: ORIGIN } });

/** Runs `total` calls of `work`, `concurrency` at a time; returns the statuses in call order. */
async function inParallel(total: number, concurrency: number, work: (index: number) => Promise<Response>): Promise<Response[]> {
  const answers: Response[] = new Array(total);
  let next = 0;
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (next < total) {
      const index = next++;
      answers[index] = await work(index);
      await answers[index]!.arrayBuffer();
    }
  }));
  return answers;
}

describe('rate limits', () => {
  let stack: Stack;
  afterEach(async () => { await stack.close(); });

  it('stop the 4,001-records-per-subject loop after the subject\'s daily limit (30 by default)', async () => {
    stack = await startStack({ ipPerMinute: 1_000_000 });
    const url = stack.servers[0]!.url;
    const answers = await inParallel(4_001, 16, () => postConsent(url, stack.publishableKey, 'visitor_42'));
    const created = answers.filter((answer) => answer.status === 201).length;
    assert.equal(created, 30);
    assert.equal(answers.filter((answer) => answer.status === 429).length, 4_001 - 30);
    const stored = await stack.db.owner`SELECT count(*)::int AS n FROM consent_records WHERE subject_id = 'visitor_42'`;
    assert.equal(stored[0]!.n, 30);
  });

  it('answer 429 in the error shape with Retry-After and RateLimit fields; every answer carries the fields', async () => {
    stack = await startStack({ ipPerMinute: 1_000_000 });
    const url = stack.servers[0]!.url;
    await setTenantLimits(stack.db.owner, { tenantId: stack.tenantId, environment: 'live' }, { consentsPerSubjectPerDay: 2 });
    const first = await postConsent(url, stack.publishableKey, 'visitor_7');
    assert.equal(first.status, 201);
    assert.match(first.headers.get('RateLimit-Policy') ?? '', /"consent-subject";q=2;w=86400/);
    assert.match(first.headers.get('RateLimit') ?? '', /"consent-subject";r=1;t=\d+/);
    assert.match(first.headers.get('RateLimit') ?? '', /"key";r=\d+;t=\d+/);
    assert.equal((await postConsent(url, stack.publishableKey, 'visitor_7')).status, 201);
    await assertRateLimited(await postConsent(url, stack.publishableKey, 'visitor_7'), 'consent-subject');
  });

  it('limit anonymous writes per address tighter than reads', async () => {
    stack = await startStack({ ipPerMinute: 1_000_000 });
    const url = stack.servers[0]!.url;
    await setTenantLimits(stack.db.owner, { tenantId: stack.tenantId, environment: 'live' }, { writesPerIpPerMinute: 5 });
    const writes = await inParallel(6, 1, (index) => postConsent(url, stack.publishableKey, `visitor_w${index}`));
    assert.deepEqual(writes.slice(0, 5).map((answer) => answer.status), [201, 201, 201, 201, 201]);
    assert.equal(writes[5]!.status, 429);
    await assertRateLimited(await postConsent(url, stack.publishableKey, 'visitor_w9'), 'visitor-writes');
    assert.equal((await getCalls(url, stack.publishableKey)).status, 200, 'reads go on');
  });

  it('limit each key: a key over its limit is refused, another key of the tenant is not', async () => {
    stack = await startStack({ ipPerMinute: 1_000_000 });
    const url = stack.servers[0]!.url;
    await setTenantLimits(stack.db.owner, { tenantId: stack.tenantId, environment: 'live' }, { requestsPerKeyPerMinute: 10 });
    const answers = await inParallel(10, 4, () => getCalls(url, stack.publishableKey));
    assert.deepEqual(new Set(answers.map((answer) => answer.status)), new Set([200]));
    await assertRateLimited(await getCalls(url, stack.publishableKey), 'key');
    assert.equal((await getCalls(url, stack.otherPublishableKey)).status, 200);
  });

  it('limit each IP address on every route, preflights and requests without a key included', async () => {
    stack = await startStack({ ipPerMinute: 12 });
    const url = stack.servers[0]!.url;
    const preflight = () => fetch(`${url}/v1/port-calls`, { method: 'OPTIONS', headers: { Origin: ORIGIN, 'Access-Control-Request-Method': 'GET', 'Access-Control-Request-Headers': 'x-porttask-key' } });
    const answers = [
      ...(await inParallel(4, 2, preflight)),
      ...(await inParallel(4, 2, () => fetch(`${url}/v1/port-calls`))),
      ...(await inParallel(4, 2, () => getCalls(url, stack.publishableKey))),
    ];
    assert.deepEqual(answers.map((answer) => answer.status), [204, 204, 204, 204, 401, 401, 401, 401, 200, 200, 200, 200]);
    await assertRateLimited(await preflight(), 'ip', { preflight: true });
    await assertRateLimited(await getCalls(url, stack.otherPublishableKey), 'ip');
  });

  it('hold across API processes: two apps on one database admit at most the limit plus a tenth of it each', async () => {
    stack = await startStack({ ipPerMinute: 1_000_000 }, 2);
    const [one, two] = stack.servers.map((server) => server.url) as [string, string];
    await setTenantLimits(stack.db.owner, { tenantId: stack.tenantId, environment: 'live' }, { requestsPerKeyPerMinute: 40 });
    const answers = await inParallel(200, 8, (index) => getCalls(index % 2 === 0 ? one : two, stack.publishableKey));
    const admitted = answers.filter((answer) => answer.status === 200).length;
    assert.equal(answers.filter((answer) => answer.status === 429).length, 200 - admitted);
    // Alone, each process would admit 40: together they admit 40, plus at most 4 each counted
    // before the database confirmed them (docs/operations.md, "Rate limits").
    assert.ok(admitted >= 40 && admitted <= 40 + 2 * 4, `admitted ${admitted}`);
    await assertRateLimited(await getCalls(one, stack.publishableKey), 'key');
    await assertRateLimited(await getCalls(two, stack.publishableKey), 'key');
  });

  it('count the banner\'s configuration per IP only, never against the key', async () => {
    stack = await startStack({ ipPerMinute: 1_000_000 });
    const url = stack.servers[0]!.url;
    await setTenantLimits(stack.db.owner, { tenantId: stack.tenantId, environment: 'live' }, { requestsPerKeyPerMinute: 2 });
    const getConfig = () => fetch(`${url}/v1/config`, { headers: { 'X-PortTask-Key': stack.publishableKey, Origin: ORIGIN } });
    const answers = await inParallel(5, 1, getConfig);
    assert.deepEqual(answers.map((answer) => answer.status), [200, 200, 200, 200, 200]);
    assert.equal(answers[4]!.headers.get('RateLimit-Policy'), '"ip";q=1000000;w=60');
    await getCalls(url, stack.publishableKey);
    await getCalls(url, stack.publishableKey);
    await assertRateLimited(await getCalls(url, stack.publishableKey), 'key');
    assert.equal((await getConfig()).status, 200, 'the configuration still answers');
  });

  it('do not count a decision refused with 422 against its subject\'s day', async () => {
    stack = await startStack({ ipPerMinute: 1_000_000 });
    const url = stack.servers[0]!.url;
    await setTenantLimits(stack.db.owner, { tenantId: stack.tenantId, environment: 'live' }, { consentsPerSubjectPerDay: 2 });
    const unknownPurpose = () => fetch(`${url}/v1/consents`, {
      method: 'POST',
      body: decision('visitor_9').replace('"analytics":true', '"astrology":true'),
      headers: { 'X-PortTask-Key': stack.publishableKey, Origin: ORIGIN, 'Content-Type': 'application/json' },
    });
    for (let attempt = 0; attempt < 3; attempt += 1) assert.equal((await unknownPurpose()).status, 422);
    assert.equal((await postConsent(url, stack.publishableKey, 'visitor_9')).status, 201);
    assert.equal((await postConsent(url, stack.publishableKey, 'visitor_9')).status, 201);
    await assertRateLimited(await postConsent(url, stack.publishableKey, 'visitor_9'), 'consent-subject');
  });
});
