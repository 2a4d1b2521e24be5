import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { ImportResult, PortCall, PortCallListItem } from '@porttask/sdk/schemas';
import { createAppFixture, type AppFixture, type TestTenant } from '../../testing/app-fixture.ts';
import { samplePortCall, SAMPLE_VESSELS } from '../../schedules/testing/sample-port-calls.ts';

let fixture: AppFixture;
before(async () => { fixture = await createAppFixture(); });
after(async () => { await fixture.close(); });

const secret = (tenant: TestTenant) => ({ Authorization: `Bearer ${tenant.secretKey}` });
const publishable = (tenant: TestTenant) => ({ 'X-PortTask-Key': tenant.publishableKey, Origin: tenant.origin });

function put(tenant: TestTenant, reference: string, body: unknown) {
  return fixture.request(`/v1/port-calls/${reference}`, {
    method: 'PUT', body: JSON.stringify(body), headers: { ...secret(tenant), 'Content-Type': 'application/json' },
  });
}
function postJson(tenant: TestTenant, path: string, body: unknown) {
  return fixture.request(path, { method: 'POST', body: JSON.stringify(body), headers: { ...secret(tenant), 'Content-Type': 'application/json' } });
}
function importText(tenant: TestTenant, body: string, type: string, query = '') {
  return fixture.request(`/v1/port-calls/import${query}`, { method: 'POST', body, headers: { ...secret(tenant), 'Content-Type': type } });
}
async function json<T>(response: Response, status: number): Promise<T> {
  const body = await response.json();
  assert.equal(response.status, status, JSON.stringify(body));
  return body as T;
}
async function list(tenant: TestTenant, query = ''): Promise<{ data: PortCallListItem[]; nextCursor: string | null }> {
  return json(await fixture.request(`/v1/port-calls${query}`, { headers: publishable(tenant) }), 200);
}

describe('PUT /v1/port-calls/{reference}', () => {
  it('creates a port call with DCSA fields, best known times and delay against plan', async () => {
    const call = await json<PortCall>(await put(fixture.tenantA, 'NLRTM-EMMA-1', samplePortCall()), 201);
    assert.match(call.id, /^pc_[0-9a-z]{1,13}$/);
    assert.equal(call.transportCallReference, 'NLRTM-EMMA-1');
    assert.equal(call.vesselIMONumber, '9321483');
    assert.equal(call.timeZone, 'Europe/Amsterdam');
    assert.equal(call.voyage, '449E');
    assert.equal(call.status, 'PLANNED');
    assert.deepEqual(call.arrival, { dateTime: '2026-11-26T07:30:00Z', classifierCode: 'EST' });
    assert.deepEqual(call.departure, { dateTime: '2026-11-27T17:00:00Z', classifierCode: 'PLN' });
    assert.equal(call.delayMinutes, 150);
    assert.equal(call.version, 1);
    assert.equal(call.updatedBy, 'test agency');
    assert.equal(call.timestamps.length, 3);
    assert.equal(call.timestamps[0]!.originalUTCOffset, '+01:00');
    assert.equal(call.terminalName, 'ECT Delta');
  });

  it('is idempotent: the same body again changes nothing, a different one makes a new version', async () => {
    const again = await json<PortCall>(await put(fixture.tenantA, 'NLRTM-EMMA-1', samplePortCall()), 200);
    assert.equal(again.version, 1);
    assert.equal(again.timestamps.length, 3);
    const moved = await json<PortCall>(await put(fixture.tenantA, 'NLRTM-EMMA-1', samplePortCall({ berth: 'DDE 5' })), 200);
    assert.equal(moved.version, 2);
    assert.equal(moved.berth, 'DDE 5');
  });

  it('refuses an IMO number with a wrong check digit or a placeholder, naming the field', async () => {
    for (const imo of ['9321484', '0000000', '1234567', '932148']) {
      const response = await put(fixture.tenantA, 'BAD-IMO', samplePortCall({ vessel: { vesselIMONumber: imo, vesselName: 'X' } }));
      const body = await json<{ error: { code: string; issues: { path: string[] }[] } }>(response, 422);
      assert.equal(body.error.code, 'VALIDATION_FAILED');
      assert.deepEqual(body.error.issues[0]!.path, ['body', 'vessel', 'vesselIMONumber']);
    }
  });

  it('refuses a malformed LOCODE and an unknown port', async () => {
    const malformed = await json<{ error: { issues: { path: string[] }[] } }>(await put(fixture.tenantA, 'BAD-PORT', samplePortCall({ UNLocationCode: 'NL-RT' })), 422);
    assert.deepEqual(malformed.error.issues[0]!.path, ['body', 'UNLocationCode']);
    const unknown = await json<{ error: { message: string; issues: { code: string }[] } }>(await put(fixture.tenantA, 'BAD-PORT', samplePortCall({ UNLocationCode: 'XXZZZ', facilitySMDGCode: undefined })), 422);
    assert.match(unknown.error.message, /unknown port XXZZZ/);
    assert.equal(unknown.error.issues[0]!.code, 'unknown_port');
  });

  it('refuses actual times in an impossible order and writes nothing', async () => {
    const response = await put(fixture.tenantA, 'NLRTM-ORDER', samplePortCall({
      timestamps: [
        { eventTypeCode: 'ARRI', classifierCode: 'ACT', facilityTypeCode: 'BRTH', dateTime: '2026-11-20T10:00:00Z' },
        { eventTypeCode: 'DEPA', classifierCode: 'ACT', facilityTypeCode: 'BRTH', dateTime: '2026-11-20T09:00:00Z' },
      ],
    }));
    const body = await json<{ error: { message: string } }>(response, 422);
    assert.match(body.error.message, /impossible time order: the actual departure .* is before the actual berthing/);
    assert.equal((await list(fixture.tenantA, '?q=NLRTM-ORDER')).data.length, 0);
  });

  it('needs a secret key', async () => {
    const response = await fixture.request('/v1/port-calls/X-1', {
      method: 'PUT', body: JSON.stringify(samplePortCall()), headers: { ...publishable(fixture.tenantA), 'Content-Type': 'application/json' },
    });
    assert.equal(response.status, 403);
  });
});

describe('POST /v1/port-calls/{id}/timestamps', () => {
  it('appends, moves the status forward with actuals, and ignores an identical repeat', async () => {
    const created = await json<PortCall>(await put(fixture.tenantA, 'NLRTM-EVER-1', samplePortCall({ vessel: { ...SAMPLE_VESSELS[1] } })), 201);
    const actual = { eventTypeCode: 'ARRI', classifierCode: 'ACT', facilityTypeCode: 'BRTH', dateTime: '2026-11-26T09:10:00+01:00', source: 'ECT', publisherRole: 'TR' };
    const berthed = await json<PortCall>(await postJson(fixture.tenantA, `/v1/port-calls/${created.id}/timestamps`, actual), 201);
    assert.equal(berthed.status, 'BERTHED');
    assert.deepEqual(berthed.berthing, { dateTime: '2026-11-26T08:10:00Z', classifierCode: 'ACT' });
    assert.equal(berthed.version, created.version + 1);
    assert.equal(berthed.updatedBy, 'ECT');
    const repeat = await json<PortCall>(await postJson(fixture.tenantA, `/v1/port-calls/${created.id}/timestamps`, actual), 200);
    assert.equal(repeat.version, berthed.version);
    assert.equal(repeat.timestamps.length, berthed.timestamps.length);
    const early = { eventTypeCode: 'DEPA', classifierCode: 'ACT', facilityTypeCode: 'BRTH', dateTime: '2026-11-26T07:00:00Z' };
    const refused = await json<{ error: { message: string } }>(await postJson(fixture.tenantA, `/v1/port-calls/${created.id}/timestamps`, early), 422);
    assert.match(refused.error.message, /departure .* before the actual berthing/);
    const startedBeforeBerthing = { eventTypeCode: 'STRT', classifierCode: 'ACT', facilityTypeCode: 'BRTH', dateTime: '2026-11-26T08:00:00Z' };
    const notYet = await json<{ error: { message: string } }>(await postJson(fixture.tenantA, `/v1/port-calls/${created.id}/timestamps`, startedBeforeBerthing), 422);
    assert.match(notYet.error.message, /cargo operations start .* before the actual berthing/);
  });

  it('refuses a time without its UTC offset', async () => {
    const [call] = (await list(fixture.tenantA)).data;
    const response = await postJson(fixture.tenantA, `/v1/port-calls/${call!.id}/timestamps`, { eventTypeCode: 'ARRI', classifierCode: 'EST', facilityTypeCode: 'PBPL', dateTime: '2026-11-26T09:10:00' });
    assert.equal(response.status, 422);
  });

  it('keeps timestamps append-only even for a buggy app: the app role cannot change or delete them', async () => {
    await assert.rejects(fixture.db.sql`UPDATE port_call_timestamps SET remark = 'rewritten'`, /permission denied/);
    await assert.rejects(fixture.db.sql`DELETE FROM port_call_timestamps`, /permission denied/);
    await assert.rejects(fixture.db.sql`DELETE FROM schedule_events`, /permission denied/);
    await assert.rejects(fixture.db.sql`UPDATE schedule_events SET version = 0`, /permission denied/);
  });

  it('has the database refuse an invalid IMO number even if the API let one through', async () => {
    await assert.rejects(
      fixture.db.owner`INSERT INTO vessels (tenant_id, environment, vessel_imo_number, vessel_name) VALUES (${fixture.tenantA.tenant.id}, 'live', '9321484', 'X')`,
      /vessels_vessel_imo_number_check/,
    );
  });
});

describe('GET /v1/port-calls', () => {
  before(async () => {
    // Five calls at Chennai a day apart, plus the Rotterdam ones above.
    for (let day = 0; day < 5; day += 1) {
      const vessel = SAMPLE_VESSELS[day]!;
      await json(await put(fixture.tenantA, `INMAA-${day}`, samplePortCall({
        UNLocationCode: 'INMAA', facilitySMDGCode: undefined, terminalName: undefined, berth: `JD${day}`,
        vessel: { ...vessel }, status: day === 4 ? 'CANCELLED' : undefined,
        timestamps: [{ eventTypeCode: 'ARRI', classifierCode: 'EST', facilityTypeCode: 'PBPL', dateTime: `2026-12-0${day + 1}T10:00:00+05:30` }],
      })), 201);
    }
  });

  it('filters by port, status, time range and search', async () => {
    assert.equal((await list(fixture.tenantA, '?port=INMAA')).data.length, 5);
    assert.equal((await list(fixture.tenantA, '?port=INMAA&status=PLANNED')).data.length, 4);
    assert.equal((await list(fixture.tenantA, '?port=INMAA&status=CANCELLED,PLANNED')).data.length, 5);
    const range = await list(fixture.tenantA, '?port=INMAA&from=2026-12-02&to=2026-12-04');
    assert.deepEqual(range.data.map((call) => call.transportCallReference), ['INMAA-1', 'INMAA-2']);
    assert.deepEqual((await list(fixture.tenantA, '?port=INMAA&q=oscar')).data.map((call) => call.vesselName), ['MSC OSCAR']);
    assert.deepEqual((await list(fixture.tenantA, '?port=INMAA&q=9811')).data.map((call) => call.vesselIMONumber), ['9811000']);
    assert.deepEqual((await list(fixture.tenantA, '?port=INMAA&q=353136')).data.map((call) => call.vesselIMONumber), ['9811000'], 'MMSI');
    assert.equal((await list(fixture.tenantA, '?terminal=ECTDE')).data.every((call) => call.facilitySMDGCode === 'ECTDE'), true);
    assert.equal((await list(fixture.tenantA, '?q=100%25')).data.length, 0, 'a % in a search is a letter');
  });

  it('sorts and pages with a cursor, without gaps or repeats', async () => {
    const all = (await list(fixture.tenantA, '?sort=-arrival&limit=500')).data;
    const seen: string[] = [];
    let cursor: string | null = '';
    while (cursor !== null) {
      const page: { data: PortCallListItem[]; nextCursor: string | null } = await list(fixture.tenantA, `?sort=-arrival&limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      seen.push(...page.data.map((call) => call.id));
      cursor = page.nextCursor;
    }
    assert.deepEqual(seen, all.map((call) => call.id));
    const times = all.map((call) => call.arrival?.dateTime ?? '');
    assert.deepEqual(times, [...times].sort().reverse());
    const byVessel = (await list(fixture.tenantA, '?port=INMAA&sort=vessel')).data.map((call) => call.vesselName);
    assert.deepEqual(byVessel, [...byVessel].sort());
  });

  it('refuses a forged cursor and bad filters with 4xx', async () => {
    assert.equal((await fixture.request('/v1/port-calls?cursor=abc', { headers: publishable(fixture.tenantA) })).status, 400);
    assert.equal((await fixture.request('/v1/port-calls?status=SUNK', { headers: publishable(fixture.tenantA) })).status, 422);
    assert.equal((await fixture.request('/v1/port-calls?port=rotterdam', { headers: publishable(fixture.tenantA) })).status, 422);
  });

  it('returns the detail with the timestamp history to a publishable key', async () => {
    const [call] = (await list(fixture.tenantA, '?q=NLRTM-EVER-1')).data;
    const detail = await json<PortCall>(await fixture.request(`/v1/port-calls/${call!.id}`, { headers: publishable(fixture.tenantA) }), 200);
    assert.equal(detail.vessel.MMSINumber, '353136000');
    assert.equal(detail.portName, 'Rotterdam');
    assert.deepEqual(detail.timestamps.map((timestamp) => timestamp.classifierCode), ['PLN', 'PLN', 'EST', 'ACT']);
    assert.equal((await fixture.request('/v1/port-calls/pc_doesnotexist0', { headers: publishable(fixture.tenantA) })).status, 404);
  });
});

describe('GET /v1/ports and /v1/vessels', () => {
  it('finds the tenant\'s ports and vessels for type-ahead', async () => {
    const ports = await json<{ data: { UNLocationCode: string; timeZone: string }[] }>(await fixture.request('/v1/ports?q=chen', { headers: publishable(fixture.tenantA) }), 200);
    assert.deepEqual(ports.data.map((port) => [port.UNLocationCode, port.timeZone]), [['INMAA', 'Asia/Kolkata']]);
    const byCode = await json<{ data: { UNLocationCode: string }[] }>(await fixture.request('/v1/ports?q=nl', { headers: publishable(fixture.tenantA) }), 200);
    assert.deepEqual(byCode.data.map((port) => port.UNLocationCode), ['NLRTM']);
    const vessels = await json<{ data: { vesselName: string }[] }>(await fixture.request('/v1/vessels?q=ever', { headers: publishable(fixture.tenantA) }), 200);
    assert.deepEqual(vessels.data.map((vessel) => vessel.vesselName), ['EVER GIVEN']);
    const byImo = await json<{ data: { vesselIMONumber: string }[] }>(await fixture.request('/v1/vessels?q=9454', { headers: publishable(fixture.tenantA) }), 200);
    assert.deepEqual(byImo.data.map((vessel) => vessel.vesselIMONumber), ['9454436']);
  });
});

describe('POST /v1/port-calls/import', () => {
  const ndjsonRow = (reference: string, imo: string, port = 'INNSA') => JSON.stringify({
    transportCallReference: reference, UNLocationCode: port, vessel: { vesselIMONumber: imo, vesselName: `VESSEL ${reference}` },
    timestamps: [{ eventTypeCode: 'ARRI', classifierCode: 'EST', facilityTypeCode: 'PBPL', dateTime: '2026-12-10T10:00:00+05:30' }],
  });

  it('imports good NDJSON rows and reports each', async () => {
    const body = [ndjsonRow('NSA-1', '9321483'), '', ndjsonRow('NSA-2', '9811000')].join('\n');
    const result = await json<ImportResult>(await importText(fixture.tenantA, body, 'application/x-ndjson'), 200);
    assert.deepEqual(result.results.map((row) => [row.row, row.line, row.outcome]), [[1, 1, 'created'], [2, 3, 'created']]);
    const again = await json<ImportResult>(await importText(fixture.tenantA, body, 'application/x-ndjson'), 200);
    assert.deepEqual(again.results.map((row) => row.outcome), ['unchanged', 'unchanged']);
  });

  it('all-or-nothing: names every bad row by number and writes nothing', async () => {
    const body = [
      ndjsonRow('NSA-10', '9321483'),
      ndjsonRow('NSA-11', '9321484'),
      '{"transportCallReference": ',
      ndjsonRow('NSA-13', '9811000', 'ZZZZZ'),
    ].join('\n');
    const error = await json<{ error: { code: string; message: string; issues: { path: (string | number)[]; code: string }[] } }>(
      await importText(fixture.tenantA, body, 'application/x-ndjson'), 422);
    assert.equal(error.error.code, 'VALIDATION_FAILED');
    assert.match(error.error.message, /^3 of 4 rows are invalid, so nothing was imported\. First: row 2 \(line 2\), vessel\.vesselIMONumber/);
    assert.deepEqual(error.error.issues.map((issue) => issue.path.slice(0, 2)), [['rows', 2], ['rows', 3], ['rows', 4]]);
    assert.deepEqual(error.error.issues.map((issue) => issue.code), ['custom', 'invalid_json', 'unknown_port']);
    const references = (await list(fixture.tenantA, '?limit=500')).data.map((call) => call.transportCallReference);
    assert.equal(references.includes('NSA-10'), false, 'the good row NSA-10 was rolled back');
  });

  it('per-row: writes the good rows and reports the bad ones', async () => {
    const body = [ndjsonRow('NSA-20', '9321483'), ndjsonRow('NSA-21', '0000000')].join('\n');
    const result = await json<ImportResult>(await importText(fixture.tenantA, body, 'application/x-ndjson', '?mode=per-row'), 200);
    assert.deepEqual([result.applied, result.failed], [1, 1]);
    assert.equal(result.results[1]!.outcome, 'failed');
    assert.deepEqual(result.results[1]!.issues![0]!.path, ['vessel', 'vesselIMONumber']);
    const references = (await list(fixture.tenantA, '?limit=500')).data.map((call) => call.transportCallReference);
    assert.deepEqual([references.includes('NSA-20'), references.includes('NSA-21')], [true, false]);
  });

  it('per-row: a rejected row leaves nothing behind that later rows rely on', async () => {
    // Row 1 is the first to name Busan, then fails; row 2 names Busan again and must still work.
    const impossible = JSON.stringify({
      transportCallReference: 'PUS-1', UNLocationCode: 'KRPUS', facilitySMDGCode: 'PNIT', vessel: { vesselIMONumber: '9454436', vesselName: 'MSC OSCAR' },
      timestamps: [
        { eventTypeCode: 'ARRI', classifierCode: 'ACT', facilityTypeCode: 'PBPL', dateTime: '2026-12-10T10:00:00+09:00' },
        { eventTypeCode: 'DEPA', classifierCode: 'ACT', facilityTypeCode: 'BRTH', dateTime: '2026-12-10T09:00:00+09:00' },
      ],
    });
    const fine = JSON.stringify({ transportCallReference: 'PUS-2', UNLocationCode: 'KRPUS', facilitySMDGCode: 'PNIT', vessel: { vesselIMONumber: '9454436', vesselName: 'MSC OSCAR' } });
    const result = await json<ImportResult>(await importText(fixture.tenantA, `${impossible}\n${fine}`, 'application/x-ndjson', '?mode=per-row'), 200);
    assert.deepEqual(result.results.map((row) => row.outcome), ['failed', 'created']);
    assert.equal(result.results[0]!.issues![0]!.code, 'impossible_time_order');
  });

  it('a reference named twice in one import: the second row sees the first (created, then updated), one call in its final state', async () => {
    const first = JSON.parse(ndjsonRow('TWICE-1', '9321483'));
    const second = { ...first, timestamps: [...first.timestamps, { eventTypeCode: 'ARRI', classifierCode: 'ACT', facilityTypeCode: 'PBPL', dateTime: '2026-12-10T10:20:00+05:30' }] };
    const repeat = { ...second };
    const result = await json<ImportResult>(await importText(fixture.tenantA, [first, second, repeat].map((row) => JSON.stringify(row)).join('\n'), 'application/x-ndjson'), 200);
    assert.deepEqual(result.results.map((row) => row.outcome), ['created', 'updated', 'unchanged']);
    assert.equal(new Set(result.results.map((row) => row.id)).size, 1);
    const call = await json<PortCall>(await fixture.request(`/v1/port-calls/${result.results[0]!.id}`, { headers: secret(fixture.tenantA) }), 200);
    assert.equal(call.status, 'ARRIVED');
    assert.deepEqual(call.arrival, { dateTime: '2026-12-10T04:50:00Z', classifierCode: 'ACT' });
    assert.equal(call.timestamps.length, 2);
    const [events] = await fixture.db.owner`SELECT count(*)::int AS n FROM schedule_events WHERE port_call_id = ${call.id}`;
    assert.equal(events!.n, 1, 'one event for the call, in its final state');
  });

  it('when the database refuses a row the checks let through: per-row names it and keeps the others, all-or-nothing names it and writes nothing', async () => {
    // A rule only the database knows (as if the contract lagged behind a migration).
    await fixture.db.owner`ALTER TABLE port_calls ADD CONSTRAINT test_no_closed_berth CHECK (berth IS DISTINCT FROM 'CLOSED')`;
    try {
      const row = (reference: string, berth: string) => JSON.stringify({ ...JSON.parse(ndjsonRow(reference, '9811000')), berth });
      const body = [row('DBREF-1', 'B1'), row('DBREF-2', 'CLOSED'), row('DBREF-3', 'B3')].join('\n');
      const perRow = await json<ImportResult>(await importText(fixture.tenantA, body, 'application/x-ndjson', '?mode=per-row'), 200);
      assert.deepEqual(perRow.results.map((result) => result.outcome), ['created', 'failed', 'created']);
      assert.equal(perRow.results[1]!.issues![0]!.code, 'integrity');
      assert.match(perRow.results[1]!.issues![0]!.message, /refused by the database: .*test_no_closed_berth/);
      const allOrNothing = await json<{ error: { message: string; issues: { path: (string | number)[]; code: string }[] } }>(
        await importText(fixture.tenantA, body.replaceAll('DBREF-', 'DBALL-'), 'application/x-ndjson'), 422);
      assert.match(allOrNothing.error.message, /^1 of 2 rows are invalid, so nothing was imported\. First: row 2 \(line 2\)/);
      assert.deepEqual(allOrNothing.error.issues.map((issue) => [issue.path.slice(0, 2), issue.code]), [[['rows', 2], 'integrity']]);
      const references = (await list(fixture.tenantA, '?limit=500')).data.map((call) => call.transportCallReference);
      assert.deepEqual(['DBREF-1', 'DBREF-2', 'DBREF-3', 'DBALL-1'].map((reference) => references.includes(reference)), [true, false, true, false]);
    } finally {
      await fixture.db.owner`ALTER TABLE port_calls DROP CONSTRAINT test_no_closed_berth`;
    }
  });

  it('reads a CSV vessel line-up in the port\'s local time', async () => {
    const csv = [
      'Vessel Name,IMO No,Cargo,Qty (MT),Agent,ETA,Berth,Status',
      '"EMMA MAERSK",IMO 9321483,Containers,"45,000",Sea Shipping Agency,25-12-2026 14:30,CB1,Expected',
      'EVER GIVEN,9811000,Coal,70000,"Agent, Ltd.",2026-12-26 0600 hrs,CB2,At anchorage',
    ].join('\r\n');
    const result = await json<ImportResult>(await importText(fixture.tenantA, csv, 'text/csv', '?port=INMAA'), 200);
    assert.deepEqual(result.results.map((row) => [row.line, row.outcome, row.transportCallReference]), [
      [2, 'created', 'INMAA-9321483-20261225'], [3, 'created', 'INMAA-9811000-20261226'],
    ]);
    const detail = await json<PortCall>(await fixture.request(`/v1/port-calls/${result.results[0]!.id}`, { headers: secret(fixture.tenantA) }), 200);
    assert.deepEqual(detail.arrival, { dateTime: '2026-12-25T09:00:00Z', classifierCode: 'EST' });
    assert.equal(detail.timestamps[0]!.originalUTCOffset, '+05:30');
    assert.deepEqual([detail.cargoDescription, detail.cargoQuantity, detail.agentName, detail.berth], ['Containers', 45000, 'Sea Shipping Agency', 'CB1']);
    const second = await json<PortCall>(await fixture.request(`/v1/port-calls/${result.results[1]!.id}`, { headers: secret(fixture.tenantA) }), 200);
    assert.equal(second.status, 'ARRIVED');
    assert.equal(second.agentName, 'Agent, Ltd.');
  });

  it('reads a US line-up\'s dates month first when asked (dates=mdy), day first by default', async () => {
    const csv = 'vessel,imo,eta,reference\nEVER GIVEN,9811000,03/04/2026 14:30,US-DATES-1\n';
    const monthFirst = await json<ImportResult>(await importText(fixture.tenantA, csv, 'text/csv', '?port=USLAX&dates=mdy'), 200);
    const march = await json<PortCall>(await fixture.request(`/v1/port-calls/${monthFirst.results[0]!.id}`, { headers: secret(fixture.tenantA) }), 200);
    assert.equal(march.arrival!.dateTime, '2026-03-04T22:30:00Z');
    const dayFirst = await json<ImportResult>(await importText(fixture.tenantA, csv.replace('US-DATES-1', 'US-DATES-2'), 'text/csv', '?port=USLAX'), 200);
    const april = await json<PortCall>(await fixture.request(`/v1/port-calls/${dayFirst.results[0]!.id}`, { headers: secret(fixture.tenantA) }), 200);
    assert.equal(april.arrival!.dateTime, '2026-04-03T21:30:00Z');
    assert.equal((await importText(fixture.tenantA, csv, 'text/csv', '?port=USLAX&dates=ymd')).status, 422);
  });

  it('names the CSV row and line of a bad time or IMO number', async () => {
    const csv = 'vessel,imo,eta\nGOOD,9321483,25-12-2026 14:30\nBAD TIME,9811000,31-11-2026 10:00\nBAD IMO,9811001,26-12-2026 10:00\n';
    const error = await json<{ error: { message: string; issues: { path: (string | number)[] }[] } }>(await importText(fixture.tenantA, csv, 'text/csv', '?port=INMAA'), 422);
    assert.match(error.error.message, /^2 of 3 rows are invalid.*row 2 \(line 3\), eta: "31-11-2026 10:00" is not a time/);
    assert.deepEqual(error.error.issues.map((issue) => issue.path), [['rows', 2, 'eta'], ['rows', 3, 'vessel', 'vesselIMONumber']]);
    const noPort = await json<{ error: { issues: { path: (string | number)[] }[] } }>(await importText(fixture.tenantA, 'vessel,imo,eta\nX,9321483,25-12-2026 14:30', 'text/csv'), 422);
    assert.deepEqual(noPort.error.issues[0]!.path, ['rows', 1, 'port']);
    const noColumns = await json<{ error: { message: string } }>(await importText(fixture.tenantA, 'ship,when\nX,Y', 'text/csv'), 422);
    assert.match(noColumns.error.message, /lacks the column\(s\) imo, eta/);
  });

  it('accepts a line-up larger than the JSON body limit, and refuses other content types', async () => {
    const lines = ['vessel,imo,eta,berth,reference'];
    for (let index = 0; index < 800; index += 1) lines.push(`VESSEL WITH A RATHER LONG NAME NUMBER ${index}${' '.repeat(260)},9321483,25-12-2026 14:30,B${index},BIG-${index}`);
    const csv = lines.join('\n');
    assert.ok(csv.length > 256 * 1024);
    const result = await json<ImportResult>(await importText(fixture.tenantA, csv, 'text/csv', '?port=INMAA'), 200);
    assert.equal(result.applied, 800);
    assert.equal((await importText(fixture.tenantA, 'x', 'text/plain')).status, 415);
    const jsonImport = await json<ImportResult>(await postJson(fixture.tenantA, '/v1/port-calls/import', { rows: [JSON.parse(ndjsonRow('JSON-1', '9321483'))] }), 200);
    assert.equal(jsonImport.results[0]!.outcome, 'created');
  });
});

describe('tenant isolation', () => {
  it('keeps every schedule route to the key\'s own tenant', async () => {
    const { tenantA, tenantB } = fixture;
    const [callOfA] = (await list(tenantA)).data;
    assert.ok(callOfA);
    // Reads: B sees none of A's calls, ports or vessels, and cannot open A's call by id.
    assert.equal((await list(tenantB)).data.length, 0);
    assert.equal((await list(tenantB, `?q=${callOfA.transportCallReference}`)).data.length, 0);
    assert.equal((await fixture.request(`/v1/port-calls/${callOfA.id}`, { headers: publishable(tenantB) })).status, 404);
    assert.equal((await json<{ data: unknown[] }>(await fixture.request('/v1/ports', { headers: publishable(tenantB) }), 200)).data.length, 0);
    assert.equal((await json<{ data: unknown[] }>(await fixture.request('/v1/vessels', { headers: publishable(tenantB) }), 200)).data.length, 0);
    // Writes: B cannot add to A's call, and the same reference is B's own call, not A's.
    const timestamp = { eventTypeCode: 'ARRI', classifierCode: 'ACT', facilityTypeCode: 'PBPL', dateTime: '2026-11-26T06:00:00Z' };
    assert.equal((await postJson(tenantB, `/v1/port-calls/${callOfA.id}/timestamps`, timestamp)).status, 404);
    const ownCall = await json<PortCall>(await put(tenantB, callOfA.transportCallReference, samplePortCall({ vessel: { ...SAMPLE_VESSELS[3] } })), 201);
    // Ids are numbered per tenant, so B's first call may have the same id as one of A's:
    // each tenant still sees only its own row under it.
    const asSeenByB = await json<PortCall>(await fixture.request(`/v1/port-calls/${ownCall.id}`, { headers: publishable(tenantB) }), 200);
    assert.equal(asSeenByB.vesselName, SAMPLE_VESSELS[3].vesselName);
    const asSeenByA = await json<PortCall>(await fixture.request(`/v1/port-calls/${ownCall.id}`, { headers: publishable(tenantA) }), 200);
    assert.notEqual(asSeenByA.vesselName, SAMPLE_VESSELS[3].vesselName);
    const importedByB = await json<ImportResult>(await importText(tenantB, JSON.stringify({ ...samplePortCall({ vessel: { ...SAMPLE_VESSELS[3] } }), transportCallReference: callOfA.transportCallReference }), 'application/x-ndjson'), 200);
    assert.equal(importedByB.results[0]!.id, ownCall.id);
    const afterB = await json<PortCall>(await fixture.request(`/v1/port-calls/${callOfA.id}`, { headers: publishable(tenantA) }), 200);
    assert.equal(afterB.version, callOfA.version, 'A\'s call is untouched');
    // The stream answers with B's own tenant only (its content is tested in the stream tests).
    const stream = await fixture.request('/v1/port-calls/stream', { headers: { 'X-PortTask-Key': 'pk_live_forged', Origin: tenantA.origin } });
    assert.equal(stream.status, 401);
  });
});
