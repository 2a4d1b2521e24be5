import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { createAppFixture, type AppFixture } from '../testing/app-fixture.ts';
import { environmentKeys } from '../testing/environment-keys.ts';

/**
 * Test and live consent of one tenant never meet: configuration, policy versions, records,
 * the configuration history and the widget config are per environment, written with one
 * environment's keys and read with the other's (both ways).
 */
let fixture: AppFixture;
before(async () => {
  fixture = await createAppFixture();
  // A policy the owner gives the tenant is the tenant's: it is published into both environments.
  await fixture.db.owner`UPDATE tenants SET policy_version = 'both-1', policy_url = 'https://portal-a.example/privacy', policy_last_updated = '2026-04-03' WHERE id = ${fixture.tenantA.tenant.id}`;
});
after(async () => { await fixture.close(); });

const keys = () => environmentKeys(fixture.tenantA);
const TEXT_HASH = createHash('sha256').update('banner text').digest('hex');

async function json<T>(response: Response, status: number): Promise<T> {
  const body = await response.json();
  assert.equal(response.status, status, JSON.stringify(body));
  return body as T;
}
const send = (headers: Record<string, string>, method: string, path: string, body?: unknown, extra: Record<string, string> = {}) =>
  fixture.request(path, { method, headers: { ...headers, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }), ...extra }, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
const decision = (subjectId: string, policyVersion: string) => ({
  subjectId, choices: { necessary: true }, policyVersion, bannerTextHash: TEXT_HASH, locale: 'en', source: 'banner', gpc: false,
});
const TEST_CONFIG = {
  model: 'opt_in', expiryDays: 30,
  purposes: [
    { key: 'necessary', required: true, texts: { en: { name: 'Necessary' } } },
    { key: 'sandbox_only', texts: { en: { name: 'Only in test' } } },
  ],
};

describe('test and live environments: consent', () => {
  it('gives both environments the tenant-level policy, and keeps API-published versions in their own', async () => {
    const { test, live } = keys();
    await json(await send(test.secret, 'POST', '/v1/consent-config/policy-versions', { version: 'test-2', url: 'https://portal-a.example/privacy-draft', lastUpdated: '2026-05-01' }), 201);
    const versions = async (headers: Record<string, string>) =>
      (await json<{ policyVersions: { version: string }[] }>(await send(headers, 'GET', '/v1/consent-config'), 200)).policyVersions.map((policy) => policy.version);
    assert.deepEqual(await versions(test.secret), ['test-2', 'both-1']);
    assert.deepEqual(await versions(live.secret), ['both-1']);
    for (const headers of [live.publishable, live.secret]) {
      assert.equal((await json<{ policy: { version: string } }>(await send(headers, 'GET', '/v1/config'), 200)).policy.version, 'both-1');
    }
    for (const headers of [test.publishable, test.secret]) {
      assert.equal((await json<{ policy: { version: string } }>(await send(headers, 'GET', '/v1/config'), 200)).policy.version, 'test-2');
    }
    // Live may publish a version of the same name with its own text: another environment's version is no conflict.
    await json(await send(live.secret, 'POST', '/v1/consent-config/policy-versions', { version: 'test-2', url: 'https://portal-a.example/privacy-2', lastUpdated: '2026-05-02' }), 201);
  });

  it('keeps the consent configuration and its history per environment', async () => {
    const { test, live } = keys();
    const saved = await json<{ config: { configured: boolean } }>(await send(test.secret, 'PUT', '/v1/consent-config', TEST_CONFIG), 200);
    assert.equal(saved.config.configured, true);
    for (const headers of [live.publishable, live.secret]) {
      const config = await json<{ consent: { configured: boolean; purposes: { key: string }[] } }>(await send(headers, 'GET', '/v1/config'), 200);
      assert.equal(config.consent.configured, false, 'live still has the defaults');
      assert.ok(!config.consent.purposes.some((purpose) => purpose.key === 'sandbox_only'));
    }
    const testConfig = await json<{ consent: { purposes: { key: string }[] } }>(await send(test.publishable, 'GET', '/v1/config'), 200);
    assert.deepEqual(testConfig.consent.purposes.map((purpose) => purpose.key), ['necessary', 'sandbox_only']);
    assert.equal((await json<{ config: { configured: boolean } }>(await send(live.secret, 'GET', '/v1/consent-config'), 200)).config.configured, false);
    assert.deepEqual((await json<{ data: unknown[] }>(await send(live.secret, 'GET', '/v1/consent-config/history'), 200)).data, []);
    assert.equal((await json<{ data: unknown[] }>(await send(test.secret, 'GET', '/v1/consent-config/history'), 200)).data.length, 1);
  });

  it('records decisions under the environment\'s own rules and shows them only there', async () => {
    const { test, live } = keys();
    // A purpose and a policy version that exist only in test are unknown to live.
    const inTest = await json<{ receiptId: string }>(await send(test.publishable, 'POST', '/v1/consents', { ...decision('subject_env_0001', 'both-1'), choices: { sandbox_only: true } }), 201);
    const unknownPurpose = await json<{ error: { code: string } }>(await send(live.publishable, 'POST', '/v1/consents', { ...decision('subject_env_0001', 'both-1'), choices: { sandbox_only: true } }), 422);
    assert.equal(unknownPurpose.error.code, 'UNKNOWN_PURPOSE');
    const liveVersion = await json<{ receiptId: string; policyVersion: string }>(await send(live.publishable, 'POST', '/v1/consents', decision('subject_env_0001', 'test-2')), 201);
    assert.equal(liveVersion.policyVersion, 'test-2', 'live\'s own test-2, published above');
    assert.equal((await send(live.secret, 'GET', `/v1/consents/${inTest.receiptId}`)).status, 404);
    assert.equal((await send(test.secret, 'GET', `/v1/consents/${liveVersion.receiptId}`)).status, 404);
    await json(await send(test.secret, 'GET', `/v1/consents/${inTest.receiptId}`), 200);
    const history = async (headers: Record<string, string>) =>
      (await json<{ data: { receiptId: string }[] }>(await send(headers, 'GET', '/v1/consents?subjectId=subject_env_0001'), 200)).data.map((record) => record.receiptId);
    assert.deepEqual(await history(test.secret), [inTest.receiptId]);
    assert.deepEqual(await history(live.secret), [liveVersion.receiptId]);
    const rows = await fixture.db.owner`SELECT environment FROM consent_records WHERE subject_id = 'subject_env_0001' ORDER BY environment`;
    assert.deepEqual(rows.map((row) => row.environment), ['live', 'test']);
  });

  it('does not replay a decision\'s idempotency key from the other environment', async () => {
    const { test, live } = keys();
    const body = decision('subject_env_0002', 'both-1');
    const first = await json<{ receiptId: string }>(await send(test.publishable, 'POST', '/v1/consents', body, { 'Idempotency-Key': 'env-consent-key' }), 201);
    const other = await send(live.publishable, 'POST', '/v1/consents', body, { 'Idempotency-Key': 'env-consent-key' });
    const otherReceipt = await json<{ receiptId: string }>(other, 201);
    assert.equal(other.headers.get('Idempotent-Replayed'), null);
    assert.notEqual(otherReceipt.receiptId, first.receiptId, 'a decision of its own in live');
    const repeat = await send(test.publishable, 'POST', '/v1/consents', body, { 'Idempotency-Key': 'env-consent-key' });
    assert.equal(repeat.headers.get('Idempotent-Replayed'), 'true');
    assert.equal((await json<{ receiptId: string }>(repeat, 201)).receiptId, first.receiptId);
  });

  it('refuses a policy version of the other environment before the rules cache could mix them', async () => {
    const { test, live } = keys();
    await json(await send(test.secret, 'POST', '/v1/consent-config/policy-versions', { version: 'test-3', url: 'https://portal-a.example/p3', lastUpdated: '2026-06-01' }), 201);
    await json(await send(test.publishable, 'POST', '/v1/consents', decision('subject_env_0003', 'test-3')), 201);
    // The rules of (tenant A, test-3) are cached now; live must not reuse them.
    const refused = await json<{ error: { code: string } }>(await send(live.publishable, 'POST', '/v1/consents', decision('subject_env_0003', 'test-3')), 422);
    assert.equal(refused.error.code, 'UNKNOWN_POLICY_VERSION');
  });
});
