/**
 * Rights-request intake (docs/benchmarks.md, "Rights requests"): the sustained rate of
 * `POST /v1/rights-requests` from one client over loopback HTTP, each a new request of a new
 * address. Every request does what it does in production: counts its three rate limits
 * (per IP, per email, per tenant) in PostgreSQL, creates the requester's key, encrypts email,
 * name and details, writes the request, two events, the encrypted verification mail and its
 * job, in one transaction; the API process also sends the queued mail (development mailbox).
 * The limits are raised for the bench so one client can send the load (as the consent bench does).
 */
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { insertApiKey } from '../server/src/auth/api-keys.queries.ts';
import { freePort } from '../server/src/db/local-postgres.ts';
import { setTenantLimits } from '../server/src/limits/limit-policies.ts';
import { insertTenant } from '../server/src/tenants/tenants.queries.ts';
import { createTestDatabase } from '../server/src/testing/test-database.ts';
import { httpLoad, waitForHealth } from './consent.ts';

const ROOT = path.resolve(import.meta.dirname, '..');
const ORIGIN = 'https://bench-portal.example';
/**
 * Fewer connections than the consent bench's 16: a new request holds its transaction's
 * connection while its rate limits are counted on another from the same pool (10), so more
 * than 9 at once can leave none for the counting (docs/benchmarks.md, "Rights requests").
 */
const CONNECTIONS = Number(process.env.BENCH_RIGHTS_CONNECTIONS ?? 4);

export async function run(): Promise<{ requestsPerSecond: number; stored: number }> {
  const db = await createTestDatabase();
  const tenant = await insertTenant(db.owner, { name: 'Bench Port', region: 'eu', jurisdictions: ['gdpr'] });
  const key = await insertApiKey(db.owner, { tenantId: tenant.id, kind: 'publishable', environment: 'live', allowedOrigins: [ORIGIN] });
  await setTenantLimits(db.owner, { tenantId: tenant.id, environment: 'live' }, {
    requestsPerKeyPerMinute: 100_000_000, writesPerIpPerMinute: 100_000_000,
    rightsRequestsPerIpPerHour: 100_000_000, rightsRequestsPerEmailPerDay: 100_000_000, rightsRequestsPerTenantPerHour: 100_000_000,
  });
  const port = await freePort();
  // Mail goes to the development mailbox: the bench measures the API, not an SMTP server.
  const { SMTP_URL: _smtp, ...environment } = process.env;
  const api = spawn(process.execPath, ['--conditions=source', '--import', 'tsx', 'server/src/cli.ts', 'serve'], {
    cwd: ROOT,
    env: { ...environment, DATABASE_URL: db.url, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'info', NODE_ENV: 'development', RATE_LIMIT_IP_PER_MINUTE: '100000000' },
    stdio: ['ignore', 'ignore', 'ignore'],
  });
  try {
    const apiUrl = `http://127.0.0.1:${port}`;
    await waitForHealth(apiUrl);
    let requester = 0;
    const load = () => httpLoad({
      url: `${apiUrl}/v1/rights-requests`,
      headers: { 'Content-Type': 'application/json', 'X-PortTask-Key': key.token, Origin: ORIGIN, 'User-Agent': 'porttask-bench' },
      connections: CONNECTIONS,
      nextRequest: () => {
        requester += 1;
        return {
          body: JSON.stringify({ type: 'access', email: `requester.${requester}@bench.example`, name: `Requester ${requester}`, details: 'Every port call booked under this address.', locale: 'en' }),
          headers: { 'Idempotency-Key': randomUUID() },
        };
      },
    });
    await load(); // warm up: connections, JIT, query plans
    const requestsPerSecond = await load();
    const [row] = await db.owner<{ count: number }[]>`SELECT count(*)::int AS count FROM rights_requests`;
    console.log(`POST /v1/rights-requests (3 rate limits counted, requester key, 3 encrypted fields, 2 events, encrypted mail + job; one client, ${CONNECTIONS} connections): ` +
      `${requestsPerSecond.toFixed(0)}/s (${row?.count ?? 0} requests stored over warm-up and run)`);
    return { requestsPerSecond, stored: row?.count ?? 0 };
  } finally {
    api.kill('SIGTERM');
    await new Promise((resolve) => api.once('exit', resolve));
    await db.drop();
  }
}
