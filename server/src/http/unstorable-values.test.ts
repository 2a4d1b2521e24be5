import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createAppFixture, type AppFixture } from '../testing/app-fixture.ts';
import { samplePortCall } from '../schedules/testing/sample-port-calls.ts';

/**
 * Inputs the contract's formats allow but PostgreSQL refuses (year 0000, U+0000 in a string,
 * a bigint past 2^63, a URL the database's CHECK rejects): each is a 422 in the error shape
 * naming the field, never a 500, and nothing is written.
 */
let fixture: AppFixture;
before(async () => {
  fixture = await createAppFixture();
  await fixture.db.owner`UPDATE tenants SET policy_version = 'v1', policy_url = 'https://portal.example/privacy', policy_last_updated = '2026-01-15'`;
});
after(async () => { await fixture.close(); });

const tenant = () => fixture.tenantA;
const visitorHeaders = () => ({ 'X-PortTask-Key': tenant().publishableKey, Origin: tenant().origin, 'Content-Type': 'application/json' });
const ownerHeaders = () => ({ Authorization: `Bearer ${tenant().secretKey}`, 'Content-Type': 'application/json' });
const decision = (overrides: Record<string, unknown>) => ({
  subjectId: 'subject_unstorable', choices: { analytics: true }, policyVersion: 'v1', bannerTextHash: 'a'.repeat(64), locale: 'en', source: 'api', gpc: false, ...overrides,
});

async function refused(response: Response, path: (string | number)[] | undefined) {
  const body = await response.json();
  assert.equal(response.status, 422, JSON.stringify(body));
  assert.equal(body.error.code, 'VALIDATION_FAILED');
  assert.match(body.error.requestId, /^req_/);
  if (path) assert.deepEqual(body.error.issues?.[0]?.path, path);
}
const recordCount = async () => Number((await fixture.db.owner`SELECT count(*) AS n FROM consent_records`)[0]!.n);

describe('values the database cannot store', () => {
  it('POST /v1/consents: year 0000 and a NUL character are 422s naming the field, and nothing is recorded', async () => {
    const before = await recordCount();
    await refused(await fixture.request('/v1/consents', { method: 'POST', headers: visitorHeaders(), body: JSON.stringify(decision({ decidedAt: '0000-01-01T00:00:00Z' })) }), ['body', 'decidedAt']);
    await refused(await fixture.request('/v1/consents', { method: 'POST', headers: visitorHeaders(), body: JSON.stringify(decision({ policyVersion: 'v1\u0000' })) }), ['body', 'policyVersion']);
    await refused(await fixture.request('/v1/consents', { method: 'POST', headers: visitorHeaders(), body: JSON.stringify(decision({ subjectId: 'subject\u0000x' })) }), ['body', 'subjectId']);
    assert.equal(await recordCount(), before);
  });

  it('GET /v1/consents: a forged cursor (a sequence past PostgreSQL\'s bigint) is a 400 INVALID_CURSOR', async () => {
    const cursor = Buffer.from('c1:9999999999999999999').toString('base64url');
    const response = await fixture.request(`/v1/consents?subjectId=subject_unstorable&cursor=${cursor}`, { headers: ownerHeaders() });
    assert.equal(response.status, 400);
    assert.equal((await response.json()).error.code, 'INVALID_CURSOR');
  });

  it('PUT /v1/consent-config and policy versions: a NUL in a text and a URL the database would refuse are 422s', async () => {
    const config = {
      model: 'opt_in',
      purposes: [{ key: 'necessary', required: true, texts: { en: { name: 'Necessary\u0000' } } }],
    };
    await refused(await fixture.request('/v1/consent-config', { method: 'PUT', headers: ownerHeaders(), body: JSON.stringify(config) }), ['body', 'purposes', 0, 'texts', 'en', 'name']);
    for (const url of ['HTTP://portal.example/privacy', 'https:portal.example/privacy']) {
      const response = await fixture.request('/v1/consent-config/policy-versions', { method: 'POST', headers: ownerHeaders(), body: JSON.stringify({ version: `v-${url.length}`, url, lastUpdated: '2026-02-01' }) });
      await refused(response, ['body', 'url']);
    }
    const config2 = await (await fixture.request('/v1/config', { headers: visitorHeaders() })).json();
    assert.equal(config2.consent.configured, false, 'nothing saved');
    assert.equal(config2.policy.version, 'v1');
  });

  it('port calls: year 0000 in a time and a NUL in a field are 422s (an import names the row), a forged list cursor a 400', async () => {
    const timestamp = samplePortCall();
    timestamp.timestamps = [{ ...timestamp.timestamps![0]!, dateTime: '0000-11-26T08:30:00+01:00' }];
    await refused(await fixture.request('/v1/port-calls/NLRTM-ZERO-1', { method: 'PUT', headers: ownerHeaders(), body: JSON.stringify(timestamp) }), undefined);
    await refused(await fixture.request('/v1/port-calls/NLRTM-NUL-1', { method: 'PUT', headers: ownerHeaders(), body: JSON.stringify(samplePortCall({ berth: 'DDE\u00005' })) }), ['body', 'berth']);
    // A cursor is opaque, but a client can forge one (a sort value that is not a time once
    // reached PostgreSQL's timestamptz cast): it is refused before any query.
    const forged = Buffer.from(JSON.stringify(['not a time', 'pc_1'])).toString('base64url');
    const list = await fixture.request(`/v1/port-calls?cursor=${forged}`, { headers: visitorHeaders() });
    assert.equal(list.status, 400);
    assert.equal((await list.json()).error.code, 'INVALID_CURSOR');
    const row = JSON.stringify({ transportCallReference: 'NLRTM-NUL-2', ...samplePortCall({ berth: 'DDE\u00003' }) });
    const imported = await fixture.request('/v1/port-calls/import', { method: 'POST', headers: { ...ownerHeaders(), 'Content-Type': 'application/x-ndjson' }, body: `${row}\n` });
    const result = await imported.json();
    assert.equal(imported.status, 422, JSON.stringify(result));
    assert.deepEqual(result.error.issues?.[0]?.path, ['rows', 1, 'berth']);
    const [count] = await fixture.db.owner`SELECT count(*) AS n FROM port_calls WHERE transport_call_reference LIKE 'NLRTM-%'`;
    assert.equal(Number(count!.n), 0, 'nothing written');
    // A JSON import in per-row mode: the row with the NUL fails on its own, the good one is written.
    const rows = [{ transportCallReference: 'NLRTM-NUL-3', ...samplePortCall({ berth: 'DDE\u00003' }) }, { transportCallReference: 'NLRTM-OK-1', ...samplePortCall() }];
    const perRow = await fixture.request('/v1/port-calls/import?mode=per-row', { method: 'POST', headers: ownerHeaders(), body: JSON.stringify({ rows }) });
    const perRowResult = await perRow.json();
    assert.equal(perRow.status, 200, JSON.stringify(perRowResult));
    assert.deepEqual(perRowResult.results.map((result: { outcome: string; issues?: { path: unknown[] }[] }) => [result.outcome, result.issues?.[0]?.path]), [['failed', ['berth']], ['created', undefined]]);
  });
});
