import { randomBytes } from 'node:crypto';
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createApp } from '../app.ts';
import { createLogger } from '../logger.ts';
import { runCli } from '../testing/cli-process.ts';
import { createTestDatabase, type TestDatabase } from '../testing/test-database.ts';

let db: TestDatabase;
before(async () => { db = await createTestDatabase(); });
after(async () => { await db.drop(); });

const cli = (...args: string[]) => runCli(args, { DATABASE_URL: db.url });
const json = async (...args: string[]) => {
  const result = await cli(...args, '--json');
  assert.equal(result.code, 0, result.stderr);
  return { value: JSON.parse(result.stdout), stderr: result.stderr };
};
const app = () => createApp({ db, logger: createLogger('silent'), masterKey: randomBytes(32) });
const widgetConfig = (publishableKey: string, origin: string) => app().request('/v1/config', { headers: { 'X-PortTask-Key': publishableKey, Origin: origin } });

describe('porttask tenants', () => {
  it('create --policy-url --policy-version publishes the policy: the banner has what it needs at once', async () => {
    const { value: tenant, stderr } = await json('tenants', 'create', '--name', 'Paradip Agency', '--region', 'in', '--origin', 'HTTPS://Portal.Paradip.example:443/',
      '--policy-url', 'https://portal.paradip.example/privacy', '--policy-version', '2026-03', '--policy-last-updated', '2026-03-01');
    assert.match(stderr, /database: DATABASE_URL postgres:\/\/postgres@/, 'says which database it used');
    assert.doesNotMatch(stderr, /:postgres@/, 'never the password');
    assert.deepEqual(tenant.allowedOrigins, ['https://portal.paradip.example'], 'the origin is normalised');
    assert.deepEqual(tenant.policy.version, '2026-03');
    assert.deepEqual(tenant.nextSteps, []);
    const config = await (await widgetConfig(tenant.publishableKey, 'https://portal.paradip.example')).json();
    assert.deepEqual(config.policy, { version: '2026-03', url: 'https://portal.paradip.example/privacy', lastUpdated: '2026-03-01' });
  });

  it('create without a policy prints the exact command that publishes one', async () => {
    const created = await cli('tenants', 'create', '--name', 'Haldia Agency', '--region', 'in', '--origin', 'https://portal.haldia.example');
    assert.equal(created.code, 0, created.stderr);
    const tenantId = /Created tenant (ten_[0-9a-z]{20})/.exec(created.stdout)![1]!;
    const command = new RegExp(`porttask consent policy --tenant ${tenantId} --version \\S+ --url \\S+ --last-updated \\S+`).exec(created.stdout)?.[0];
    assert.ok(command, created.stdout);
    assert.match(created.stdout, /banner shows nothing until you do/);
    // The printed command works as printed (with the placeholders as values).
    const published = await cli(...command.split(' ').slice(1));
    assert.equal(published.code, 0, published.stderr);
    const { value: shown } = await json('tenants', 'show', tenantId);
    assert.equal(shown.policyVersions.length, 1);
    assert.deepEqual(shown.nextSteps, []);
  });

  it('refuses half a policy, and an origin with a path, with exit code 2', async () => {
    const half = await cli('tenants', 'create', '--name', 'X', '--region', 'eu', '--origin', 'https://x.example', '--policy-url', 'https://x.example/privacy');
    assert.equal(half.code, 2);
    assert.match(half.stderr, /--policy-url and --policy-version go together/);
    const path = await cli('tenants', 'create', '--name', 'X', '--region', 'eu', '--origin', 'https://x.example/portal');
    assert.equal(path.code, 2);
    assert.match(path.stderr, /--origin: .*without a path, query or fragment.*try https:\/\/x\.example/);
  });

  it('list and show, as text and as JSON', async () => {
    const { value: tenant } = await json('tenants', 'create', '--name', 'Listed Agency', '--region', 'sg', '--environment', 'test');
    const { value: tenants } = await json('tenants', 'list');
    const listed = tenants.find((entry: { id: string }) => entry.id === tenant.tenantId);
    assert.deepEqual({ ...listed, createdAt: undefined }, { id: tenant.tenantId, name: 'Listed Agency', region: 'sg', createdAt: undefined, policyVersion: null, activeKeys: 2 });
    const text = await cli('tenants', 'list');
    assert.match(text.stdout, new RegExp(`${tenant.tenantId}  sg  Listed Agency  policy NONE \\(banner shows nothing\\)  2 active key\\(s\\)`));
    const shown = await cli('tenants', 'show', tenant.tenantId);
    assert.equal(shown.code, 0, shown.stderr);
    assert.match(shown.stdout, /Next: publish your privacy policy/);
    assert.match(shown.stdout, /works only from localhost/, 'a test publishable key without origins says where it works');
    assert.equal((await cli('tenants', 'show', 'ten_00000000000000000000')).code, 2);
  });
});

describe('porttask keys', () => {
  it('warns on stderr when a publishable key has no origin (test: localhost only; live: nowhere)', async () => {
    const { value: tenant, stderr } = await json('tenants', 'create', '--name', 'Warned Agency', '--region', 'eu');
    assert.match(stderr, /warning: This publishable key has no allowed origins: no website can use it/);
    assert.deepEqual(tenant.warnings.map((warning: { code: string }) => warning.code), ['PUBLISHABLE_KEY_WITHOUT_ORIGINS']);
    const testKey = await cli('keys', 'create', '--tenant', tenant.tenantId, '--type', 'publishable', '--environment', 'test');
    assert.match(testKey.stderr, /warning: .*works only from localhost/);
  });

  it('update adds and removes normalised origins; roll keeps both keys working until the expiry; revoke by id', async () => {
    const { value: tenant } = await json('tenants', 'create', '--name', 'Rolling Agency', '--region', 'eu', '--origin', 'https://one.rolling.example');
    const { value: keys } = await json('keys', 'list', '--tenant', tenant.tenantId);
    const publishable = keys.find((key: { kind: string }) => key.kind === 'publishable');
    const { value: updated } = await json('keys', 'update', publishable.id, '--add-origin', 'https://Two.Rolling.example/', '--remove-origin', 'https://one.rolling.example');
    assert.deepEqual(updated.allowedOrigins, ['https://two.rolling.example']);
    assert.equal((await widgetConfig(tenant.publishableKey, 'https://two.rolling.example')).status, 200);
    assert.equal((await widgetConfig(tenant.publishableKey, 'https://one.rolling.example')).status, 403);
    const refused = await cli('keys', 'update', publishable.id, '--add-origin', 'https://two.rolling.example/app');
    assert.equal(refused.code, 2);
    assert.match(refused.stderr, /without a path/);

    const { value: rolled } = await json('keys', 'roll', publishable.id, '--expires-in', '2h');
    assert.match(rolled.key.token, /^pk_live_/);
    assert.deepEqual(rolled.key.allowedOrigins, ['https://two.rolling.example']);
    const hours = (Date.parse(rolled.previousKey.expiresAt) - Date.now()) / 3_600_000;
    assert.ok(hours > 1.9 && hours <= 2, `${hours} h`);
    assert.equal((await widgetConfig(tenant.publishableKey, 'https://two.rolling.example')).status, 200, 'old key works until the expiry');
    assert.equal((await widgetConfig(rolled.key.token, 'https://two.rolling.example')).status, 200, 'new key works');
    const again = await cli('keys', 'roll', publishable.id);
    assert.equal(again.code, 2);
    assert.match(again.stderr, /rolled already/);
    const tooLong = await cli('keys', 'roll', rolled.key.id, '--expires-in', '8d');
    assert.equal(tooLong.code, 2);
    assert.match(tooLong.stderr, /--expires-in/);

    const revoked = await json('keys', 'revoke', rolled.key.id);
    assert.equal(revoked.value.revoked, rolled.key.id);
    const refusedNow = await (await widgetConfig(rolled.key.token, 'https://two.rolling.example')).json();
    assert.equal(refusedNow.error.code, 'API_KEY_REVOKED');
    const { value: after } = await json('keys', 'list', '--tenant', tenant.tenantId);
    assert.deepEqual(after.map((key: { status: string }) => key.status).sort(), ['active', 'expiring', 'revoked']);
  });
});
