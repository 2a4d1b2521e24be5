import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createClient, NotFoundError, ValidationError } from '@porttask/sdk';
import { demoPortCalls, seedDemoSchedules } from '../../demo/seed-schedules.ts';
import { startTestServer, type TestServer } from '../../testing/test-server.ts';

let server: TestServer;
before(async () => { server = await startTestServer(); });
after(async () => { await server.close(); });

describe('SDK: client.portCalls, client.ports, client.vessels', () => {
  it('seeds a realistic demo week once, and lists it across pages with for await', async () => {
    const now = new Date('2026-11-25T12:00:00Z');
    const written = await seedDemoSchedules(server.db.owner, server.scope, now);
    assert.ok(written >= 300, `hundreds of calls (${written})`);
    assert.equal(await seedDemoSchedules(server.db.owner, server.scope, now), 0, 'a second run does nothing');
    const statuses = new Set(demoPortCalls(now).flatMap(({ input }) => input.timestamps!.map((timestamp) => timestamp.classifierCode)));
    assert.deepEqual([...statuses].sort(), ['ACT', 'EST', 'PLN']);

    const client = createClient({ apiUrl: server.apiUrl, publishableKey: server.publishableKey });
    const firstPage = await client.portCalls.list({ port: 'NLRTM', limit: 40 });
    assert.equal(firstPage.data.length, 40);
    assert.ok(firstPage.nextCursor);
    const all = [];
    for await (const call of client.portCalls.list({ port: 'NLRTM', limit: 40 })) all.push(call);
    assert.equal(all.length, 110);
    assert.equal(new Set(all.map((call) => call.id)).size, 110);
    const departed = await client.portCalls.list({ port: 'NLRTM', status: ['DEPARTED', 'BERTHED'], limit: 500 });
    assert.ok(departed.data.length > 0 && departed.data.every((call) => ['DEPARTED', 'BERTHED'].includes(call.status)));
    const detail = await client.portCalls.get(all[0]!.id);
    assert.ok(detail.timestamps.length >= 3);
    await assert.rejects(client.portCalls.get('pc_000000000000'), NotFoundError);
    assert.deepEqual((await client.ports.list({ q: 'singa' })).data.map((port) => port.UNLocationCode), ['SGSIN']);
    assert.ok((await client.vessels.list({ q: 'MAERSK' })).data.length > 0);
  });

  it('imports a CSV line-up, NDJSON and JSON rows, with typed errors naming the row', async () => {
    const client = createClient({ apiUrl: server.apiUrl, secretKey: server.secretKey });
    const csv = 'Vessel,IMO,ETA,Berth\nEVER GIVEN,9811000,26-11-2026 06:00,CB2\n';
    const fromCsv = await client.portCalls.import({ csv }, { port: 'INNSA' });
    assert.deepEqual(fromCsv.results.map((row) => row.outcome), ['created']);
    const row = { transportCallReference: 'SDK-ND-1', UNLocationCode: 'INNSA', vessel: { vesselIMONumber: '9321483', vesselName: 'EMMA MAERSK' } };
    const fromNdjson = await client.portCalls.import({ ndjson: `${JSON.stringify(row)}\n` });
    assert.equal(fromNdjson.results[0]!.outcome, 'created');
    const fromRows = await client.portCalls.import({ rows: [row] }, { mode: 'per-row' });
    assert.equal(fromRows.results[0]!.outcome, 'unchanged');
    const error = await client.portCalls.import({ csv: 'vessel,imo,eta\nBAD,9811001,26-11-2026 06:00\n' }, { port: 'INNSA' }).catch((caught: unknown) => caught);
    assert.ok(error instanceof ValidationError);
    assert.deepEqual(error.issues.map((issue) => issue.path), [['rows', 1, 'vessel', 'vesselIMONumber']]);
    assert.match(error.requestId ?? '', /^req_/);
  });
});
