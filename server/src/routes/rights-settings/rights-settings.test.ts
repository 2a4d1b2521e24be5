import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { addDays, calendarDateIn } from '../../rights/clocks/index.ts';
import { findPlaintext } from '../../testing/plaintext-scan.ts';
import { createRightsFixture, visitorHeaders, type RightsFixture } from '../../testing/rights-fixture.ts';

let rights: RightsFixture;
before(async () => { rights = await createRightsFixture(); });
after(() => rights.close());

const tenantA = () => rights.fixture.tenantA;
const tenantB = () => rights.fixture.tenantB;
const put = (secretKey: string, body: unknown) =>
  rights.app.request('/v1/rights-settings', { method: 'PUT', headers: { Authorization: `Bearer ${secretKey}`, 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
const get = (secretKey: string) => rights.app.request('/v1/rights-settings', { headers: { Authorization: `Bearer ${secretKey}` } });

describe('GET/PUT /v1/rights-settings', () => {
  test('defaults come from the region; a replacement is stored whole and read back; the privacy contact only encrypted', async () => {
    const defaults = await (await get(tenantB().secretKey)).json();
    assert.deepEqual(defaults, {
      environment: 'live', timeZone: 'Asia/Kolkata', holidayCountry: 'IN', holidayState: null, calendarFromRegion: true, dpdpResponseDays: 30,
      grievanceOfficer: null, privacyContactEmail: null, jurisdictions: ['dpdp'],
    });
    const settings = {
      timeZone: 'Asia/Kolkata', holidayCountry: 'IN', holidayState: 'MH', dpdpResponseDays: 45,
      grievanceOfficer: { name: 'Priya Raman', email: 'grievance@agency-b.example' }, privacyContactEmail: 'privacy.desk@agency-b.example',
    };
    const saved = await put(tenantB().secretKey, settings);
    assert.equal(saved.status, 200, await saved.clone().text());
    const expected = { environment: 'live', ...settings, calendarFromRegion: false, jurisdictions: ['dpdp'] };
    assert.deepEqual(await saved.json(), expected);
    assert.deepEqual(await (await get(tenantB().secretKey)).json(), expected);
    // The officer is published on every form (stored in clear); the contact is not.
    assert.deepEqual(await findPlaintext(rights.fixture.db.owner, ['privacy.desk@agency-b.example']), []);

    // A replacement: what is left out takes its default.
    const reset = await (await put(tenantB().secretKey, { dpdpResponseDays: 30 })).json();
    assert.equal(reset.calendarFromRegion, true);
    assert.equal(reset.grievanceOfficer, null);
    assert.equal(reset.privacyContactEmail, null);
  });

  test('the other environment and the other tenant keep their own (defaults)', async () => {
    assert.equal((await put(tenantA().secretKey, { timeZone: 'Europe/Copenhagen', holidayCountry: 'DK', dpdpResponseDays: 30 })).status, 200);
    const testEnvironment = await (await get(tenantA().testSecretKey)).json();
    assert.equal(testEnvironment.environment, 'test');
    assert.equal(testEnvironment.timeZone, 'Europe/Brussels');
    assert.equal((await (await get(tenantB().secretKey)).json()).timeZone, 'Asia/Kolkata');
    assert.equal((await (await get(tenantA().secretKey)).json()).holidayCountry, 'DK');
    await put(tenantA().secretKey, {});
  });

  test('an unknown time zone or holiday calendar, a state without its country, or a period past 90 days is a 422 naming the field', async () => {
    const refused = async (body: unknown, path: string[]) => {
      const response = await put(tenantA().secretKey, body);
      const answer = await response.json();
      assert.equal(response.status, 422, JSON.stringify(answer));
      assert.equal(answer.error.code, 'VALIDATION_FAILED');
      assert.deepEqual(answer.error.issues[0].path, path);
    };
    await refused({ timeZone: 'Mars/Olympus_Mons' }, ['body', 'timeZone']);
    await refused({ holidayCountry: 'ZZ' }, ['body', 'holidayCountry']);
    await refused({ holidayCountry: 'DE', holidayState: 'XX' }, ['body', 'holidayState']);
    await refused({ holidayState: 'BY' }, ['body', 'holidayState']);
    await refused({ dpdpResponseDays: 91 }, ['body', 'dpdpResponseDays']);
    await refused({ privacyContactEmail: 'not an address' }, ['body', 'privacyContactEmail']);
    await refused({ unknownSetting: true }, ['body']);
    assert.equal((await (await get(tenantA().secretKey)).json()).timeZone, 'Europe/Brussels', 'nothing half-written');
  });

  test('a publishable key may not read or change them', async () => {
    const response = await rights.app.request('/v1/rights-settings', { headers: visitorHeaders(tenantA()) });
    assert.equal(response.status, 403);
  });
});

describe('the clocks use the tenant\'s settings', () => {
  test('the DPDP period and the time zone a new request is timed by', async () => {
    await put(tenantB().secretKey, { dpdpResponseDays: 45 });
    const created = await rights.submit(tenantB(), { type: 'grievance', email: 'period@example.in' });
    const staffView = (await rights.staff(tenantB(), `/v1/rights-requests/${created.body.id}`)).body;
    assert.equal(staffView.dueOn, addDays(staffView.receivedOn, 45));

    // UTC+14: the day of receipt is already "tomorrow" for most of the world.
    await put(tenantA().secretKey, { timeZone: 'Pacific/Kiritimati' });
    const early = await rights.submit(tenantA(), { type: 'access', email: 'kiritimati@example.com' });
    const view = (await rights.staff(tenantA(), `/v1/rights-requests/${early.body.id}`)).body;
    assert.equal(view.receivedOn, calendarDateIn(new Date(view.receivedAt), 'Pacific/Kiritimati'));
    await put(tenantA().secretKey, {});
    await put(tenantB().secretKey, {});
  });
});

describe('GET /v1/config tells the request form what to offer', () => {
  test('the rights of the tenant\'s laws; under DPDP the grievance officer and the published period', async () => {
    const officer = { name: 'Priya Raman', email: 'grievance@agency-b.example' };
    await put(tenantB().secretKey, { dpdpResponseDays: 21, grievanceOfficer: officer });
    await put(tenantA().secretKey, { grievanceOfficer: { name: 'Not Shown', email: 'not.shown@agency-a.example' } });
    const config = async (tenant: ReturnType<typeof tenantA>) => (await (await rights.app.request('/v1/config', { headers: visitorHeaders(tenant) })).json()).rights;
    assert.deepEqual(await config(tenantB()), { requestTypes: ['access', 'correction', 'deletion', 'withdraw_consent', 'nomination', 'grievance'], grievanceOfficer: officer, dpdpResponseDays: 21 });
    assert.deepEqual(await config(tenantA()), {
      requestTypes: ['access', 'export', 'correction', 'deletion', 'restriction', 'objection', 'objection_to_automated_decision', 'withdraw_consent'],
      grievanceOfficer: null, dpdpResponseDays: null,
    });
    await put(tenantA().secretKey, {});
    await put(tenantB().secretKey, {});
  });
});
