import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { runCli } from '../testing/cli-process.ts';
import { createRightsFixture, type RightsFixture } from '../testing/rights-fixture.ts';

let rights: RightsFixture;
let env: NodeJS.ProcessEnv;
before(async () => {
  rights = await createRightsFixture();
  env = { DATABASE_URL: rights.fixture.db.url, PORTTASK_MASTER_KEY: rights.fixture.masterKey.toString('base64') };
});
after(() => rights.close());

const tenantA = () => rights.fixture.tenantA;
const cli = (args: string[]) => runCli(['rights', ...args, '--tenant', tenantA().tenant.id], env);

test('porttask rights list|show|approve|note|deny|complete: the API\'s rules, events and mails, recorded as the CLI user', async () => {
  const { id } = await rights.verifiedRequest(tenantA(), { type: 'correction', email: 'cli.requester@example.com', name: 'Carl Cli' });
  const listed = await cli(['list', '--status', 'pending', '--json']);
  assert.equal(listed.code, 0, listed.stderr);
  assert.ok(JSON.parse(listed.stdout).some((request: { id: string; email: string }) => request.id === id && request.email === 'cli.requester@example.com'));
  assert.match(listed.stderr, /database:/);

  const approved = await cli(['approve', id, '--json']);
  assert.equal(approved.code, 0, approved.stderr);
  const body = JSON.parse(approved.stdout);
  assert.equal(body.status, 'approved');
  assert.match(body.events.at(-1).actorId, /^cli:/);

  const noted = await cli(['note', id, '--text', 'Checked with the bookings team']);
  assert.equal(noted.code, 0, noted.stderr);
  assert.match(noted.stdout, /Noted rr_[0-9a-z]{20} \(live environment\)[\s\S]*note\s+staff cli:\S+: Checked with the bookings team/);

  const undescribed = await cli(['complete', id]);
  assert.equal(undescribed.code, 1);
  assert.match(undescribed.stderr, /needs a description/);
  const completed = await cli(['complete', id, '--description', 'Your name is corrected.']);
  assert.equal(completed.code, 0, completed.stderr);
  assert.match(completed.stdout, /Completed .*\n.*correction, completed/);
  assert.match((await rights.mailFor(tenantA(), id, 'request_completed')).text, /Your name is corrected\./);

  // The same state machine: a completed request cannot be denied; a deny needs reasons.
  const denied = await cli(['deny', id, '--reason', 'Too late']);
  assert.equal(denied.code, 1);
  assert.match(denied.stderr, /cannot become denied/);
  assert.equal((await cli(['deny', id])).code, 2);
  const shown = await cli(['show', id]);
  assert.match(shown.stdout, /from cli\.requester@example\.com \(Carl Cli\)/);

  // Another environment holds none of it.
  const inTest = await cli(['show', id, '--env', 'test']);
  assert.equal(inTest.code, 1);
  assert.match(inTest.stderr, /not found/);
});

test('porttask rights settings show|set: partial changes, the API\'s checks', async () => {
  const set = await cli(['settings', 'set', '--time-zone', 'Europe/Copenhagen', '--holiday-country', 'DK', '--dpdp-days', '60',
    '--officer-name', 'Ole Ombudsmand', '--officer-email', 'ole@agency-a.example', '--privacy-contact', 'privacy@agency-a.example', '--json']);
  assert.equal(set.code, 0, set.stderr);
  assert.deepEqual(JSON.parse(set.stdout), {
    environment: 'live', timeZone: 'Europe/Copenhagen', holidayCountry: 'DK', holidayState: null, calendarFromRegion: false, dpdpResponseDays: 60,
    grievanceOfficer: { name: 'Ole Ombudsmand', email: 'ole@agency-a.example' }, privacyContactEmail: 'privacy@agency-a.example', jurisdictions: ['gdpr'],
  });
  // Only what is named changes; "region" goes back to the default.
  const partial = await cli(['settings', 'set', '--time-zone', 'region', '--no-officer']);
  assert.equal(partial.code, 0, partial.stderr);
  assert.match(partial.stdout, /time zone:\s+Europe\/Brussels\n\s+holidays:\s+DK\n\s+DPDP period:\s+60 days\n\s+grievance officer: none\n\s+privacy contact:\s+privacy@agency-a\.example/);
  const api = await (await rights.app.request('/v1/rights-settings', { headers: { Authorization: `Bearer ${tenantA().secretKey}` } })).json();
  assert.equal(api.holidayCountry, 'DK');

  const wrong = await cli(['settings', 'set', '--time-zone', 'Nowhere/Atlantis']);
  assert.equal(wrong.code, 1);
  assert.match(wrong.stderr, /not an IANA time zone/);
  assert.equal((await cli(['settings', 'set', '--dpdp-days', '120'])).code, 2);
  const otherEnvironment = await cli(['settings', 'show', '--env', 'test']);
  assert.match(otherEnvironment.stdout, /\(test environment\)[\s\S]*Europe\/Brussels \(region default\)/);
});
