import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { createApp } from '../app.ts';
import { createLogger } from '../logger.ts';
import { listen, type Listening } from '../runtime/listen.ts';
import { insertApiKey } from '../auth/api-keys.queries.ts';
import { insertTenant } from '../tenants/tenants.queries.ts';
import { readAuditRows } from '../login-audit/login-audit.queries.ts';
import { assertRateLimited } from '../testing/rate-limited.ts';
import { createTestDatabase, type TestDatabase } from '../testing/test-database.ts';
import { insertPasswordAccounts } from '../testing/password-accounts.ts';
import { PASSWORD_CHECK_LIMITS } from './password-check-limits.ts';

/**
 * The sign-in limits over real HTTP (the IP is the socket's, 127.0.0.1), with two API
 * processes' worth of apps on one PostgreSQL: the counters are shared.
 */
const ORIGIN = 'https://portal.example';
let db: TestDatabase;
let servers: Listening[] = [];
let tenantId: string;
let publishableKey: string;

before(async () => {
  db = await createTestDatabase();
  const tenant = await insertTenant(db.owner, { name: 'Guarded Port', region: 'eu', jurisdictions: ['gdpr'] });
  tenantId = tenant.id;
  publishableKey = (await insertApiKey(db.owner, { tenantId, kind: 'publishable', environment: 'live', allowedOrigins: [ORIGIN] })).token;
  await insertPasswordAccounts(db.owner, { tenantId, environment: 'live' }, [{ email: 'known@portal.example', password: 'ferry-walnut-signal-62' }]);
  // Two processes of one deployment share the master key (the audit trail's keys derive from it).
  const masterKey = randomBytes(32);
  for (let index = 0; index < 2; index += 1) {
    servers.push(await listen(createApp({ db, logger: createLogger('silent'), masterKey, rateLimits: { ipPerMinute: 1_000_000 } }).fetch, { port: 0, host: '127.0.0.1' }));
  }
});
after(async () => {
  await Promise.all(servers.map((server) => server.close(1_000)));
  servers = [];
  await db.drop();
});

const signIn = (url: string, email: string) => fetch(`${url}/api/auth/sign-in/email`, {
  method: 'POST',
  headers: { 'X-PortTask-Key': publishableKey, Origin: ORIGIN, 'Content-Type': 'application/json' },
  body: JSON.stringify({ email, password: 'not-the-password-00' }),
});

describe('sign-in limits (password and code checks)', () => {
  it('hold per IP across two API processes; a 429 is not a failed sign-in and is the same for every email', async () => {
    const attempts = PASSWORD_CHECK_LIMITS.perIpPerMinute + 20;
    const answers: Response[] = [];
    // Sequential, alternating processes and emails (one that exists, others that do not).
    for (let index = 0; index < attempts; index += 1) {
      answers.push(await signIn(servers[index % 2]!.url, index % 3 === 0 ? 'known@portal.example' : `nobody${index}@portal.example`));
    }
    const refused = answers.filter((answer) => answer.status === 429);
    const checked = answers.filter((answer) => answer.status !== 429);
    for (const answer of checked) assert.equal(answer.status, 401, await answer.clone().text());
    // Alone, each process would check 30; together they check 30, plus at most a tenth each
    // counted before the database confirmed the count.
    const limit = PASSWORD_CHECK_LIMITS.perIpPerMinute;
    assert.ok(checked.length >= limit && checked.length <= limit + 2 * Math.ceil(limit / 10), `checked ${checked.length}`);
    assert.equal(refused.length, attempts - checked.length);
    const known = await assertRateLimited(await signIn(servers[0]!.url, 'known@portal.example'), 'sign-in-ip');
    const unknown = await assertRateLimited(await signIn(servers[1]!.url, 'nobody-else@portal.example'), 'sign-in-ip');
    const shape = (body: { error: { code: string; message: string } }) => ({ code: body.error.code, message: body.error.message.replace(/\d+ s\b/, 'N s') });
    assert.deepEqual(shape(known), shape(unknown), 'the refusal does not tell which emails have accounts');
    // Only the checked attempts reached better-auth: one audit record each, none for a 429.
    const audited = await readAuditRows(db.owner, { tenantId, environment: 'live' }, 0, 1_000);
    assert.equal(audited.length, checked.length);
    assert.ok(audited.every((row) => row.outcome === 'wrong_password' || row.outcome === 'unknown_email' || row.outcome === 'locked'), audited.map((row) => row.outcome).join());
    // Drain the answers' bodies.
    await Promise.all(answers.map((answer) => answer.arrayBuffer()));
  });
});
