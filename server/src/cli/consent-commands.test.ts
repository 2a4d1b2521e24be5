import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { insertTenant } from '../tenants/tenants.queries.ts';
import { createTestDatabase, type TestDatabase } from '../testing/test-database.ts';

const CLI = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../cli.ts');
let db: TestDatabase;
let tenantId: string;
let directory: string;

before(async () => {
  db = await createTestDatabase();
  tenantId = (await insertTenant(db.owner, { name: 'CLI Port', region: 'eu', policy: { version: 'p1', url: 'https://cli.example/privacy', lastUpdated: '2026-01-15' } })).id;
  directory = await mkdtemp(path.join(os.tmpdir(), 'porttask-consent-cli-'));
});
after(async () => {
  await db.drop();
  await rm(directory, { recursive: true, force: true });
});

async function porttask(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, ['--conditions=source', '--import', 'tsx', CLI, ...args], {
      env: { ...process.env, DATABASE_URL: db.url, LOG_LEVEL: 'warn' },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failure = error as { code: number; stdout: string; stderr: string };
    return { code: failure.code, stdout: failure.stdout, stderr: failure.stderr };
  }
}

describe('porttask consent', () => {
  it('sets the configuration from a file, validated by the contract, and shows it', async () => {
    const file = path.join(directory, 'consent.json');
    await writeFile(file, JSON.stringify({
      model: 'opt_in', expiryDays: 120,
      purposes: [
        { key: 'necessary', required: true, texts: { en: { name: 'Necessary' } } },
        { key: 'analytics', services: [{ name: 'Matomo', cookies: ['_pk_*'] }], texts: { en: { name: 'Analytics' } } },
      ],
    }));
    const set = await porttask('consent', 'set', '--tenant', tenantId, '--file', file, '--json');
    assert.equal(set.code, 0, set.stderr);
    const shown = JSON.parse(set.stdout);
    assert.equal(shown.config.configured, true);
    assert.equal(shown.config.expiryDays, 120);
    assert.deepEqual(shown.config.purposes[1].services, [{ name: 'Matomo', cookies: ['_pk_*'] }]);

    await writeFile(file, JSON.stringify({ model: 'opt_in', purposes: [{ key: 'analytics', texts: {} }] }));
    const refused = await porttask('consent', 'set', '--tenant', tenantId, '--file', file);
    assert.equal(refused.code, 2);
    assert.match(refused.stderr, /strictly necessary/);
    // The tenant is under GDPR: opt-out is not its choice to make.
    await writeFile(file, JSON.stringify({ model: 'opt_out', purposes: [{ key: 'necessary', required: true, texts: {} }] }));
    const optOut = await porttask('consent', 'set', '--tenant', tenantId, '--file', file);
    assert.equal(optOut.code, 2);
    assert.match(optOut.stderr, /model: must be opt_in: the tenant is under gdpr/);
    const text = await porttask('consent', 'show', '--tenant', tenantId);
    assert.match(text.stdout, /asks again after 120 days/);
    assert.match(text.stdout, /analytics: Matomo \[_pk_\*\]/);
  });

  it('adds policy versions and never overwrites one', async () => {
    const added = await porttask('consent', 'policy', '--tenant', tenantId, '--version', 'p2', '--url', 'https://cli.example/privacy-2', '--last-updated', '2026-04-03');
    assert.equal(added.code, 0, added.stderr);
    const again = await porttask('consent', 'policy', '--tenant', tenantId, '--version', 'p1', '--url', 'https://evil.example/', '--last-updated', '2026-04-04');
    assert.equal(again.code, 2);
    assert.match(again.stderr, /exists already/);
    const rows = await db.owner`SELECT version, url FROM consent_policy_versions WHERE tenant_id = ${tenantId} AND environment = 'live' ORDER BY sequence`;
    assert.deepEqual(rows.map((row) => [row.version, row.url]), [['p1', 'https://cli.example/privacy'], ['p2', 'https://cli.example/privacy-2']]);
  });

  it('lists a subject\'s records', async () => {
    await db.owner`
      INSERT INTO consent_records (tenant_id, environment, id, subject_id, choices, policy_version, banner_text_hash, locale, source, gpc)
      VALUES (${tenantId}, 'live', ${`rcpt_${'a'.repeat(24)}`}, 'subject_cli_0001', ${db.owner.json({ necessary: true, analytics: false })}, 'p1', ${'b'.repeat(64)}, 'en', 'banner', false)`;
    const listed = await porttask('consent', 'records', '--tenant', tenantId, '--subject', 'subject_cli_0001', '--json');
    assert.equal(listed.code, 0, listed.stderr);
    assert.deepEqual(JSON.parse(listed.stdout).map((record: { receiptId: string }) => record.receiptId), [`rcpt_${'a'.repeat(24)}`]);
    assert.equal((await porttask('consent', 'records', '--tenant', 'ten_nope')).code, 2);
  });

  it('works on one environment at a time (live unless --environment test) and says which', async () => {
    const isolated = (await insertTenant(db.owner, { name: 'CLI Env Port', region: 'eu', policy: { version: 'e1', url: 'https://env.example/privacy', lastUpdated: '2026-01-15' } })).id;
    const file = path.join(directory, 'test-consent.json');
    await writeFile(file, JSON.stringify({ model: 'opt_in', expiryDays: 30, purposes: [{ key: 'necessary', required: true, texts: {} }] }));
    const set = await porttask('consent', 'set', '--tenant', isolated, '--environment', 'test', '--file', file, '--json');
    assert.equal(set.code, 0, set.stderr);
    assert.equal(JSON.parse(set.stdout).environment, 'test');
    const live = await porttask('consent', 'show', '--tenant', isolated);
    assert.match(live.stdout, /\(live environment\) \(defaults: not configured yet\)/);
    const test = await porttask('consent', 'show', '--tenant', isolated, '--environment', 'test');
    assert.match(test.stdout, /\(test environment\)/);
    assert.match(test.stdout, /asks again after 30 days/);
    // A version published into test is not live's, and live may publish the same version itself.
    assert.equal((await porttask('consent', 'policy', '--tenant', isolated, '--environment', 'test', '--version', 'e2', '--url', 'https://env.example/p2', '--last-updated', '2026-02-01')).code, 0);
    const liveVersions = JSON.parse((await porttask('consent', 'show', '--tenant', isolated, '--json')).stdout).policyVersions;
    assert.deepEqual(liveVersions.map((policy: { version: string }) => policy.version), ['e1'], 'the tenant-level policy is in both; e2 only in test');
    assert.equal((await porttask('consent', 'policy', '--tenant', isolated, '--version', 'e2', '--url', 'https://env.example/p2-live', '--last-updated', '2026-02-02')).code, 0);
    // Records of one environment are not listed in the other.
    await db.owner`
      INSERT INTO consent_records (tenant_id, environment, id, subject_id, choices, policy_version, banner_text_hash, locale, source, gpc)
      VALUES (${isolated}, 'test', ${`rcpt_${'t'.repeat(24)}`}, 'subject_cli_env1', ${db.owner.json({ necessary: true })}, 'e1', ${'b'.repeat(64)}, 'en', 'banner', false)`;
    const inLive = await porttask('consent', 'records', '--tenant', isolated, '--subject', 'subject_cli_env1');
    assert.match(inLive.stdout, /\(live environment\):\nNo records\./);
    const inTest = await porttask('consent', 'records', '--tenant', isolated, '--subject', 'subject_cli_env1', '--environment', 'test', '--json');
    assert.deepEqual(JSON.parse(inTest.stdout).map((record: { receiptId: string }) => record.receiptId), [`rcpt_${'t'.repeat(24)}`]);
    assert.equal((await porttask('consent', 'show', '--tenant', isolated, '--environment', 'staging')).code, 2);
  });
});
