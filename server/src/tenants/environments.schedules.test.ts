import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { PortCall, PortCallListItem, Port, Vessel } from '@porttask/sdk/schemas';
import { createAppFixture, type AppFixture } from '../testing/app-fixture.ts';
import { samplePortCall, SAMPLE_VESSELS } from '../schedules/testing/sample-port-calls.ts';
import { environmentKeys, readSse } from '../testing/environment-keys.ts';

/**
 * Test and live data of one tenant never meet: written with the test secret key, read with
 * live publishable and secret keys (and the other way round), on every schedules route and
 * the live stream. Both environments write the same references and the same IMO number.
 */
let fixture: AppFixture;
before(async () => { fixture = await createAppFixture(); });
after(async () => { await fixture.close(); });

const keys = () => environmentKeys(fixture.tenantA);

async function json<T>(response: Response, status: number): Promise<T> {
  const body = await response.json();
  assert.equal(response.status, status, JSON.stringify(body));
  return body as T;
}
const put = (headers: Record<string, string>, reference: string, body: unknown, extra: Record<string, string> = {}) =>
  fixture.request(`/v1/port-calls/${reference}`, { method: 'PUT', body: JSON.stringify(body), headers: { ...headers, 'Content-Type': 'application/json', ...extra } });
const get = (headers: Record<string, string>, path: string) => fixture.request(path, { headers });
const names = (page: { data: PortCallListItem[] }) => page.data.map((call) => `${call.transportCallReference} ${call.vesselName}`).sort();

describe('test and live environments: schedules', () => {
  let testCall: PortCall;
  let liveCall: PortCall;

  before(async () => {
    const { test, live } = keys();
    const vessel = SAMPLE_VESSELS[0];
    // The same reference and IMO in both: in test the vessel is renamed, and calls at Singapore.
    testCall = await json<PortCall>(await put(test.secret, 'ENV-1', samplePortCall({ UNLocationCode: 'SGSIN', facilitySMDGCode: 'PPT', terminalName: 'Pasir Panjang', vessel: { ...vessel, vesselName: 'TEST RENAMED' } })), 201);
    liveCall = await json<PortCall>(await put(live.secret, 'ENV-1', samplePortCall({ vessel: { ...vessel } })), 201);
  });

  it('keeps the same reference and IMO number as two port calls and two vessels', async () => {
    const { test, live } = keys();
    assert.equal(testCall.vessel.vesselName, 'TEST RENAMED');
    assert.equal(liveCall.vessel.vesselName, 'EMMA MAERSK', 'a test write never renames the live vessel');
    // Port call numbers are counted per environment too: both are the first of their kind.
    assert.equal(testCall.id, liveCall.id);
    for (const headers of [live.publishable, live.secret]) {
      const call = await json<PortCall>(await get(headers, `/v1/port-calls/${liveCall.id}`), 200);
      assert.equal(call.UNLocationCode, 'NLRTM');
      assert.equal(call.vessel.vesselName, 'EMMA MAERSK');
      const vessels = await json<{ data: Vessel[] }>(await get(headers, '/v1/vessels?q=9321483'), 200);
      assert.deepEqual(vessels.data.map((item) => item.vesselName), ['EMMA MAERSK']);
    }
    for (const headers of [test.publishable, test.secret]) {
      const call = await json<PortCall>(await get(headers, `/v1/port-calls/${testCall.id}`), 200);
      assert.equal(call.UNLocationCode, 'SGSIN');
      const vessels = await json<{ data: Vessel[] }>(await get(headers, '/v1/vessels?q=9321483'), 200);
      assert.deepEqual(vessels.data.map((item) => item.vesselName), ['TEST RENAMED']);
    }
  });

  it('lists, finds and searches only the key\'s environment', async () => {
    const { test, live } = keys();
    const extra = await json<PortCall>(await put(test.secret, 'ENV-TEST-ONLY', samplePortCall({ vessel: { ...SAMPLE_VESSELS[1] } })), 201);
    for (const headers of [live.publishable, live.secret]) {
      assert.deepEqual(names(await json(await get(headers, '/v1/port-calls'), 200)), ['ENV-1 EMMA MAERSK']);
      assert.equal((await get(headers, `/v1/port-calls/${extra.id}`)).status, 404, 'a test-only id is not found in live');
      const ports = await json<{ data: Port[] }>(await get(headers, '/v1/ports'), 200);
      assert.deepEqual(ports.data.map((port) => port.UNLocationCode), ['NLRTM'], 'Singapore was adopted in test only');
      assert.deepEqual((await json<{ data: Vessel[] }>(await get(headers, '/v1/vessels?q=EVER'), 200)).data, []);
    }
    for (const headers of [test.publishable, test.secret]) {
      assert.deepEqual(names(await json(await get(headers, '/v1/port-calls'), 200)), ['ENV-1 TEST RENAMED', 'ENV-TEST-ONLY EVER GIVEN']);
      const ports = await json<{ data: Port[] }>(await get(headers, '/v1/ports'), 200);
      assert.deepEqual(ports.data.map((port) => port.UNLocationCode), ['NLRTM', 'SGSIN']);
    }
  });

  it('adds timestamps and imports only within the key\'s environment', async () => {
    const { test, live } = keys();
    const onlyInTest = await json<{ data: PortCallListItem[] }>(await get(test.secret, '/v1/port-calls?q=ENV-TEST-ONLY'), 200);
    const stamp = { eventTypeCode: 'ARRI', classifierCode: 'ACT', facilityTypeCode: 'PBPL', dateTime: '2026-11-26T08:45:00+01:00' };
    const post = (headers: Record<string, string>, id: string) =>
      fixture.request(`/v1/port-calls/${id}/timestamps`, { method: 'POST', body: JSON.stringify(stamp), headers: { ...headers, 'Content-Type': 'application/json' } });
    assert.equal((await post(live.secret, onlyInTest.data[0]!.id)).status, 404);
    await json(await post(test.secret, testCall.id), 201);
    const liveAfter = await json<PortCall>(await get(live.secret, `/v1/port-calls/${liveCall.id}`), 200);
    assert.equal(liveAfter.status, 'PLANNED', 'the test arrival did not reach the live call of the same id');
    assert.equal(liveAfter.timestamps.length, 3);

    const row = JSON.stringify({ transportCallReference: 'ENV-IMPORTED', ...samplePortCall({ vessel: { ...SAMPLE_VESSELS[2] } }) });
    const imported = await json<{ applied: number }>(await fixture.request('/v1/port-calls/import', { method: 'POST', body: `${row}\n`, headers: { ...test.secret, 'Content-Type': 'application/x-ndjson' } }), 200);
    assert.equal(imported.applied, 1);
    assert.deepEqual((await json<{ data: unknown[] }>(await get(live.publishable, '/v1/port-calls?q=ENV-IMPORTED'), 200)).data, []);
    assert.equal((await json<{ data: unknown[] }>(await get(test.publishable, '/v1/port-calls?q=ENV-IMPORTED'), 200)).data.length, 1);
  });

  it('numbers timestamps per environment: another environment\'s writes leave no gaps', async () => {
    const { test, live } = keys();
    const liveIds = (await json<PortCall>(await get(live.secret, `/v1/port-calls/${liveCall.id}`), 200)).timestamps.map((stamp) => Number(stamp.id));
    assert.deepEqual(liveIds, [1, 2, 3], 'live counts only its own timestamps, though test wrote first');
    const testIds = (await json<PortCall>(await get(test.secret, `/v1/port-calls/${testCall.id}`), 200)).timestamps.map((stamp) => Number(stamp.id));
    assert.deepEqual(testIds.slice(0, 3), [1, 2, 3]);
  });

  it('does not replay an idempotency key used in the other environment', async () => {
    const { test, live } = keys();
    const stamp = { eventTypeCode: 'DEPA', classifierCode: 'EST', facilityTypeCode: 'BRTH', dateTime: '2026-11-27T19:00:00+01:00' };
    const post = (headers: Record<string, string>) => fixture.request(`/v1/port-calls/${liveCall.id}/timestamps`, {
      method: 'POST', body: JSON.stringify(stamp), headers: { ...headers, 'Content-Type': 'application/json', 'Idempotency-Key': 'env-shared-key-1' },
    });
    const inTest = await post(test.secret);
    assert.equal(inTest.status, 201);
    const inLive = await post(live.secret);
    assert.equal(inLive.status, 201, 'applied in live, not answered from test\'s stored answer');
    assert.equal(inLive.headers.get('Idempotent-Replayed'), null);
    const liveBody = (await inLive.json()) as PortCall;
    assert.equal(liveBody.vessel.vesselName, 'EMMA MAERSK');
    assert.equal((await post(live.secret)).headers.get('Idempotent-Replayed'), 'true', 'within live the key replays');
    const rows = await fixture.db.owner`SELECT environment FROM idempotency_keys WHERE key = 'env-shared-key-1' ORDER BY environment`;
    assert.deepEqual(rows.map((row) => row.environment), ['live', 'test']);
  });

  it('streams only the key\'s environment, with sequences of its own', async () => {
    const { test, live } = keys();
    const liveStream = await readSse(fixture, '/v1/port-calls/stream?after=0', live.publishable);
    const testStream = await readSse(fixture, '/v1/port-calls/stream?q=ENV-STREAM', test.publishable);
    try {
      await json(await put(test.secret, 'ENV-STREAM-1', samplePortCall()), 201);
      await json(await put(live.secret, 'ENV-STREAM-2', samplePortCall()), 201);
      const liveEvents = await liveStream.until((events) => events.some((event) => event.data.includes('ENV-STREAM-2')));
      const testEvents = await testStream.until((events) => events.some((event) => event.data.includes('ENV-STREAM-1')));
      const livePortCalls = liveEvents.filter((event) => event.event === 'port-call');
      assert.ok(livePortCalls.every((event) => !event.data.includes('TEST RENAMED') && !event.data.includes('ENV-STREAM-1') && !event.data.includes('ENV-IMPORTED')));
      // Live wrote ENV-1, a timestamp (idempotent repeat: once) and ENV-STREAM-2: sequences 1, 2, 3,
      // however much test wrote in between.
      assert.deepEqual(livePortCalls.map((event) => event.id), ['1', '2', '3']);
      assert.ok(testEvents.filter((event) => event.event === 'port-call').every((event) => !event.data.includes('ENV-STREAM-2')));
    } finally {
      liveStream.close();
      testStream.close();
    }
  });

  it('answers a resume from a sequence the environment never reached with a reset, not a silent wait', async () => {
    const { test, live } = keys();
    const testEvents = await readSse(fixture, '/v1/port-calls/stream?after=0', test.publishable);
    const testLatest = Math.max(...(await testEvents.until((events) => events.filter((event) => event.event === 'port-call').length >= 5))
      .map((event) => Number(event.id ?? 0)));
    testEvents.close();
    const liveLatest = 3;
    assert.ok(testLatest > liveLatest, `test wrote more (${testLatest}) than live (${liveLatest})`);
    const resumed = await readSse(fixture, '/v1/port-calls/stream', { ...live.publishable, 'Last-Event-ID': String(testLatest) });
    try {
      const [first] = resumed.events;
      assert.equal(first?.event, 'reset');
      assert.equal(first?.id, String(liveLatest));
      assert.deepEqual(JSON.parse(first!.data), { sequence: liveLatest, reason: 'unknown_sequence' });
    } finally {
      resumed.close();
    }
  });
});
