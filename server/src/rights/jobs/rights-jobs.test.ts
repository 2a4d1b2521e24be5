import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { mailPlace } from '../../mail/mail-outbox.ts';
import { findPlaintext } from '../../testing/plaintext-scan.ts';
import { createRightsFixture, type RightsFixture } from '../../testing/rights-fixture.ts';
import type { RightsEventAnnouncement } from '../announcements.ts';
import { addDays, calendarDateIn } from '../clocks/index.ts';
import { announceDeadlines } from './deadline-announcements.ts';
import { expireUnverifiedRequests } from './expire-unverified.ts';
import { RIGHTS_JOB_SCHEDULES, startRightsJobs } from './rights-jobs.ts';
import { createLogger } from '../../logger.ts';

let rights: RightsFixture;
before(async () => { rights = await createRightsFixture(); });
after(() => rights.close());

const tenantA = () => rights.fixture.tenantA;
const owner = () => rights.fixture.db.owner;
const scopeA = () => ({ tenantId: tenantA().tenant.id, environment: 'live' as const });
const statusOf = async (id: string) => (await owner()<{ status: string }[]>`SELECT status FROM rights_requests WHERE id = ${id}`)[0]!.status;
const eventsOf = async (id: string) => (await owner()<{ event: string }[]>`SELECT event FROM rights_request_events WHERE request_id = ${id} ORDER BY sequence`).map((row) => row.event);
const keyOf = async (id: string) => (await owner()<{ subject_key_id: string }[]>`SELECT subject_key_id FROM rights_requests WHERE id = ${id}`)[0]!.subject_key_id;
const hoursAgo = (id: string, hours: number) => owner()`UPDATE rights_requests SET received_at = now() - make_interval(hours => ${hours}) WHERE id = ${id}`;

describe('unverified requests expire after 24 hours and their personal data is shredded', () => {
  test('old unverified and locked requests are shredded, young and verified ones are not; a second run does nothing', async () => {
    const old = (await rights.submit(tenantA(), { type: 'access', email: 'never.verified@example.com', name: 'Nora Neververified', details: 'Please send everything' })).body;
    const young = (await rights.submit(tenantA(), { type: 'access', email: 'just.now@example.com' })).body;
    const locked = (await rights.submit(tenantA(), { type: 'access', email: 'locked.out@example.com' })).body;
    for (let attempt = 0; attempt < 3; attempt += 1) await rights.verify(tenantA(), locked.id, locked.requesterToken, '000000');
    const verified = await rights.verifiedRequest(tenantA(), { type: 'access', email: 'verified.long.ago@example.com' });
    for (const id of [old.id, locked.id, verified.id]) await hoursAgo(id, 25);

    const result = await expireUnverifiedRequests(rights.fixture.db.sql, rights.encryption);
    assert.deepEqual(result, { expired: 1, shredded: 2 });
    assert.equal(await statusOf(old.id), 'expired_unverified');
    assert.deepEqual((await eventsOf(old.id)).slice(-2), ['expired', 'erased']);
    assert.deepEqual((await eventsOf(locked.id)).slice(-1), ['erased']);
    assert.equal(await statusOf(young.id), 'identity_unverified');
    assert.equal(await statusOf(verified.id), 'pending');
    const ciphers = await rights.encryption.openSubjects(rights.fixture.db.sql, scopeA(), [await keyOf(old.id), await keyOf(locked.id), await keyOf(young.id)]);
    assert.equal(ciphers.get(await keyOf(old.id)), null, 'shredded');
    assert.equal(ciphers.get(await keyOf(locked.id)), null, 'shredded');
    assert.ok(ciphers.get(await keyOf(young.id)), 'kept');
    const [fields] = await owner()<{ name: Buffer | null; details: Buffer | null }[]>`SELECT name, details FROM rights_requests WHERE id = ${old.id}`;
    assert.deepEqual(fields, { name: null, details: null });
    const staff = (await rights.staff(tenantA(), `/v1/rights-requests/${old.id}`)).body;
    assert.deepEqual([staff.email, staff.name, staff.details], [null, null, null]);
    const requester = await rights.app.request(`/v1/rights-requests/${old.id}`, { headers: { 'X-PortTask-Key': tenantA().publishableKey, Origin: tenantA().origin, 'X-PortTask-Requester-Token': old.requesterToken } });
    assert.equal((await requester.json()).status, 'expired_unverified');
    const late = await rights.verify(tenantA(), old.id, old.requesterToken, '123456');
    assert.equal(late.response.status, 409);
    assert.equal(late.body.error.code, 'REQUEST_LOCKED');
    assert.match(late.body.error.message, /not verified within 24 hours/);

    assert.deepEqual(await expireUnverifiedRequests(rights.fixture.db.sql, rights.encryption), { expired: 0, shredded: 0 });
  });
});

describe('due-soon and overdue announcements', () => {
  test('flags each request once per flag and due date, mails the privacy contact one digest, and tells the announcer', async () => {
    const contact = 'privacy.officer@agency-a.example';
    const saved = await rights.app.request('/v1/rights-settings', {
      method: 'PUT', headers: { Authorization: `Bearer ${tenantA().secretKey}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ privacyContactEmail: contact }),
    });
    assert.equal(saved.status, 200);
    const today = calendarDateIn(new Date(), 'Europe/Brussels');
    const make = async (dueIn: number, email: string) => {
      const { id } = await rights.verifiedRequest(tenantA(), { type: 'access', email });
      await owner()`UPDATE rights_requests SET due_on = ${addDays(today, dueIn)} WHERE id = ${id}`;
      return id;
    };
    const inFive = await make(5, 'due.in.five@example.com');
    const inOne = await make(1, 'due.in.one@example.com');
    const late = await make(-1, 'overdue@example.com');
    const later = await make(20, 'due.later@example.com');
    const heard: RightsEventAnnouncement[] = [];
    const announce = async (_sql: unknown, _scope: unknown, announcement: RightsEventAnnouncement) => { heard.push(announcement); };

    const first = await announceDeadlines(rights.fixture.db.sql, { encryption: rights.encryption, jobs: rights.jobs, announce });
    assert.deepEqual(first, { announced: 3, mailed: 1 });
    assert.deepEqual(heard.map((entry) => [entry.request.id, entry.event, entry.flag]).sort(), [
      [inFive, 'rights_request.due_soon', 'due_within_7_days'], [inOne, 'rights_request.due_soon', 'due_within_2_days'], [late, 'rights_request.overdue', 'overdue'],
    ].sort());
    assert.deepEqual((await eventsOf(late)).slice(-1), ['overdue']);
    assert.deepEqual((await eventsOf(inFive)).slice(-1), ['due_soon']);
    assert.ok(!(await eventsOf(later)).includes('due_soon'));

    const [mail] = await owner()<{ id: string; subject_key_id: string; recipient: Buffer; text_body: Buffer }[]>`
      SELECT id, subject_key_id, recipient, text_body FROM mail_outbox WHERE template = 'deadline_reminder' AND tenant_id = ${tenantA().tenant.id}`;
    assert.ok(mail);
    const cipher = (await rights.encryption.openSubjects(rights.fixture.db.sql, scopeA(), [mail.subject_key_id])).get(mail.subject_key_id)!;
    assert.equal(cipher.decrypt(mail.recipient, mailPlace(mail.id, 'recipient')), contact);
    const text = cipher.decrypt(mail.text_body, mailPlace(mail.id, 'text_body'));
    for (const id of [inFive, inOne, late]) assert.match(text, new RegExp(id));
    assert.doesNotMatch(text, new RegExp(later));
    assert.match(text, /OVERDUE/);
    assert.doesNotMatch(text, /due\.in\.five@example\.com/, 'no requester data in the reminder');
    assert.deepEqual(await findPlaintext(owner(), [contact]), []);

    // Once each: a second run says nothing; a new due date (an extension) is announced again.
    heard.length = 0;
    assert.deepEqual(await announceDeadlines(rights.fixture.db.sql, { encryption: rights.encryption, jobs: rights.jobs, announce }), { announced: 0, mailed: 0 });
    await owner()`UPDATE rights_requests SET due_on = ${addDays(today, 6)} WHERE id = ${late}`;
    assert.deepEqual(await announceDeadlines(rights.fixture.db.sql, { encryption: rights.encryption, jobs: rights.jobs, announce }), { announced: 1, mailed: 1 });
    assert.equal(heard[0]?.flag, 'due_within_7_days');

    // The staff list filters on the flag.
    const dueSoon = (await rights.staff(tenantA(), '/v1/rights-requests?flag=due_within_2_days')).body;
    assert.deepEqual(dueSoon.data.map((request: { id: string }) => request.id), [inOne]);
    assert.equal(dueSoon.data[0].flag, 'due_within_2_days');
    const overdue = (await rights.staff(tenantA(), '/v1/rights-requests?flag=overdue')).body;
    assert.deepEqual(overdue.data, []);
    const bad = await rights.staff(tenantA(), '/v1/rights-requests?flag=soonish');
    assert.equal(bad.response.status, 422);
  });

  test('a tenant without a privacy contact is flagged and announced, without mail; another tenant\'s requests are theirs', async () => {
    const tenantB = rights.fixture.tenantB;
    const { id } = await rights.verifiedRequest(tenantB, { type: 'grievance', email: 'no.contact@example.in' });
    await owner()`UPDATE rights_requests SET due_on = ${addDays(calendarDateIn(new Date(), 'Asia/Kolkata'), -3)} WHERE id = ${id}`;
    const before = Number((await owner()`SELECT count(*) AS n FROM mail_outbox WHERE template = 'deadline_reminder'`)[0]!.n);
    const result = await announceDeadlines(rights.fixture.db.sql, { encryption: rights.encryption, jobs: rights.jobs });
    assert.deepEqual(result, { announced: 1, mailed: 0 });
    assert.equal(Number((await owner()`SELECT count(*) AS n FROM mail_outbox WHERE template = 'deadline_reminder'`)[0]!.n), before);
    const [row] = await owner()<{ tenant_id: string }[]>`SELECT tenant_id FROM rights_request_announcements WHERE request_id = ${id}`;
    assert.equal(row?.tenant_id, tenantB.tenant.id);
  });
});

describe('the jobs run on the queue, on a schedule', () => {
  test('startRightsJobs stores both schedules and works a queued run', async () => {
    const stale = (await rights.submit(tenantA(), { type: 'access', email: 'queued.expiry@example.com' })).body;
    await hoursAgo(stale.id, 30);
    await startRightsJobs({ sql: rights.fixture.db.sql, jobs: rights.jobs, encryption: rights.encryption, logger: createLogger('silent'), pollingIntervalSeconds: 0.5 });
    const schedules = await owner()<{ name: string; cron: string }[]>`SELECT name, cron FROM pgboss.schedule ORDER BY name`;
    assert.deepEqual([...schedules], [{ name: 'rights-deadlines', cron: RIGHTS_JOB_SCHEDULES.deadlines }, { name: 'rights-expiry', cron: RIGHTS_JOB_SCHEDULES.expiry }]);
    await rights.fixture.db.sql.begin((transaction) => rights.jobs.enqueue(transaction, 'rights-expiry', {}));
    const deadline = Date.now() + 20_000;
    while ((await statusOf(stale.id)) !== 'expired_unverified') {
      assert.ok(Date.now() < deadline, 'the queued expiry ran');
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  });
});
