import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { createAppFixture, type AppFixture, type TestTenant } from '../../testing/app-fixture.ts';

let fixture: AppFixture;
after(async () => { await fixture.close(); });

const TEXT_HASH = createHash('sha256').update('We use cookies…').digest('hex');
let subjectCounter = 0;
const newSubject = () => `subject_${Date.now().toString(36)}_${(subjectCounter += 1)}`;

function decision(overrides: Record<string, unknown> = {}) {
  return {
    subjectId: newSubject(),
    choices: { necessary: true, functional: false, analytics: true, marketing: false },
    policyVersion: '2026-04-03',
    bannerTextHash: TEXT_HASH,
    locale: 'en',
    source: 'banner',
    gpc: false,
    ...overrides,
  };
}

const postConsent = (tenant: TestTenant, body: unknown, headers: Record<string, string> = {}) =>
  fixture.request('/v1/consents', {
    method: 'POST',
    body: JSON.stringify(body),
    headers: { 'X-PortTask-Key': tenant.publishableKey, Origin: tenant.origin, 'Content-Type': 'application/json', 'User-Agent': 'ConsentTest/1.0', ...headers },
  });
const asSecret = (tenant: TestTenant, path: string) => fixture.request(path, { headers: { Authorization: `Bearer ${tenant.secretKey}` } });

async function errorCode(response: Response, status: number): Promise<string> {
  const body = await response.json();
  assert.equal(response.status, status, JSON.stringify(body));
  assert.match(body.error.requestId, /^req_/);
  return body.error.code;
}

before(async () => {
  fixture = await createAppFixture();
  // Tenant fixtures have no policy; give A and B their first versions the way an owner would.
  await fixture.db.owner`UPDATE tenants SET policy_version = '2026-04-03', policy_url = 'https://portal-a.example/privacy', policy_last_updated = '2026-04-03'`;
});

describe('POST /v1/consents', () => {
  it('appends a record and answers with a receipt holding every purpose, the policy version, IP-less in-process and the user agent', async () => {
    const input = decision({ choices: { analytics: true } });
    const response = await postConsent(fixture.tenantA, input);
    assert.equal(response.status, 201);
    const receipt = await response.json();
    assert.match(receipt.receiptId, /^rcpt_[0-9a-z]{24}$/);
    assert.deepEqual(receipt.choices, { necessary: true, functional: false, analytics: true, marketing: false });
    assert.equal(receipt.subjectId, input.subjectId);
    assert.equal(receipt.policyVersion, '2026-04-03');
    assert.equal(receipt.bannerTextHash, TEXT_HASH);
    assert.equal(receipt.source, 'banner');
    assert.equal(receipt.gpc, false);
    assert.equal(receipt.userAgent, 'ConsentTest/1.0');
    assert.ok(Math.abs(Date.parse(receipt.recordedAt) - Date.now()) < 60_000);
    const [row] = await fixture.db.owner`SELECT tenant_id, subject_id, choices FROM consent_records WHERE id = ${receipt.receiptId}`;
    assert.equal(row!.tenant_id, fixture.tenantA.tenant.id);
    assert.deepEqual(row!.choices, receipt.choices);
  });

  it('records a retried POST once: same Idempotency-Key and body → the stored receipt, replayed', async () => {
    const input = decision();
    const first = await postConsent(fixture.tenantA, input, { 'Idempotency-Key': `consent-${input.subjectId}` });
    const second = await postConsent(fixture.tenantA, input, { 'Idempotency-Key': `consent-${input.subjectId}` });
    assert.equal(first.status, 201);
    assert.equal(second.status, 201);
    assert.equal(second.headers.get('Idempotent-Replayed'), 'true');
    assert.equal((await second.json()).receiptId, (await first.json()).receiptId);
    const [count] = await fixture.db.owner`SELECT count(*)::int AS n FROM consent_records WHERE subject_id = ${input.subjectId}`;
    assert.equal(count!.n, 1);
  });

  // A browser must be able to read a replay: the banner's retry of a decision the API already
  // stored would otherwise see a network error and keep retrying.
  it('answers a replayed POST from a browser origin with the CORS headers', async () => {
    const input = decision();
    const headers = { 'Idempotency-Key': `cors-${input.subjectId}` };
    await postConsent(fixture.tenantA, input, headers);
    const replay = await postConsent(fixture.tenantA, input, headers);
    assert.equal(replay.headers.get('Idempotent-Replayed'), 'true');
    assert.equal(replay.headers.get('Access-Control-Allow-Origin'), fixture.tenantA.origin);
  });

  it('refuses unknown purposes, unknown policy versions and refusing a strictly necessary purpose, writing nothing', async () => {
    const subjectId = newSubject();
    assert.equal(await errorCode(await postConsent(fixture.tenantA, decision({ subjectId, choices: { necessary: true, telepathy: true } })), 422), 'UNKNOWN_PURPOSE');
    assert.equal(await errorCode(await postConsent(fixture.tenantA, decision({ subjectId, policyVersion: '1999-01-01' })), 422), 'UNKNOWN_POLICY_VERSION');
    assert.equal(await errorCode(await postConsent(fixture.tenantA, decision({ subjectId, choices: { necessary: false } })), 422), 'REQUIRED_PURPOSE_REFUSED');
    assert.equal(await errorCode(await postConsent(fixture.tenantA, decision({ subjectId, source: 'guess' })), 422), 'VALIDATION_FAILED');
    assert.equal(await errorCode(await postConsent(fixture.tenantA, decision({ subjectId, bannerTextHash: 'abc' })), 422), 'VALIDATION_FAILED');
    assert.equal(await errorCode(await postConsent(fixture.tenantA, decision({ subjectId: 'me@example.com' })), 422), 'VALIDATION_FAILED');
    const [count] = await fixture.db.owner`SELECT count(*)::int AS n FROM consent_records WHERE subject_id = ${subjectId}`;
    assert.equal(count!.n, 0);
  });

  it('takes only publishable keys (visitors), and only from the key\'s origins', async () => {
    const response = await fixture.request('/v1/consents', {
      method: 'POST', body: JSON.stringify(decision()),
      headers: { Authorization: `Bearer ${fixture.tenantA.secretKey}`, 'Content-Type': 'application/json' },
    });
    assert.equal(await errorCode(response, 403), 'WRONG_KEY_TYPE');
    assert.equal(await errorCode(await postConsent(fixture.tenantA, decision(), { Origin: fixture.tenantB.origin }), 403), 'ORIGIN_NOT_ALLOWED');
  });

  it('checks the policy version against the posting tenant\'s own history', async () => {
    await fixture.db.owner`UPDATE tenants SET policy_version = 'b-only-2026', policy_url = 'https://portal-b.example/privacy' WHERE id = ${fixture.tenantB.tenant.id}`;
    assert.equal((await postConsent(fixture.tenantB, decision({ policyVersion: 'b-only-2026' }))).status, 201);
    assert.equal(await errorCode(await postConsent(fixture.tenantA, decision({ policyVersion: 'b-only-2026' })), 422), 'UNKNOWN_POLICY_VERSION');
  });
});

describe('GET /v1/consents', () => {
  it('returns the proof by receipt and the subject\'s history in order, paginated, to the tenant\'s secret key only', async () => {
    const subjectId = newSubject();
    const receipts: string[] = [];
    for (const [source, analytics] of [['banner', true], ['preferences', false], ['preferences', true]] as const) {
      const response = await postConsent(fixture.tenantA, decision({ subjectId, source, choices: { analytics } }));
      receipts.push((await response.json()).receiptId);
    }
    const proof = await asSecret(fixture.tenantA, `/v1/consents/${receipts[1]}`);
    assert.equal(proof.status, 200);
    const record = await proof.json();
    assert.equal(record.source, 'preferences');
    assert.equal(record.choices.analytics, false);

    const first = await (await asSecret(fixture.tenantA, `/v1/consents?subjectId=${subjectId}&limit=2`)).json();
    assert.deepEqual(first.data.map((item: { receiptId: string }) => item.receiptId), receipts.slice(0, 2));
    assert.ok(first.nextCursor);
    const second = await (await asSecret(fixture.tenantA, `/v1/consents?subjectId=${subjectId}&limit=2&cursor=${first.nextCursor}`)).json();
    assert.deepEqual(second.data.map((item: { receiptId: string }) => item.receiptId), receipts.slice(2));
    assert.equal(second.nextCursor, null);

    // Tenant B's secret key sees none of it; a publishable key may not read proofs.
    assert.equal(await errorCode(await asSecret(fixture.tenantB, `/v1/consents/${receipts[0]}`), 404), 'NOT_FOUND');
    assert.deepEqual((await (await asSecret(fixture.tenantB, `/v1/consents?subjectId=${subjectId}`)).json()).data, []);
    const visitor = await fixture.request(`/v1/consents/${receipts[0]}`, { headers: { 'X-PortTask-Key': fixture.tenantA.publishableKey, Origin: fixture.tenantA.origin } });
    assert.equal(await errorCode(visitor, 403), 'WRONG_KEY_TYPE');
    assert.equal(await errorCode(await asSecret(fixture.tenantA, '/v1/consents?subjectId=x'), 422), 'VALIDATION_FAILED');
    assert.equal(await errorCode(await asSecret(fixture.tenantA, `/v1/consents?subjectId=${subjectId}&cursor=bogus`), 400), 'INVALID_CURSOR');
  });
});

describe('the GPC flag', () => {
  it('is true when the banner says so or the request itself carries Sec-GPC: 1', async () => {
    const byHeader = await (await postConsent(fixture.tenantA, decision({ gpc: false }), { 'Sec-GPC': '1' })).json();
    assert.equal(byHeader.gpc, true);
    const byBanner = await (await postConsent(fixture.tenantA, decision({ gpc: true }))).json();
    assert.equal(byBanner.gpc, true);
    const neither = await (await postConsent(fixture.tenantA, decision({ gpc: false }))).json();
    assert.equal(neither.gpc, false);
  });
});

describe('append-only', () => {
  it('the app\'s database role cannot UPDATE or DELETE consent records (nor TRUNCATE), but can INSERT and SELECT', async () => {
    const receipt = await (await postConsent(fixture.tenantA, decision())).json();
    const app = fixture.db.sql; // runs as porttask_app
    await assert.rejects(app`UPDATE consent_records SET choices = '{"marketing": true}' WHERE id = ${receipt.receiptId}`, /permission denied/);
    await assert.rejects(app`DELETE FROM consent_records WHERE id = ${receipt.receiptId}`, /permission denied/);
    await assert.rejects(app`TRUNCATE consent_records`, /permission denied/);
    await assert.rejects(app`UPDATE consent_policy_versions SET url = 'https://evil.example/' WHERE tenant_id = ${fixture.tenantA.tenant.id}`, /permission denied/);
    await assert.rejects(app`DELETE FROM consent_policy_versions`, /permission denied/);
    const [row] = await app`SELECT choices FROM consent_records WHERE tenant_id = ${fixture.tenantA.tenant.id} AND id = ${receipt.receiptId}`;
    assert.deepEqual(row!.choices, receipt.choices);
    const [role] = await app`SELECT current_user AS name, session_user AS login`;
    assert.deepEqual({ ...role }, { name: 'porttask_app', login: 'porttask_app' });
  });

  it('cannot be undone from inside a session: the app logs in as its role, with no way back to the owner', async () => {
    const receipt = await (await postConsent(fixture.tenantA, decision())).json();
    const connection = await fixture.db.sql.reserve();
    try {
      for (const becomeOwner of ['RESET ROLE', 'SET ROLE NONE']) {
        await connection.unsafe(becomeOwner);
        await assert.rejects(connection`DELETE FROM consent_records WHERE id = ${receipt.receiptId}`, /permission denied/, becomeOwner);
      }
      const [owner] = await fixture.db.owner`SELECT current_user AS name`;
      await assert.rejects(connection.unsafe(`SET ROLE ${owner!.name}`), /permission denied/);
    } finally {
      connection.release();
    }
  });

  it('exposes no route that changes or deletes a record', async () => {
    const receipt = await (await postConsent(fixture.tenantA, decision())).json();
    for (const method of ['PUT', 'PATCH', 'DELETE']) {
      const response = await fixture.request(`/v1/consents/${receipt.receiptId}`, { method, headers: { Authorization: `Bearer ${fixture.tenantA.secretKey}`, 'Content-Type': 'application/json' }, body: method === 'DELETE' ? null : '{}' });
      assert.ok([404, 405].includes(response.status), `${method} answered ${response.status}`);
    }
    const [row] = await fixture.db.owner`SELECT choices FROM consent_records WHERE id = ${receipt.receiptId}`;
    assert.deepEqual(row!.choices, receipt.choices);
  });
});
