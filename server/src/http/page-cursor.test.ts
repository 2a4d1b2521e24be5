import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import postgres from 'postgres';
import { createApp } from '../app.ts';
import { APP_ROLE } from '../db/connection.ts';
import { appLoginPassword } from '../db/app-login.ts';
import { createLogger } from '../logger.ts';
import { samplePortCall, SAMPLE_VESSELS } from '../schedules/testing/sample-port-calls.ts';
import { createAppFixture, type AppFixture } from '../testing/app-fixture.ts';
import { environmentKeys } from '../testing/environment-keys.ts';
import { buildOpenApiDocument } from '../openapi/print-document.ts';

/**
 * Every list route's cursor is sealed for one tenant, environment and list: anything else (from
 * another environment, tenant, list or sort order, altered, forged or garbage) is a 400
 * INVALID_CURSOR in the error shape, before any query runs, the same on every route.
 */
let fixture: AppFixture;
const SUBJECT = 'subject_cursor_01';

const LISTS = [
  { name: 'port calls', path: '/v1/port-calls?limit=1', key: 'publishable' },
  { name: 'ports', path: '/v1/ports?limit=1', key: 'publishable' },
  { name: 'vessels', path: '/v1/vessels?limit=1', key: 'publishable' },
  { name: 'consent records', path: `/v1/consents?subjectId=${SUBJECT}&limit=1`, key: 'secret' },
  { name: 'consent configuration history', path: '/v1/consent-config/history?limit=1', key: 'secret' },
] as const;

before(async () => {
  fixture = await createAppFixture();
  await fixture.db.owner`UPDATE tenants SET policy_version = 'v1', policy_url = 'https://portal.example/privacy', policy_last_updated = '2026-04-03'`;
  for (const tenant of [fixture.tenantA, fixture.tenantB]) {
    for (const headers of Object.values(environmentKeys(tenant))) {
      // Two of everything, so every list has a second page.
      for (const [index, port] of (['NLRTM', 'SGSIN'] as const).entries()) {
        const body = samplePortCall({ UNLocationCode: port, facilitySMDGCode: port === 'NLRTM' ? 'ECTDE' : 'PPT', vessel: { ...SAMPLE_VESSELS[index]! } });
        const written = await fixture.request(`/v1/port-calls/CURSOR-${index}`, { method: 'PUT', body: JSON.stringify(body), headers: { ...headers.secret, 'Content-Type': 'application/json' } });
        assert.equal(written.status, 201, await written.text());
      }
      for (const expiryDays of [30, 60]) {
        const saved = await fixture.request('/v1/consent-config', {
          method: 'PUT', headers: { ...headers.secret, 'Content-Type': 'application/json' },
          body: JSON.stringify({ model: 'opt_in', expiryDays, purposes: [{ key: 'necessary', required: true, texts: {} }] }),
        });
        assert.equal(saved.status, 200, await saved.text());
      }
      for (let count = 0; count < 2; count += 1) {
        const recorded = await fixture.request('/v1/consents', {
          method: 'POST', headers: { ...headers.publishable, 'Content-Type': 'application/json' },
          body: JSON.stringify({ subjectId: SUBJECT, choices: { necessary: true }, policyVersion: 'v1', bannerTextHash: 'a'.repeat(64), locale: 'en', source: 'banner', gpc: false }),
        });
        assert.equal(recorded.status, 201, await recorded.text());
      }
    }
  }
});
after(async () => { await fixture.close(); });

const headersOf = (tenant: AppFixture['tenantA'], environment: 'test' | 'live', key: 'publishable' | 'secret') => environmentKeys(tenant)[environment][key];

async function firstCursor(path: string, headers: Record<string, string>): Promise<string> {
  const page = await fixture.request(path, { headers });
  const body = await page.json();
  assert.equal(page.status, 200, JSON.stringify(body));
  assert.equal(body.data.length, 1);
  assert.equal(typeof body.nextCursor, 'string', `${path} has a second page`);
  return body.nextCursor;
}

async function expectInvalidCursor(response: Response, what: string): Promise<void> {
  const body = await response.json();
  assert.equal(response.status, 400, `${what}: ${JSON.stringify(body)}`);
  assert.equal(body.error.code, 'INVALID_CURSOR', what);
  assert.match(body.error.requestId, /^req_/);
  assert.equal(typeof body.error.message, 'string');
}

describe('page cursors', () => {
  for (const list of LISTS) {
    it(`${list.name}: continue in their own scope and are refused in any other`, async () => {
      const own = headersOf(fixture.tenantA, 'test', list.key);
      const cursor = await firstCursor(list.path, own);
      const second = await fixture.request(`${list.path}&cursor=${cursor}`, { headers: own });
      assert.equal(second.status, 200);
      assert.equal((await second.json()).data.length, 1);
      await expectInvalidCursor(await fixture.request(`${list.path}&cursor=${cursor}`, { headers: headersOf(fixture.tenantA, 'live', list.key) }), 'test cursor in live');
      await expectInvalidCursor(await fixture.request(`${list.path}&cursor=${cursor}`, { headers: headersOf(fixture.tenantB, 'test', list.key) }), 'tenant A cursor for tenant B');
      const altered = `${cursor.slice(0, -2)}${cursor.endsWith('AA') ? 'BB' : 'AA'}`;
      for (const [what, bad] of [['altered', altered], ['garbage', 'abc'], ['not base64url', '%2B%2F%3D'], ['old plain format', Buffer.from('c1:1').toString('base64url')]] as const) {
        await expectInvalidCursor(await fixture.request(`${list.path}&cursor=${bad}`, { headers: own }), what);
      }
    });
  }

  it('are bound to the list: another list\'s, sort order\'s or subject\'s cursor is refused', async () => {
    const headers = headersOf(fixture.tenantA, 'live', 'publishable');
    const ports = await firstCursor('/v1/ports?limit=1', headers);
    await expectInvalidCursor(await fixture.request(`/v1/vessels?limit=1&cursor=${ports}`, { headers }), 'ports cursor for vessels');
    const byArrival = await firstCursor('/v1/port-calls?limit=1&sort=arrival', headers);
    await expectInvalidCursor(await fixture.request(`/v1/port-calls?limit=1&sort=vessel&cursor=${byArrival}`, { headers }), 'arrival cursor with sort=vessel');
    const secret = headersOf(fixture.tenantA, 'live', 'secret');
    const records = await firstCursor(`/v1/consents?subjectId=${SUBJECT}&limit=1`, secret);
    await expectInvalidCursor(await fixture.request(`/v1/consents?subjectId=subject_cursor_02&limit=1&cursor=${records}`, { headers: secret }), 'another subject');
  });

  it('fit the query limit even for the longest position (a vessel name of 100 escaped characters)', async () => {
    const headers = headersOf(fixture.tenantB, 'live', 'secret');
    for (const [index, vessel] of [SAMPLE_VESSELS[2], SAMPLE_VESSELS[3]].entries()) {
      const body = samplePortCall({ vessel: { ...vessel!, vesselName: `${'\u0001'.repeat(99)}${index}` } });
      const written = await fixture.request(`/v1/port-calls/LONG-${index}`, { method: 'PUT', body: JSON.stringify(body), headers: { ...headers, 'Content-Type': 'application/json' } });
      assert.equal(written.status, 201, await written.text());
    }
    const cursor = await firstCursor('/v1/vessels?limit=1', headers);
    assert.ok(cursor.length > 512 && cursor.length <= 1024, `cursor of ${cursor.length} characters`);
    const second = await fixture.request(`/v1/vessels?limit=1&cursor=${cursor}`, { headers });
    assert.equal(second.status, 200, await second.clone().text());
    assert.equal((await second.json()).data[0].vesselName.endsWith('1'), true);
  });

  it('are refused before any query runs', async () => {
    let queries = 0;
    const seen: string[] = [];
    const counted = postgres(fixture.db.url, {
      username: APP_ROLE, password: () => appLoginPassword(fixture.db.owner), max: 2, onnotice: () => {},
      transform: { undefined: null },
      // What must not run is the list's query. Statements of every request are not counted:
      // the rate-limit count, the key lookup (its cache lasts a second, which a loaded CI
      // machine can outlast between two requests) and the lazy LISTEN for key changes.
      debug: (_connection: number, query: string) => {
        if (/rate_limit_counters|token_hash = \$|^\s*LISTEN/i.test(query)) return;
        queries += 1;
        seen.push(query.replace(/\s+/g, ' ').slice(0, 160));
      },
    });
    const app = createApp({ db: { ...fixture.db, sql: counted }, logger: createLogger('silent'), masterKey: fixture.masterKey });
    try {
      const forged = Buffer.from(JSON.stringify(['2026-01-01T00:00:00Z', 'pc_1'])).toString('base64url');
      assert.equal((await app.request('/v1/ports', { headers: headersOf(fixture.tenantB, 'live', 'publishable') })).status, 200);
      assert.ok(queries > 0, 'the counter sees the app\'s queries');
      for (const list of LISTS) {
        const headers = headersOf(fixture.tenantA, 'live', list.key);
        assert.equal((await app.request(list.path, { headers })).status, 200); // the key lookup is cached now
        queries = 0; seen.length = 0;
        await expectInvalidCursor(await app.request(`${list.path}&cursor=${forged}`, { headers }), list.name);
        assert.equal(queries, 0, `${list.name}: no query for a forged cursor, ran: ${seen.join(' | ')}`);
      }
    } finally {
      await counted.end();
    }
  });

  it('are documented: every route that takes a cursor declares its 400', async () => {
    // The whole document, as `porttask serve` serves it (the rights requests included).
    const document = buildOpenApiDocument();
    const withCursor = Object.entries(document.paths as Record<string, Record<string, { parameters?: { name: string }[]; responses: Record<string, unknown> }>>)
      .flatMap(([path, operations]) => Object.entries(operations).map(([method, operation]) => ({ route: `${method.toUpperCase()} ${path}`, operation })))
      .filter(({ operation }) => operation.parameters?.some((parameter) => parameter.name === 'cursor'));
    assert.deepEqual(withCursor.map(({ route }) => route).sort(), [
      'GET /v1/api-keys', 'GET /v1/audit/login-events', 'GET /v1/consent-config/history', 'GET /v1/consents', 'GET /v1/port-calls',
      'GET /v1/ports', 'GET /v1/rights-requests', 'GET /v1/users', 'GET /v1/users/invitations', 'GET /v1/vessels', 'GET /v1/webhook-endpoints', 'GET /v1/webhook-endpoints/{id}/deliveries',
    ]);
    for (const { route, operation } of withCursor) assert.ok(operation.responses['400'], `${route} declares 400`);
  });
});
