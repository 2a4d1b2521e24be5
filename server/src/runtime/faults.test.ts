import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { request as httpRequest, Agent } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { connect, type Database } from '../db/connection.ts';
import { storedSuperuserPassword } from '../db/local-postgres.ts';
import { setTenantLimits } from '../limits/limit-policies.ts';
import { samplePortCall } from '../schedules/testing/sample-port-calls.ts';
import { insertApiKey } from '../auth/api-keys.queries.ts';
import { insertTenant } from '../tenants/tenants.queries.ts';
import { startServeProcess, type ServeProcess } from '../testing/cli-process.ts';

/**
 * Faults on a real `porttask serve` process with its embedded PostgreSQL (supervised): the
 * database killed under write load, and SIGTERM with a write in flight on a kept-alive
 * connection. Measured times are printed as diagnostics (docs/operations.md quotes them).
 */
const TEXT_HASH = createHash('sha256').update('banner').digest('hex');
let directory: string;
let serve: ServeProcess;
let apiUrl: string;
let db: Database;
let publishableKey: string;
let secretKey: string;

function postmaster(): { pid: number; port: number } {
  const [pid, , , port] = readFileSync(path.join(directory, 'postgres', 'postmaster.pid'), 'utf8').split('\n');
  return { pid: Number(pid), port: Number(port) };
}

before(async () => {
  directory = await mkdtemp(path.join(os.tmpdir(), 'porttask-faults-'));
  await chmod(directory, 0o777); // as root, the `postgres` system user writes here
  serve = startServeProcess({ PORTTASK_DATA_DIR: directory, DATABASE_URL: '', RATE_LIMIT_IP_PER_MINUTE: '10000000', LOG_LEVEL: 'info' });
  apiUrl = await serve.url;
  const password = storedSuperuserPassword(path.join(directory, 'postgres'))!;
  db = connect(`postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${postmaster().port}/postgres`);
  const tenant = await insertTenant(db.owner, { name: 'Fault Port', region: 'eu', jurisdictions: ['gdpr'], policy: { version: '2026-04-03', url: 'https://portal.example/privacy', lastUpdated: '2026-04-03' } });
  publishableKey = (await insertApiKey(db.owner, { tenantId: tenant.id, kind: 'publishable', environment: 'test' })).token;
  secretKey = (await insertApiKey(db.owner, { tenantId: tenant.id, kind: 'secret', environment: 'test' })).token;
  await setTenantLimits(db.owner, { tenantId: tenant.id, environment: 'test' }, { writesPerIpPerMinute: 1_000_000 });
});

after(async () => {
  await db?.close().catch(() => {});
  if (serve && serve.child.exitCode === null) {
    serve.child.kill('SIGTERM');
    await serve.exited;
  }
  await rm(directory, { recursive: true, force: true });
});

let subjects = 0;
const postConsent = () => fetch(`${apiUrl}/v1/consents`, {
  method: 'POST',
  headers: { 'X-PortTask-Key': publishableKey, 'Content-Type': 'application/json' },
  body: JSON.stringify({ subjectId: `fault_${(subjects += 1)}`, choices: { necessary: true, analytics: true }, policyVersion: '2026-04-03', bannerTextHash: TEXT_HASH, locale: 'en', source: 'banner', gpc: false }),
  signal: AbortSignal.timeout(10_000),
});

describe('faults', () => {
  it('a killed PostgreSQL: 503 with Retry-After within 2 s, back by itself, no acknowledged write lost, live stream resumes', async () => {
    // A live stream, open before the fault.
    const stream = await fetch(`${apiUrl}/v1/port-calls/stream`, { headers: { 'X-PortTask-Key': publishableKey } });
    assert.equal(stream.status, 200);
    let streamed = '';
    const reader = stream.body!.pipeThrough(new TextDecoderStream()).getReader();
    void (async () => { for (;;) { const { value, done } = await reader.read(); if (done) break; streamed += value; } })().catch(() => {});

    const acknowledged: string[] = [];
    const answers: { at: number; status: number; retryAfter: string | null; ms: number }[] = [];
    let killedAt = 0;
    let running = true;
    const workers = Array.from({ length: 6 }, async () => {
      while (running) {
        const started = performance.now();
        try {
          const response = await postConsent();
          const body = await response.json() as { receiptId?: string };
          answers.push({ at: started, status: response.status, retryAfter: response.headers.get('Retry-After'), ms: performance.now() - started });
          if (response.status === 201) acknowledged.push(body.receiptId!);
          else await new Promise((resolve) => setTimeout(resolve, 50));
        } catch {
          answers.push({ at: started, status: 0, retryAfter: null, ms: performance.now() - started });
        }
      }
    });
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    const beforeKill = acknowledged.length;
    assert.ok(beforeKill > 0, 'writes succeed before the fault');
    killedAt = performance.now();
    process.kill(postmaster().pid, 'SIGKILL');

    // Wait for the first write acknowledged after the fault that was sent after a 503 (recovered).
    const deadline = killedAt + 60_000;
    let recoveredAt = 0;
    while (!recoveredAt && performance.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      const firstOutage = answers.find((answer) => answer.at >= killedAt && answer.status === 503);
      if (firstOutage) recoveredAt = answers.find((answer) => answer.at > firstOutage.at && answer.status === 201)?.at ?? 0;
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
    running = false;
    await Promise.all(workers);

    const afterKill = answers.filter((answer) => answer.at >= killedAt);
    const first503 = afterKill.find((answer) => answer.status === 503);
    assert.ok(first503, `a 503 after the kill; statuses: ${[...new Set(afterKill.map((answer) => answer.status))]}`);
    const secondsTo503 = (first503.at + first503.ms - killedAt) / 1000;
    assert.ok(secondsTo503 < 2, `first 503 after ${secondsTo503.toFixed(2)} s`);
    assert.ok(afterKill.filter((answer) => answer.status === 503).every((answer) => answer.retryAfter !== null), 'every 503 has Retry-After');
    assert.deepEqual(afterKill.filter((answer) => ![201, 503].includes(answer.status)).map((answer) => answer.status), [], 'nothing but 201 and 503 (no 500, no hang-up)');
    const slowest = Math.max(...afterKill.map((answer) => answer.ms)) / 1000;
    assert.ok(slowest < 5, `no request waited ${slowest.toFixed(2)} s`);
    assert.ok(recoveredAt > 0, 'writes succeed again without anyone restarting anything');

    // Every acknowledged write is there.
    const stored = await db.owner<{ id: string }[]>`SELECT id FROM consent_records WHERE id = ANY(${acknowledged})`;
    assert.equal(stored.length, acknowledged.length, 'acknowledged writes lost');

    // The live stream (or its reconnect) carries a change made after recovery.
    const reference = `FAULT-${Date.now()}`;
    const written = performance.now();
    const put = await fetch(`${apiUrl}/v1/port-calls/${reference}`, { method: 'PUT', headers: { Authorization: `Bearer ${secretKey}`, 'Content-Type': 'application/json' }, body: JSON.stringify(samplePortCall()) });
    assert.ok(put.status === 200 || put.status === 201, `PUT ${put.status}`);
    while (!streamed.includes(reference) && performance.now() - written < 10_000) await new Promise((resolve) => setTimeout(resolve, 20));
    const streamSeconds = (performance.now() - written) / 1000;
    await reader.cancel().catch(() => {});
    assert.ok(streamed.includes(reference), 'the stream opened before the fault delivers a change made after it');
    console.log(`# database killed: first 503 after ${secondsTo503.toFixed(2)} s; writes back after ${((recoveredAt - killedAt) / 1000).toFixed(2)} s; ` +
      `slowest answer ${slowest.toFixed(2)} s; ${acknowledged.length} acknowledged (${beforeKill} before the kill), 0 lost; live stream delivered a change ${streamSeconds.toFixed(2)} s after it was written`);
  });

  it('SIGTERM: a write in flight on a kept-alive connection completes with Connection: close, the next request on it is not served', async () => {
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    const send = (pathName: string, init: { method: string; headers: Record<string, string>; body?: string }) => new Promise<{ status: number; headers: Record<string, unknown>; socketReused: boolean }>((resolve, reject) => {
      const outgoing = httpRequest(`${apiUrl}${pathName}`, { ...init, agent }, (response) => {
        response.resume().on('end', () => resolve({ status: response.statusCode!, headers: response.headers, socketReused: outgoing.reusedSocket }));
      });
      outgoing.on('error', reject);
      outgoing.end(init.body);
    });
    // A first request opens the kept-alive connection.
    assert.equal((await send('/healthz', { method: 'GET', headers: {} })).status, 200);
    // A slow write: its body arrives in two parts, SIGTERM between them.
    const body = JSON.stringify(samplePortCall());
    const inFlight = new Promise<{ status: number; headers: Record<string, unknown> }>((resolve, reject) => {
      const outgoing = httpRequest(`${apiUrl}/v1/port-calls/DRAIN-1`, { method: 'PUT', agent, headers: { Authorization: `Bearer ${secretKey}`, 'Content-Type': 'application/json', 'Content-Length': String(Buffer.byteLength(body)) } }, (response) => {
        response.resume().on('end', () => resolve({ status: response.statusCode!, headers: response.headers }));
      });
      outgoing.on('error', reject);
      outgoing.write(body.slice(0, 20));
      setTimeout(() => {
        serve.child.kill('SIGTERM');
        setTimeout(() => outgoing.end(body.slice(20)), 500);
      }, 300);
    });
    const answer = await inFlight;
    assert.ok(answer.status === 200 || answer.status === 201, `the write in flight completed: ${answer.status}`);
    assert.equal(answer.headers.connection, 'close');
    // The connection is gone: the next request is not served by this process.
    await assert.rejects(send('/healthz', { method: 'GET', headers: {} }));
    assert.equal(await serve.exited, 0);
    agent.destroy();
  });
});
