import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { clockSettingsFor } from '../../rights/clock-settings.ts';
import { addDays, addMonths, calendarDateIn, startClock } from '../../rights/clocks/index.ts';
import { createRightsFixture, requesterHeaders, type RightsFixture } from '../../testing/rights-fixture.ts';

let rights: RightsFixture;
before(async () => { rights = await createRightsFixture(); });
after(() => rights.close());

const tenantA = () => rights.fixture.tenantA;
const tenantB = () => rights.fixture.tenantB;
const events = (body: { events: Array<{ event: string }> }) => body.events.map((entry) => entry.event);

describe('staff answer a request with the secret key', () => {
  test('get (decrypted), approve, note, complete: every step an event naming the key; the requester sees only theirs', async () => {
    const { id, requesterToken } = await rights.verifiedRequest(tenantA(), { type: 'access', email: 'staff.flow@example.com', name: 'Sofie Staff', details: 'All my data please', consentSubjectId: 'device_abc12345' });
    const got = await rights.staff(tenantA(), `/v1/rights-requests/${id}`);
    assert.equal(got.response.status, 200);
    assert.equal(got.body.email, 'staff.flow@example.com');
    assert.equal(got.body.name, 'Sofie Staff');
    assert.equal(got.body.details, 'All my data please');
    assert.equal(got.body.consentSubjectId, 'device_abc12345');
    assert.equal(got.body.clockSource, 'GDPR Art. 12(3)');
    assert.equal(got.body.flag, null);

    const approved = await rights.staff(tenantA(), `/v1/rights-requests/${id}/approve`, { method: 'POST' });
    assert.equal(approved.body.status, 'approved');
    const noted = await rights.staff(tenantA(), `/v1/rights-requests/${id}/notes`, { method: 'POST', body: { note: 'Checked the CRM too' } });
    const note = noted.body.events.find((entry: { event: string }) => entry.event === 'note');
    assert.deepEqual({ reason: note.reason, actor: note.actor, visible: note.visibleToRequester }, { reason: 'Checked the CRM too', actor: 'staff', visible: false });
    assert.match(note.actorId, /^key_/);
    const completed = await rights.staff(tenantA(), `/v1/rights-requests/${id}/complete`, { method: 'POST' });
    assert.equal(completed.body.status, 'completed');
    assert.ok(completed.body.closedAt);
    assert.deepEqual(events(completed.body), ['received', 'code_sent', 'verified', 'receipt_confirmed', 'approved', 'note', 'completed']);
    assert.match((await rights.mailFor(tenantA(), id, 'request_completed_export')).text, new RegExp(id));

    const seen = await (await rights.app.request(`/v1/rights-requests/${id}`, { headers: requesterHeaders(tenantA(), requesterToken) })).json();
    assert.deepEqual(seen.timeline.map((entry: { event: string }) => entry.event), ['received', 'code_sent', 'verified', 'receipt_confirmed', 'approved', 'completed'], 'no staff note');

    const again = await rights.staff(tenantA(), `/v1/rights-requests/${id}/approve`, { method: 'POST' });
    assert.equal(again.response.status, 409);
    assert.equal(again.body.error.code, 'INVALID_STATUS_TRANSITION');
  });

  test('deny needs reasons; they are mailed and shown to the requester', async () => {
    const { id, requesterToken } = await rights.verifiedRequest(tenantA(), { type: 'deletion', email: 'denied@example.com', locale: 'de' });
    const without = await rights.staff(tenantA(), `/v1/rights-requests/${id}/deny`, { method: 'POST', body: { reason: '  ' } });
    assert.equal(without.response.status, 422);
    const denied = await rights.staff(tenantA(), `/v1/rights-requests/${id}/deny`, { method: 'POST', body: { reason: 'Wir müssen die Rechnungen 10 Jahre aufbewahren.' } });
    assert.equal(denied.body.status, 'denied');
    assert.match((await rights.mailFor(tenantA(), id, 'request_denied')).text, /abgelehnt[\s\S]*Rechnungen 10 Jahre/);
    const seen = await (await rights.app.request(`/v1/rights-requests/${id}`, { headers: requesterHeaders(tenantA(), requesterToken) })).json();
    assert.equal(seen.timeline.at(-1).reason, 'Wir müssen die Rechnungen 10 Jahre aufbewahren.');
  });

  test('extend: once, with reasons, to three months under GDPR; not twice; not under DPDP', async () => {
    const { id } = await rights.verifiedRequest(tenantA(), { type: 'export', email: 'extended@example.com' });
    const clock = startClock('gdpr', new Date(), clockSettingsFor('eu'));
    const extended = await rights.staff(tenantA(), `/v1/rights-requests/${id}/extend`, { method: 'POST', body: { reason: 'Ten years of port calls to collect' } });
    assert.equal(extended.response.status, 200, JSON.stringify(extended.body));
    assert.equal(extended.body.originalDueOn, clock.dueOn);
    assert.equal(extended.body.dueOn, addMonths(clock.receivedOn, 3), 'three months from receipt');
    assert.ok(extended.body.dueOn > clock.dueOn);
    assert.match((await rights.mailFor(tenantA(), id, 'request_extended')).text, new RegExp(`Ten years of port calls[\\s\\S]*${extended.body.dueOn}`));
    const twice = await rights.staff(tenantA(), `/v1/rights-requests/${id}/extend`, { method: 'POST', body: { reason: 'Still more' } });
    assert.equal(twice.response.status, 409);
    assert.equal(twice.body.error.code, 'EXTENSION_REFUSED');
    assert.match(twice.body.error.message, /one extension/);

    const dpdp = await rights.verifiedRequest(tenantB(), { type: 'grievance', email: 'dpdp@example.in' });
    const refused = await rights.staff(tenantB(), `/v1/rights-requests/${dpdp.id}/extend`, { method: 'POST', body: { reason: 'Busy' } });
    assert.equal(refused.body.error.code, 'EXTENSION_REFUSED');
    assert.match(refused.body.error.message, /allows no extension/);
  });

  test('an extension after the first due date is refused', async () => {
    const { id } = await rights.verifiedRequest(tenantA(), { type: 'access', email: 'late@example.com' });
    const today = calendarDateIn(new Date(), clockSettingsFor('eu').timeZone);
    await rights.fixture.db.owner`UPDATE rights_requests SET due_on = ${addDays(today, -1)}, original_due_on = ${addDays(today, -1)} WHERE id = ${id}`;
    const late = await rights.staff(tenantA(), `/v1/rights-requests/${id}/extend`, { method: 'POST', body: { reason: 'Too late' } });
    assert.equal(late.body.error.code, 'EXTENSION_REFUSED');
    assert.match(late.body.error.message, /by the due date/);
  });
});

describe('the staff list', () => {
  test('filters by status, type, due date and overdue, pages with a cursor, and flags what is due soon', async () => {
    const made: string[] = [];
    for (const type of ['correction', 'objection', 'restriction']) made.push((await rights.verifiedRequest(tenantA(), { type, email: `${type}@example.com` })).id);
    const today = calendarDateIn(new Date(), clockSettingsFor('eu').timeZone);
    await rights.fixture.db.owner`UPDATE rights_requests SET due_on = ${addDays(today, -3)} WHERE id = ${made[0]!}`;
    await rights.fixture.db.owner`UPDATE rights_requests SET due_on = ${addDays(today, 2)} WHERE id = ${made[1]!}`;

    const overdue = await rights.staff(tenantA(), '/v1/rights-requests?overdue=true');
    const overdueIds = overdue.body.data.map((request: { id: string }) => request.id);
    assert.ok(overdueIds.includes(made[0]) && !overdueIds.includes(made[1]) && !overdueIds.includes(made[2]), overdueIds.join());
    assert.ok(overdue.body.data.every((request: { flag: string }) => request.flag === 'overdue'));
    const objection = await rights.staff(tenantA(), '/v1/rights-requests?type=objection');
    assert.equal(objection.body.data[0].flag, 'due_within_2_days');
    const dueSoon = await rights.staff(tenantA(), `/v1/rights-requests?due_before=${addDays(today, 5)}&status=pending`);
    const dueSoonIds = dueSoon.body.data.map((request: { id: string }) => request.id);
    assert.ok(dueSoonIds.includes(made[0]) && dueSoonIds.includes(made[1]) && !dueSoonIds.includes(made[2]), dueSoonIds.join());

    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { body: { data: Array<{ id: string }>; nextCursor: string | null } } = await rights.staff(tenantA(), `/v1/rights-requests?limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      assert.ok(page.body.data.length <= 2);
      seen.push(...page.body.data.map((request) => request.id));
      cursor = page.body.nextCursor;
    } while (cursor);
    assert.equal(new Set(seen).size, seen.length, 'no request twice');
    for (const id of made) assert.ok(seen.includes(id));
    assert.equal((await rights.staff(tenantA(), '/v1/rights-requests?cursor=nonsense')).response.status, 400);
  });

  test('another tenant sees none of it; a publishable key may not list', async () => {
    const { id } = await rights.verifiedRequest(tenantA(), { type: 'access', email: 'isolated@example.com' });
    const list = await rights.staff(tenantB(), '/v1/rights-requests?limit=500');
    assert.ok(!list.body.data.some((request: { id: string }) => request.id === id));
    for (const action of ['approve', 'complete']) {
      assert.equal((await rights.staff(tenantB(), `/v1/rights-requests/${id}/${action}`, { method: 'POST' })).response.status, 404);
    }
    const byVisitor = await rights.app.request('/v1/rights-requests', { headers: { 'X-PortTask-Key': tenantA().publishableKey } });
    assert.equal(byVisitor.status, 403);
  });
});
