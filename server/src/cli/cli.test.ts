import { randomBytes } from 'node:crypto';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { request } from 'node:http';
import { after, before, describe, it } from 'node:test';
import { createApp } from '../app.ts';
import { createLogger } from '../logger.ts';
import { runCli, startServeProcess } from '../testing/cli-process.ts';
import { createTestDatabase, type TestDatabase } from '../testing/test-database.ts';

let db: TestDatabase;
before(async () => { db = await createTestDatabase(); });
after(async () => { await db.drop(); });

const cli = (...args: string[]) => runCli(args, { DATABASE_URL: db.url });
const json = async (...args: string[]) => {
  const result = await cli(...args, '--json');
  assert.equal(result.code, 0, result.stderr);
  return JSON.parse(result.stdout);
};
const configWith = (headers: Record<string, string>) =>
  createApp({ db, logger: createLogger('silent'), masterKey: randomBytes(32) }).request('/v1/config', { headers });

describe('porttask CLI', () => {
  it('creates a tenant whose keys work at once, and manages its keys', async () => {
    const tenant = await json('tenants', 'create', '--name', 'Kandla Shipping Agency', '--region', 'in', '--origin', 'https://portal.kandla.example');
    assert.match(tenant.tenantId, /^ten_/);
    assert.match(tenant.publishableKey, /^pk_live_/);
    assert.match(tenant.secretKey, /^sk_live_/);
    const config = await configWith({ 'X-PortTask-Key': tenant.publishableKey, Origin: 'https://portal.kandla.example' });
    assert.equal(config.status, 200);
    assert.equal((await config.json()).tenant.region, 'in');

    const added = await json('keys', 'create', '--tenant', tenant.tenantId, '--type', 'publishable', '--environment', 'test', '--origin', 'https://staging.kandla.example');
    const keys = await json('keys', 'list', '--tenant', tenant.tenantId);
    assert.equal(keys.length, 3);
    assert.ok(keys.every((key: Record<string, unknown>) => !('token' in key)), 'listing never shows a key');
    await json('keys', 'revoke', '--tenant', tenant.tenantId, '--key', added.id);
    const refused = await configWith({ 'X-PortTask-Key': added.token });
    assert.equal((await refused.json()).error.code, 'API_KEY_REVOKED');
  });

  it('refuses bad input with exit code 2 and says what is wrong', async () => {
    const region = await cli('tenants', 'create', '--name', 'X', '--region', 'mars', '--origin', 'https://a.example');
    assert.equal(region.code, 2);
    assert.match(region.stderr, /--region/);
    const origin = await cli('tenants', 'create', '--name', 'X', '--region', 'eu', '--origin', 'https://a.example/portal');
    assert.equal(origin.code, 2);
    assert.match(origin.stderr, /--origin: must be an origin/);
    const unknownKey = await cli('keys', 'revoke', '--tenant', 'ten_00000000000000000000', '--key', 'key_00000000000000000000');
    assert.equal(unknownKey.code, 2);
    assert.match(unknownKey.stderr, /No key key_0+ for tenant ten_0+/);
    const nonsense = await cli('nonsense');
    assert.equal(nonsense.code, 2);
    assert.match(nonsense.stderr, /^porttask: unknown command: nonsense\n/);
    assert.equal(nonsense.stdout, '', 'usage goes to stderr with the error');
    const subcommand = await cli('tenants', 'rename');
    assert.equal(subcommand.code, 2);
    assert.match(subcommand.stderr, /unknown command: tenants rename/);
    const help = await cli('--help');
    assert.equal(help.code, 0);
    assert.match(help.stdout, /keys roll KEY_ID/);
    assert.equal((await cli('retention', 'run', '--outbox-days', '0')).code, 2);
    assert.equal((await cli('retention', 'prune')).code, 2);
    const liveDemo = await cli('seed', '--demo', '--environment', 'live');
    assert.equal(liveDemo.code, 2);
    assert.match(liveDemo.stderr, /only test keys/);
  });

  it('retention run deletes outbox events past the window, per tenant and environment, and moves the horizon', async () => {
    const tenant = await json('tenants', 'create', '--name', 'Retention Agency', '--region', 'eu', '--origin', 'https://portal.retention.example');
    for (const environment of ['live', 'test']) {
      await db.owner`INSERT INTO ports (tenant_id, environment, un_location_code, port_name, country_code, time_zone) VALUES (${tenant.tenantId}, ${environment}, 'NLRTM', 'Rotterdam', 'NL', 'Europe/Amsterdam')`;
      await db.owner`INSERT INTO vessels (tenant_id, environment, vessel_imo_number, vessel_name) VALUES (${tenant.tenantId}, ${environment}, '9321483', 'EMMA MAERSK')`;
      await db.owner`INSERT INTO port_calls (tenant_id, environment, id, transport_call_reference, un_location_code, vessel_imo_number, status, updated_by) VALUES (${tenant.tenantId}, ${environment}, 'pc_1', 'R-1', 'NLRTM', '9321483', 'PLANNED', 'test')`;
    }
    const event = (environment: string, sequence: number, age: string) => db.owner`
      INSERT INTO schedule_events (tenant_id, environment, sequence, port_call_id, version, event_type, payload, created_at)
      VALUES (${tenant.tenantId}, ${environment}, ${sequence}, 'pc_1', 1, 'port_call.created', '{}', now() - ${age}::interval)`;
    await event('live', 1, '10 days');
    await event('live', 2, '9 days');
    await event('live', 3, '1 day');
    await event('test', 1, '10 days');
    const live = await cli('retention', 'run', '--outbox-days', '7', '--environment', 'live');
    assert.equal(live.code, 0, live.stderr);
    assert.match(live.stdout, /\(live environment\): deleted 2 event/);
    const count = async (environment: string) =>
      (await db.owner`SELECT count(*)::int AS n FROM schedule_events WHERE tenant_id = ${tenant.tenantId} AND environment = ${environment}`)[0]!.n;
    assert.equal(await count('live'), 1);
    assert.equal(await count('test'), 1, 'the test environment is left alone');
    const horizon = async (environment: string) =>
      (await db.owner`SELECT pruned_through FROM schedule_event_horizon WHERE tenant_id = ${tenant.tenantId} AND environment = ${environment}`)[0]?.pruned_through;
    assert.equal(Number(await horizon('live')), 2);
    assert.equal(await horizon('test'), undefined);
    const both = await json('retention', 'run', '--outbox-days', '7');
    assert.deepEqual(both, { environments: ['test', 'live'], outbox: { olderThanDays: 7, deleted: 1, tenants: 1 }, loginAudit: { olderThanDays: 730, deleted: 0, chains: 0, refused: [] } });
    assert.equal(Number(await horizon('test')), 1);
    assert.deepEqual((await json('retention', 'run')).outbox, { olderThanDays: 7, deleted: 0, tenants: 0 }, 'again: nothing more (default window 7 days)');
    assert.equal((await cli('retention', 'run', '--environment', 'staging')).code, 2);
  });
});

describe('porttask serve on the embedded PostgreSQL', () => {
  let dataDirectory: string;
  before(async () => {
    dataDirectory = await mkdtemp(path.join(os.tmpdir(), 'porttask-cli-'));
    await chmod(dataDirectory, 0o777);
  });
  after(async () => { await rm(dataDirectory, { recursive: true, force: true }); });

  it('starts its own PostgreSQL, shares it with the CLI, and stops both cleanly on SIGTERM', async () => {
    const env = { DATABASE_URL: '', PORTTASK_DATA_DIR: dataDirectory };
    const server = startServeProcess(env);
    const url = await server.url;
    const pidFile = path.join(dataDirectory, 'postgres', 'postmaster.pid');
    assert.ok(existsSync(pidFile), 'the embedded cluster runs');

    // The CLI beside a running server borrows its cluster instead of starting another.
    const seeded = await runCli(['seed', '--demo', '--json'], env);
    assert.equal(seeded.code, 0, seeded.stderr);
    const keys = JSON.parse(seeded.stdout);
    assert.equal(keys.environment, 'test');
    const config = await fetch(`${url}/v1/config`, { headers: { 'X-PortTask-Key': keys.publishableKey } });
    assert.equal(config.status, 200);
    const demoConfig = await config.json();
    assert.equal(demoConfig.environment, 'test');
    assert.equal(demoConfig.consent.configured, true, 'the demo consent configuration is in the test environment');

    // A request whose body is still arriving when the signal comes must still get its answer.
    const inFlight = slowPost(`${url}/v1/consents`, keys.publishableKey);
    await inFlight.bodyStarted;
    server.child.kill('SIGTERM');
    inFlight.finishBody();
    assert.equal(await inFlight.status, 422, 'the in-flight request was answered (422: its body is not a decision)');
    assert.equal(await server.exited, 0);
    assert.ok(!existsSync(pidFile), 'PostgreSQL stopped cleanly (no postmaster.pid left)');
    assert.match(server.output(), /finishing in-flight requests/);

    // Without a server, the CLI starts the cluster for itself and stops it after; the demo keys
    // are derived from the data directory's master key, so they are the same again.
    const again = await runCli(['seed', '--demo', '--json'], env);
    assert.equal(again.code, 0, again.stderr);
    assert.deepEqual(JSON.parse(again.stdout), keys);
    assert.ok(!existsSync(pidFile));
  });
});

/**
 * A POST on its own connection whose body is sent in two parts, the second on demand. It asks
 * for `100 Continue` and sends the first part only once that arrives, so by then the server
 * has parsed the headers and handed the request to the app (no guessing with a sleep).
 */
function slowPost(url: string, publishableKey: string) {
  const body = JSON.stringify({ subjectId: 'in-flight-subject', choices: {} });
  const outgoing = request(url, {
    method: 'POST',
    agent: false,
    headers: { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body), 'X-PortTask-Key': publishableKey, Expect: '100-continue' },
  });
  outgoing.flushHeaders();
  const status = new Promise<number>((resolve, reject) => {
    outgoing.on('response', (response) => {
      response.resume();
      resolve(response.statusCode ?? 0);
    });
    outgoing.on('error', reject);
  });
  const half = Math.floor(body.length / 2);
  const bodyStarted = new Promise<void>((resolve) => {
    outgoing.once('continue', () => outgoing.write(body.slice(0, half), () => resolve()));
  });
  return { bodyStarted, status, finishBody: () => outgoing.end(body.slice(half)) };
}
