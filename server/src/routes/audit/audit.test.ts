import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { AuditKeys } from '../../login-audit/audit-keys.ts';
import { tenantKeyEmailSealer } from '../../login-audit/email-sealer.ts';
import { LoginAuditTrail } from '../../login-audit/login-audit-trail.ts';
import { createAppFixture, type AppFixture } from '../../testing/app-fixture.ts';
import { runCli } from '../../testing/cli-process.ts';

const VERIFY_TOOL = fileURLToPath(new URL('../../../../tools/verify-audit-export.mjs', import.meta.url));

let fixture: AppFixture;
let trail: LoginAuditTrail;
let directory: string;
let cliEnv: NodeJS.ProcessEnv;
before(async () => {
  fixture = await createAppFixture();
  const keys = new AuditKeys(fixture.masterKey);
  trail = new LoginAuditTrail(fixture.db.sql, keys, tenantKeyEmailSealer(keys), { everyRows: 4, everyMinutes: 15 });
  directory = await mkdtemp(path.join(os.tmpdir(), 'porttask-audit-'));
  cliEnv = { DATABASE_URL: fixture.db.url, PORTTASK_MASTER_KEY: fixture.masterKey.toString('base64') };
  const a = { tenantId: fixture.tenantA.tenant.id, environment: 'live' as const };
  for (let index = 0; index < 10; index += 1) {
    await trail.append(a, { outcome: index % 3 === 0 ? 'success' : 'wrong_password', ipAddress: '198.51.100.4', userAgent: 'Browser/1', email: `staff${index}@portal-a.example` });
  }
  await trail.append({ ...a, environment: 'test' }, { outcome: 'unknown_email', email: 'nobody@portal-a.example' });
  await trail.append({ tenantId: fixture.tenantB.tenant.id, environment: 'live' }, { outcome: 'locked', email: 'b@portal-b.example' });
});
after(async () => {
  await fixture.close();
  await rm(directory, { recursive: true, force: true });
});

const asSecret = (path: string, key = fixture.tenantA.secretKey) => fixture.request(path, { headers: { Authorization: `Bearer ${key}` } });

function runTool(...args: string[]): Promise<{ code: number; stdout: string }> {
  return new Promise((resolve) => {
    // The verifier is plain Node: no tsx, no project code, no database, no secrets.
    const child = spawn(process.execPath, [VERIFY_TOOL, ...args], { env: { PATH: process.env.PATH }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => { stdout += chunk; });
    child.on('exit', (code) => resolve({ code: code ?? 1, stdout }));
  });
}

describe('GET /v1/audit/login-events', () => {
  it('lists the key\'s environment\'s events newest first, emails decrypted, paged', async () => {
    const first = await asSecret('/v1/audit/login-events?limit=4');
    assert.equal(first.status, 200);
    const page = await first.json();
    assert.deepEqual(page.data.map((event: { sequence: number }) => event.sequence), [10, 9, 8, 7]);
    assert.equal(page.data[0].email, 'staff9@portal-a.example');
    assert.match(page.data[0].occurredAt, /\.\d{6}Z$/);
    assert.equal(page.data[0].ipAddress, '198.51.100.4');
    const next = await (await asSecret(`/v1/audit/login-events?limit=4&cursor=${page.nextCursor}`)).json();
    assert.deepEqual(next.data.map((event: { sequence: number }) => event.sequence), [6, 5, 4, 3]);
    const successes = await (await asSecret('/v1/audit/login-events?outcome=success')).json();
    assert.deepEqual(successes.data.map((event: { sequence: number }) => event.sequence), [10, 7, 4, 1]);
  });

  it('shows no other tenant\'s or environment\'s events, and refuses publishable keys and bad input', async () => {
    const b = await (await asSecret('/v1/audit/login-events', fixture.tenantB.secretKey)).json();
    assert.deepEqual(b.data.map((event: { outcome: string }) => event.outcome), ['locked']);
    const visitor = await fixture.request('/v1/audit/login-events', { headers: { 'X-PortTask-Key': fixture.tenantA.publishableKey, Origin: fixture.tenantA.origin } });
    assert.equal(visitor.status, 403);
    const bad = await asSecret('/v1/audit/login-events?outcome=guess');
    assert.equal(bad.status, 422);
    assert.equal((await bad.json()).error.code, 'VALIDATION_FAILED');
  });
});

describe('GET /v1/audit/verify', () => {
  it('answers intact with the counts and the signing key', async () => {
    const response = await asSecret('/v1/audit/verify');
    assert.equal(response.status, 200);
    const result = await response.json();
    assert.equal(result.intact, true);
    assert.equal(result.eventsChecked, 10);
    assert.equal(result.environment, 'live');
    assert.equal(result.signingKey.keyId, new AuditKeys(fixture.masterKey).signing.keyId);
  });
});

describe('porttask audit CLI and the offline verifier', () => {
  let exportFile: string;
  let keyId: string;

  before(async () => {
    exportFile = path.join(directory, 'a.ndjson');
    const exported = await runCli(['audit', 'export', '--tenant', fixture.tenantA.tenant.id, '--out', exportFile], cliEnv);
    assert.equal(exported.code, 0, exported.stderr);
    keyId = JSON.parse((await runCli(['audit', 'public-key', '--json'], cliEnv)).stdout).keyId;
  });

  it('audit verify exits 0 when intact', async () => {
    const result = await runCli(['audit', 'verify', '--json'], cliEnv);
    assert.equal(result.code, 0, result.stdout + result.stderr);
    const parsed = JSON.parse(result.stdout);
    assert.equal(parsed.intact, true);
    assert.equal(parsed.chains.length, 3);
  });

  it('the export holds a header with the public key, the checkpoints and every event; it verifies offline', async () => {
    const lines = (await readFile(exportFile, 'utf8')).trim().split('\n').map((line) => JSON.parse(line));
    assert.equal(lines[0].type, 'header');
    assert.equal(lines[0].publicKeys[0].keyId, keyId);
    assert.equal(lines.filter((line) => line.type === 'event').length, 10);
    assert.ok(lines.some((line) => line.type === 'checkpoint' && line.throughSequence === 10), 'export signs the newest rows first');
    assert.ok(!lines.some((line) => JSON.stringify(line).includes('@portal-a.example')), 'no plaintext email in the export');
    const result = await runTool(exportFile, '--key', keyId);
    assert.equal(result.code, 0, result.stdout);
    assert.match(result.stdout, /^INTACT: 10 events/);
  });

  async function tampered(name: string, change: (lines: Record<string, unknown>[]) => Record<string, unknown>[]) {
    const lines = (await readFile(exportFile, 'utf8')).trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
    const file = path.join(directory, `${name}.ndjson`);
    await writeFile(file, change(lines).map((line) => JSON.stringify(line)).join('\n') + '\n');
    return await runTool(file, '--key', keyId);
  }
  const event = (lines: Record<string, unknown>[], sequence: number) => lines.find((line) => line.type === 'event' && line.sequence === sequence)!;

  it('the offline verifier fails each tampered export and names the record', async () => {
    const cases: [string, RegExp, (lines: Record<string, unknown>[]) => Record<string, unknown>[]][] = [
      ['altered', /TAMPERED: altered at record 3/, (lines) => { event(lines, 3).outcome = 'success'; return lines; }],
      ['deleted', /TAMPERED: deleted at record 5/, (lines) => lines.filter((line) => line !== event(lines, 5))],
      ['reordered', /TAMPERED: reordered at record 6/, (lines) => {
        // Rows 6 and 7 trade places: each now sits (and is numbered) where the other was.
        const six = event(lines, 6);
        const seven = event(lines, 7);
        const [at6, at7] = [lines.indexOf(six), lines.indexOf(seven)];
        six.sequence = 7;
        seven.sequence = 6;
        lines[at6] = seven;
        lines[at7] = six;
        return lines; }],
      ['truncated', /TAMPERED: truncated at record 9/, (lines) => lines.filter((line) => !(line.type === 'event' && (line.sequence as number) >= 9))],
      ['checkpoint', /TAMPERED: checkpoint_broken/, (lines) => { lines.find((line) => line.type === 'checkpoint' && line.number === 2)!.throughSequence = 3; return lines; }],
      ['signature', /TAMPERED: checkpoint_broken/, (lines) => { const checkpoint = lines.find((line) => line.type === 'checkpoint')!; checkpoint.signature = Buffer.alloc(64, 7).toString('base64url'); return lines; }],
      ['forged', /TAMPERED: (forged|altered) at record/, (lines) => {
        // Rewritten with every hash recomputed (no key needed for that): only the signed checkpoints know.
        const rows = lines.filter((line) => line.type === 'event');
        rows.find((row) => row.sequence === 2)!.outcome = 'success';
        return lines; }],
    ];
    for (const [name, expected, change] of cases) {
      const result = await tampered(name, change);
      assert.equal(result.code, 1, `${name}: ${result.stdout}`);
      assert.match(result.stdout, expected, name);
    }
    // A key other than the pinned one is not trusted.
    const wrongKey = await runTool(exportFile, '--key', 'lak_0000000000000000');
    assert.equal(wrongKey.code, 1);
    assert.match(wrongKey.stdout, /checkpoint_broken/);
  });

  it('audit verify exits 1 and names the first bad record when the database was changed', async () => {
    await fixture.db.owner`UPDATE login_audit_events SET user_agent = 'Other/2' WHERE tenant_id = ${fixture.tenantA.tenant.id} AND environment = 'live' AND sequence = 8`;
    const result = await runCli(['audit', 'verify', '--tenant', fixture.tenantA.tenant.id, '--environment', 'live'], cliEnv);
    assert.equal(result.code, 1, result.stdout + result.stderr);
    assert.match(result.stdout, /TAMPERED .*\n {2}altered at record 8/);
    const api = await (await asSecret('/v1/audit/verify')).json();
    assert.equal(api.intact, false);
    assert.deepEqual([api.fault.kind, api.fault.sequence], ['altered', 8]);
    const exported = path.join(directory, 'after.ndjson');
    await runCli(['audit', 'export', '--tenant', fixture.tenantA.tenant.id, '--out', exported], cliEnv);
    const offline = await runTool(exported, '--key', keyId);
    assert.equal(offline.code, 1);
    assert.match(offline.stdout, /altered at record 8/);
  });
});
