import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { createApp, type App } from '../../app.ts';
import { createJobQueue, type JobQueue } from '../../jobs/job-queue.ts';
import { createLogger } from '../../logger.ts';
import { mailPlace } from '../../mail/mail-outbox.ts';
import { clockSettingsFor } from '../../rights/clock-settings.ts';
import { startClock } from '../../rights/clocks/index.ts';
import { createFieldEncryption } from '../../secrets/field-encryption.ts';
import { masterKeyring } from '../../secrets/master-keyring.ts';
import { createAppFixture, type AppFixture, type TestTenant } from '../../testing/app-fixture.ts';
import { findPlaintext } from '../../testing/plaintext-scan.ts';

const encryption = createFieldEncryption(masterKeyring(randomBytes(32)));
let fixture: AppFixture;
let jobs: JobQueue;
let app: App;

before(async () => {
  fixture = await createAppFixture();
  jobs = createJobQueue(fixture.db.sql, createLogger('silent'));
  await jobs.start();
  app = createApp({ db: fixture.db, logger: createLogger('silent'), rights: { encryption, jobs } });
});
after(async () => {
  await jobs.stop();
  await fixture.close();
});

const visitor = (tenant: TestTenant, extra: Record<string, string> = {}) => ({ 'X-PortTask-Key': tenant.publishableKey, Origin: tenant.origin, 'Content-Type': 'application/json', ...extra });

async function submit(tenant: TestTenant, body: Record<string, unknown>) {
  const response = await app.request('/v1/rights-requests', { method: 'POST', headers: visitor(tenant), body: JSON.stringify(body) });
  return { response, body: await response.json() };
}

const requester = (tenant: TestTenant, token: string) => visitor(tenant, { 'X-PortTask-Requester-Token': token });

async function verify(tenant: TestTenant, id: string, token: string, code: string) {
  const response = await app.request(`/v1/rights-requests/${id}/verify`, { method: 'POST', headers: requester(tenant, token), body: JSON.stringify({ code }) });
  return { response, body: await response.json() };
}

/** Reads the newest mail of a template sent for a request, as its recipient would. */
async function mailFor(tenant: TestTenant, requestId: string, template: string): Promise<{ to: string; text: string }> {
  const scope = { tenantId: tenant.tenant.id, environment: 'live' as const };
  const [mail] = await fixture.db.owner<{ id: string; subject_key_id: string; recipient: Buffer; text_body: Buffer }[]>`
    SELECT m.id, m.subject_key_id, m.recipient, m.text_body FROM mail_outbox m
    JOIN rights_requests r ON r.tenant_id = m.tenant_id AND r.environment = m.environment AND r.subject_key_id = m.subject_key_id
    WHERE r.id = ${requestId} AND m.template = ${template} ORDER BY m.created_at DESC LIMIT 1`;
  assert.ok(mail, `no ${template} mail for ${requestId}`);
  const cipher = (await encryption.openSubjects(fixture.db.sql, scope, [mail.subject_key_id])).get(mail.subject_key_id);
  assert.ok(cipher);
  return { to: cipher.decrypt(mail.recipient, mailPlace(mail.id, 'recipient')), text: cipher.decrypt(mail.text_body, mailPlace(mail.id, 'text_body')) };
}

const codeIn = (text: string) => /\b(\d{6})\b/.exec(text)?.[1] ?? assert.fail(`no code in ${text}`);

describe('a requester makes and verifies a request', () => {
  test('202 with id and token; the code is mailed; the right code makes it pending with the GDPR due date', async () => {
    const { response, body } = await submit(fixture.tenantA, { type: 'access', email: 'ana.access@example.com', locale: 'da', name: 'Ana Access' });
    assert.equal(response.status, 202);
    assert.match(body.id, /^rr_[0-9a-z]{20}$/);
    assert.match(body.requesterToken, /^rqt_[0-9a-z]{32}$/);
    assert.equal(body.status, 'identity_unverified');

    const mail = await mailFor(fixture.tenantA, body.id, 'verification_code');
    assert.equal(mail.to, 'ana.access@example.com');
    assert.match(mail.text, /Indtast denne kode/, 'in the requester\'s language');
    const verified = await verify(fixture.tenantA, body.id, body.requesterToken, codeIn(mail.text));
    assert.equal(verified.response.status, 200, JSON.stringify(verified.body));
    assert.equal(verified.body.status, 'pending');
    assert.equal(verified.body.jurisdiction, 'gdpr');
    const expected = startClock('gdpr', new Date(), clockSettingsFor('eu'));
    assert.equal(verified.body.dueOn, expected.dueOn);
    assert.deepEqual(verified.body.timeline.map((entry: { event: string }) => entry.event), ['received', 'code_sent', 'verified', 'receipt_confirmed']);
    const receipt = await mailFor(fixture.tenantA, body.id, 'request_received');
    assert.match(receipt.text, new RegExp(`${body.id}[\\s\\S]*${expected.dueOn}`));

    const again = await verify(fixture.tenantA, body.id, body.requesterToken, codeIn(mail.text));
    assert.equal(again.response.status, 409);
    assert.equal(again.body.error.code, 'REQUEST_ALREADY_VERIFIED');
  });

  test('three wrong codes lock the request, and each failure is recorded although the answer is an error', async () => {
    const { body } = await submit(fixture.tenantA, { type: 'deletion', email: 'guesser@example.com' });
    const code = codeIn((await mailFor(fixture.tenantA, body.id, 'verification_code')).text);
    const wrong = code === '000000' ? '000001' : '000000';
    const first = await verify(fixture.tenantA, body.id, body.requesterToken, wrong);
    assert.equal(first.response.status, 422);
    assert.equal(first.body.error.code, 'VERIFICATION_CODE_INCORRECT');
    assert.match(first.body.error.message, /2 tries left/);
    assert.match((await verify(fixture.tenantA, body.id, body.requesterToken, wrong)).body.error.message, /1 try left/);
    const third = await verify(fixture.tenantA, body.id, body.requesterToken, wrong);
    assert.equal(third.response.status, 409);
    assert.equal(third.body.error.code, 'REQUEST_LOCKED');
    const right = await verify(fixture.tenantA, body.id, body.requesterToken, code);
    assert.equal(right.body.error.code, 'REQUEST_LOCKED', 'the right code no longer helps');

    const status = await app.request(`/v1/rights-requests/${body.id}`, { headers: requester(fixture.tenantA, body.requesterToken) });
    const view = await status.json();
    assert.equal(view.status, 'expired_unverified');
    assert.equal(view.verificationAttemptsLeft, 0);
    assert.ok(view.timeline.some((entry: { event: string }) => entry.event === 'locked'));
    const failures = await fixture.db.owner`SELECT 1 FROM rights_request_events WHERE request_id = ${body.id} AND event = 'verification_failed'`;
    assert.equal(failures.length, 3);
  });

  test('an expired code is refused', async () => {
    const { body } = await submit(fixture.tenantA, { type: 'access', email: 'slow@example.com' });
    const code = codeIn((await mailFor(fixture.tenantA, body.id, 'verification_code')).text);
    await fixture.db.owner`UPDATE rights_requests SET code_expires_at = now() - interval '1 second' WHERE id = ${body.id}`;
    const result = await verify(fixture.tenantA, body.id, body.requesterToken, code);
    assert.equal(result.response.status, 422);
    assert.equal(result.body.error.code, 'VERIFICATION_CODE_EXPIRED');
  });

  test('the requester sees the status and can cancel once', async () => {
    const { body } = await submit(fixture.tenantA, { type: 'restriction', email: 'changed.mind@example.com' });
    const cancel = () => app.request(`/v1/rights-requests/${body.id}/cancel`, { method: 'POST', headers: requester(fixture.tenantA, body.requesterToken) });
    const cancelled = await cancel();
    assert.equal(cancelled.status, 200);
    assert.equal((await cancelled.json()).status, 'cancelled');
    const twice = await cancel();
    assert.equal(twice.status, 409);
    assert.equal((await twice.json()).error.code, 'REQUEST_CLOSED');
  });
});

describe('what a requester cannot do', () => {
  test('the same answer for a known and an unknown email (no enumeration)', async () => {
    await submit(fixture.tenantA, { type: 'access', email: 'known@example.com' });
    const shape = (value: Record<string, unknown>) => Object.keys(value).sort().join(',') + `|${value.status}`;
    const timings: Record<'known' | 'unknown', number[]> = { known: [], unknown: [] };
    const shapes = new Set<string>();
    for (let round = 0; round < 5; round += 1) {
      for (const kind of ['known', 'unknown'] as const) {
        const started = performance.now();
        const { response, body } = await submit(fixture.tenantA, { type: 'access', email: kind === 'known' ? 'known@example.com' : `new${round}@example.com` });
        timings[kind].push(performance.now() - started);
        shapes.add(`${response.status}|${shape(body)}`);
      }
    }
    assert.equal(shapes.size, 1, `answers differ: ${[...shapes].join(' / ')}`);
    const median = (values: number[]) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
    const [known, unknown] = [median(timings.known), median(timings.unknown)];
    // The same code path runs for both; the bound only catches a path that does more work.
    assert.ok(Math.abs(known - unknown) < Math.max(25, 0.5 * Math.min(known, unknown)), `known ${known.toFixed(1)} ms vs unknown ${unknown.toFixed(1)} ms`);
  });

  test('a wrong token, another tenant, or the other environment: not found', async () => {
    const { body } = await submit(fixture.tenantA, { type: 'access', email: 'private@example.com' });
    const get = (headers: Record<string, string>) => app.request(`/v1/rights-requests/${body.id}`, { headers });
    assert.equal((await get(requester(fixture.tenantA, body.requesterToken))).status, 200);
    assert.equal((await get(requester(fixture.tenantA, `rqt_${'0'.repeat(32)}`))).status, 404);
    assert.equal((await get(requester(fixture.tenantB, body.requesterToken))).status, 404);
    assert.equal((await get({ 'X-PortTask-Key': fixture.tenantA.testPublishableKey, 'X-PortTask-Requester-Token': body.requesterToken })).status, 404);
    const missing = await get(visitor(fixture.tenantA));
    assert.equal(missing.status, 422);
    const secret = await app.request(`/v1/rights-requests/${body.id}`, { headers: { Authorization: `Bearer ${fixture.tenantA.secretKey}`, 'X-PortTask-Requester-Token': body.requesterToken } });
    assert.equal(secret.status, 403);
  });

  test('rights the tenant\'s laws do not give are refused; DPDP gives grievance with the 30-day default', async () => {
    const refused = await submit(fixture.tenantA, { type: 'grievance', email: 'g@example.com' });
    assert.equal(refused.response.status, 422);
    assert.equal(refused.body.error.code, 'REQUEST_TYPE_NOT_OFFERED');
    const accepted = await submit(fixture.tenantB, { type: 'grievance', email: 'g@example.in', locale: 'hi', details: 'मेरा डेटा' });
    assert.equal(accepted.response.status, 202);
    const code = codeIn((await mailFor(fixture.tenantB, accepted.body.id, 'verification_code')).text);
    const verified = await verify(fixture.tenantB, accepted.body.id, accepted.body.requesterToken, code);
    assert.equal(verified.body.jurisdiction, 'dpdp');
    assert.equal(verified.body.dueOn, startClock('dpdp', new Date(), clockSettingsFor('in')).dueOn);
  });

  test('invalid input is a 422 naming the field', async () => {
    const { response, body } = await submit(fixture.tenantA, { type: 'access', email: 'not an email' });
    assert.equal(response.status, 422);
    assert.deepEqual(body.error.issues[0].path, ['body', 'email']);
    assert.equal((await submit(fixture.tenantA, { type: 'telepathy', email: 'a@example.com' })).response.status, 422);
  });
});

test('the database holds no plaintext of a request; its events are append-only for the app', async () => {
  const person = { email: 'plain.text@example.com', name: 'Plain Textsen', details: 'Please correct my phone number 5551234' };
  const { body } = await submit(fixture.tenantA, { type: 'correction', ...person });
  const code = codeIn((await mailFor(fixture.tenantA, body.id, 'verification_code')).text);
  assert.deepEqual(await findPlaintext(fixture.db.owner, [...Object.values(person), body.requesterToken]), []);
  assert.ok(code);
  await assert.rejects(fixture.db.sql`UPDATE rights_request_events SET event = 'completed' WHERE request_id = ${body.id}`, /permission denied/);
  await assert.rejects(fixture.db.sql`DELETE FROM rights_request_events WHERE request_id = ${body.id}`, /permission denied/);
  await assert.rejects(fixture.db.sql`UPDATE rights_requests SET email = '\\x00' WHERE id = ${body.id}`, /permission denied/);
  await assert.rejects(fixture.db.sql`DELETE FROM rights_requests WHERE id = ${body.id}`, /permission denied/);
});
