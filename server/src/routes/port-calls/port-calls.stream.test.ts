import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { after, before, describe, it } from 'node:test';
import { createClient, type PortCallEvent } from '@porttask/sdk';
import { insertApiKey, insertTenant } from '../../tenants/tenants.queries.ts';
import { startTestServer, type TestServer } from '../../testing/test-server.ts';
import { samplePortCall } from '../../schedules/testing/sample-port-calls.ts';
import { liveStreamSettings } from './port-calls.stream.ts';
import { liveHubFor } from '../../schedules/live-hub.ts';
import { latestScheduleSequence, prunedThrough, pruneScheduleEvents } from '../../schedules/outbox.queries.ts';

let server: TestServer;
let otherTenantKey: string;
before(async () => {
  server = await startTestServer();
  const other = await insertTenant(server.db.owner, { name: 'Other agency', region: 'eu' });
  otherTenantKey = (await insertApiKey(server.db.owner, { tenantId: other.id, kind: 'publishable', environment: 'test' })).token;
});
after(async () => { await server.close(); });

const writer = () => createClient({ apiUrl: server.apiUrl, secretKey: server.secretKey, maxRetries: 0 });
const reader = (key = server.publishableKey) => createClient({ apiUrl: server.apiUrl, publishableKey: key });

/** Collects events from a stream until `count` arrived (or the time is up), then stops it. */
async function collect(stream: AsyncIterable<PortCallEvent>, controller: AbortController, count: number, timeoutMs = 5_000): Promise<PortCallEvent[]> {
  const events: PortCallEvent[] = [];
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  try {
    for await (const event of stream) {
      events.push(event);
      if (events.length >= count) break;
    }
  } finally {
    clearTimeout(timer);
    controller.abort();
  }
  return events;
}

/** A stream that is connected (its `ready` event has arrived) before the test writes. */
function openStream(client: ReturnType<typeof reader>, filter: Parameters<ReturnType<typeof reader>['portCalls']['stream']>[0], lastEventId?: string) {
  const controller = new AbortController();
  let markOpen!: () => void;
  const opened = new Promise<void>((resolve) => { markOpen = resolve; });
  const stream = client.portCalls.stream(filter, {
    signal: controller.signal,
    ...(lastEventId ? { lastEventId } : {}),
    onStateChange: (state) => { if (state === 'open') markOpen(); },
  });
  return { stream, controller, opened };
}

describe('GET /v1/port-calls/stream', () => {
  it('delivers changes as they are committed, filtered like the list, with version and sequence', async () => {
    const live = openStream(reader(), { port: 'INMAA' });
    const events = collect(live.stream, live.controller, 2);
    await live.opened;
    await new Promise((resolve) => setTimeout(resolve, 100)); // the server has sent `ready`
    const client = writer();
    await client.portCalls.upsert('RTM-LIVE-1', samplePortCall());
    const chennai = await client.portCalls.upsert('MAA-LIVE-1', samplePortCall({ UNLocationCode: 'INMAA', facilitySMDGCode: undefined, terminalName: undefined }));
    await client.portCalls.addTimestamp(chennai.id, { eventTypeCode: 'ARRI', classifierCode: 'ACT', facilityTypeCode: 'PBPL', dateTime: '2026-11-26T08:00:00+05:30' });
    const received = await events;
    assert.deepEqual(received.map((event) => [event.type, event.portCall.transportCallReference, event.portCall.version]), [
      ['port_call.created', 'MAA-LIVE-1', 1],
      ['port_call.timestamp_added', 'MAA-LIVE-1', 2],
    ]);
    assert.ok(received[1]!.sequence > received[0]!.sequence);
    assert.equal(received[1]!.portCall.status, 'ARRIVED');
  });

  it('resumes from Last-Event-ID without losing or repeating an event', async () => {
    const client = writer();
    const first = openStream(reader(), { q: 'RESUME-' });
    const firstEvents = collect(first.stream, first.controller, 3);
    await first.opened;
    await new Promise((resolve) => setTimeout(resolve, 100));
    for (let index = 1; index <= 3; index += 1) await client.portCalls.upsert(`RESUME-${index}`, samplePortCall({ berth: `B${index}` }));
    const seenBefore = await firstEvents;
    const lastSeen = String(seenBefore.at(-1)!.sequence);
    // Disconnected: five changes happen, one of them outside the filter.
    for (let index = 4; index <= 7; index += 1) await client.portCalls.upsert(`RESUME-${index}`, samplePortCall({ berth: `B${index}` }));
    await client.portCalls.upsert('OTHER-1', samplePortCall());
    await client.portCalls.upsert('RESUME-1', samplePortCall({ berth: 'B9' }));
    const second = openStream(reader(), { q: 'RESUME-' }, lastSeen);
    const resumed = await collect(second.stream, second.controller, 5);
    assert.deepEqual(resumed.map((event) => `${event.portCall.transportCallReference} v${event.portCall.version}`), [
      'RESUME-4 v1', 'RESUME-5 v1', 'RESUME-6 v1', 'RESUME-7 v1', 'RESUME-1 v2',
    ]);
    const sequences = [...seenBefore, ...resumed].map((event) => event.sequence);
    assert.deepEqual(sequences, [...new Set(sequences)].sort((a, b) => a - b), 'in order, no duplicates');
  });

  it('never shows one tenant\'s changes to another', async () => {
    const live = openStream(reader(otherTenantKey), {});
    const events = collect(live.stream, live.controller, 1, 1_500);
    await live.opened;
    await writer().portCalls.upsert('PRIVATE-1', samplePortCall());
    assert.deepEqual(await events, []);
  });

  it('sends heartbeats on an idle stream, and a ready event with the starting sequence', async () => {
    const previous = liveStreamSettings.heartbeatMs;
    liveStreamSettings.heartbeatMs = 150;
    const controller = new AbortController();
    try {
      const response = await fetch(`${server.apiUrl}/v1/port-calls/stream?port=SGSIN`, { headers: { 'X-PortTask-Key': server.publishableKey }, signal: controller.signal });
      assert.equal(response.status, 200);
      assert.match(response.headers.get('Content-Type') ?? '', /^text\/event-stream/);
      const readerOfBody = response.body!.getReader();
      let text = '';
      while (!/heartbeat[\s\S]*heartbeat/.test(text)) text += new TextDecoder().decode((await readerOfBody.read()).value);
      assert.match(text, /^event: ready\ndata: \{"sequence":\d+\}\nid: \d+\nretry: \d+\n\n/);
    } finally {
      controller.abort();
      liveStreamSettings.heartbeatMs = previous;
    }
  });

  it('refuses a Last-Event-ID it did not send', async () => {
    const response = await fetch(`${server.apiUrl}/v1/port-calls/stream`, { headers: { 'X-PortTask-Key': server.publishableKey, 'Last-Event-ID': 'abc' } });
    assert.equal(response.status, 400);
  });

  it('ends its streams when the process stops (endStreams); clients reconnect and resume without loss', async () => {
    const client = writer();
    const states: string[] = [];
    const controller = new AbortController();
    let markOpen!: () => void;
    const opened = new Promise<void>((resolve) => { markOpen = resolve; });
    const stream = reader().portCalls.stream({ q: 'MOVE-' }, {
      signal: controller.signal,
      onStateChange: (state) => { states.push(state); if (state === 'open') markOpen(); },
    });
    const events = collect(stream, controller, 2, 10_000);
    await opened;
    await new Promise((resolve) => setTimeout(resolve, 100));
    await client.portCalls.upsert('MOVE-1', samplePortCall());
    await new Promise((resolve) => setTimeout(resolve, 200));
    liveHubFor(server.db.sql).endStreams();
    await client.portCalls.upsert('MOVE-2', samplePortCall()); // while the client is away
    assert.deepEqual((await events).map((event) => event.portCall.transportCallReference), ['MOVE-1', 'MOVE-2']);
    assert.deepEqual(states, ['connecting', 'open', 'reconnecting', 'open']);
  });

  // Last in this file: it ages and deletes the tenant's outbox.
  it('after retention deleted what it would resume from: a reset (reload), then changes as usual; no reset when nothing is missing', async () => {
    const client = writer();
    const latestSequence = () => latestScheduleSequence(server.db.sql, server.scope);
    await client.portCalls.upsert('RETAIN-1', samplePortCall());
    const stale = await latestSequence();
    await client.portCalls.upsert('RETAIN-2', samplePortCall());
    await server.db.owner`UPDATE schedule_events SET created_at = now() - interval '30 days' WHERE tenant_id = ${server.tenantId}`;
    const pruned = await pruneScheduleEvents(server.db.owner, 7);
    assert.ok(pruned.deleted >= 2, `deleted ${pruned.deleted}`);
    assert.ok(await prunedThrough(server.db.sql, server.scope) > Number(stale));

    const resumeFrom = async (lastEventId: string) => {
      const controller = new AbortController();
      let resets = 0;
      let markOpen!: () => void;
      const opened = new Promise<void>((resolve) => { markOpen = resolve; });
      const stream = reader().portCalls.stream({ q: 'RETAIN-' }, {
        signal: controller.signal, lastEventId, onReset: () => { resets += 1; }, onStateChange: (state) => { if (state === 'open') markOpen(); },
      });
      const events = collect(stream, controller, 1);
      await opened;
      await new Promise((resolve) => setTimeout(resolve, 100));
      return { events, resets: () => resets };
    };
    const stale1 = await resumeFrom(String(stale));
    await client.portCalls.upsert('RETAIN-3', samplePortCall());
    assert.deepEqual((await stale1.events).map((event) => event.portCall.transportCallReference), ['RETAIN-3']);
    assert.equal(stale1.resets(), 1, 'told to reload once');

    const current = await resumeFrom(String(await latestSequence()));
    await client.portCalls.upsert('RETAIN-4', samplePortCall());
    assert.deepEqual((await current.events).map((event) => event.portCall.transportCallReference), ['RETAIN-4']);
    assert.equal(current.resets(), 0);
  });
});

/** Starts `porttask serve` on a random port against the test database; resolves with its URL. */
async function startServeProcess(databaseUrl: string): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(process.execPath, ['--conditions=source', '--import', 'tsx', 'server/src/cli.ts', 'serve', '--port', '0'], {
    env: { ...process.env, DATABASE_URL: databaseUrl, LOG_LEVEL: 'info', NODE_ENV: 'test' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const lines = createInterface({ input: child.stdout! });
  for await (const line of lines) {
    const entry = JSON.parse(line) as { msg?: string; url?: string; name?: string };
    if (entry.msg === 'listening' && entry.url) {
      lines.on('line', () => {}); // keep draining
      return { url: entry.url, child };
    }
  }
  throw new Error('porttask serve exited before listening');
}

describe('fan-out across server processes', () => {
  const children: ChildProcess[] = [];
  after(async () => {
    for (const child of children) {
      child.kill('SIGTERM');
      await once(child, 'exit');
    }
  });

  it('delivers a change written through one process to a stream on another (LISTEN/NOTIFY)', async () => {
    const [first, second] = await Promise.all([startServeProcess(server.db.url), startServeProcess(server.db.url)]);
    children.push(first.child, second.child);
    const listenOnFirst = createClient({ apiUrl: first.url, publishableKey: server.publishableKey });
    const writeThroughSecond = createClient({ apiUrl: second.url, secretKey: server.secretKey });
    const live = openStream(listenOnFirst, { q: 'FANOUT-' });
    const events = collect(live.stream, live.controller, 3, 10_000);
    await live.opened;
    await new Promise((resolve) => setTimeout(resolve, 200));
    for (let index = 1; index <= 3; index += 1) await writeThroughSecond.portCalls.upsert(`FANOUT-${index}`, samplePortCall());
    const written = performance.now();
    const received = await events;
    assert.deepEqual(received.map((event) => event.portCall.transportCallReference), ['FANOUT-1', 'FANOUT-2', 'FANOUT-3']);
    // Well inside the 15 s heartbeat re-read of the other process: NOTIFY woke it, not a poll.
    assert.ok(performance.now() - written < 2_000, `arrived ${Math.round(performance.now() - written)} ms after the last write`);
  });
});
