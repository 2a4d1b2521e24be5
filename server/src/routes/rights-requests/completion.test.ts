import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createLogger } from '../../logger.ts';
import { startMailWorker } from '../../mail/mail-service.ts';
import { createMailTransport, type MailTransport } from '../../mail/mail-transport.ts';
import type { RightsEventAnnouncement } from '../../rights/announcements.ts';
import { createFieldEncryption } from '../../secrets/field-encryption.ts';
import { masterKeyring } from '../../secrets/master-keyring.ts';
import { findPlaintext } from '../../testing/plaintext-scan.ts';
import { createRightsFixture, visitorHeaders, type RightsFixture } from '../../testing/rights-fixture.ts';
import { startSmtp, waitFor, type TestSmtpServer } from '../../testing/smtp-server.ts';

const heard: RightsEventAnnouncement[] = [];
let rights: RightsFixture;
let smtp: TestSmtpServer;
let transport: MailTransport;
before(async () => {
  rights = await createRightsFixture({ announce: async (_sql, _scope, announcement) => { heard.push(announcement); } });
  smtp = await startSmtp();
  transport = createMailTransport({ SMTP_URL: smtp.url, NODE_ENV: 'test' });
  await startMailWorker({ sql: rights.fixture.db.sql, jobs: rights.jobs, encryption: rights.encryption, transport, logger: createLogger('silent'), pollingIntervalSeconds: 0.5 });
  await rights.fixture.db.owner`UPDATE tenants SET policy_version = 'v1', policy_url = 'https://portal-a.example/privacy', policy_last_updated = '2026-01-15'`;
});
after(async () => {
  await rights.close();
  transport.close();
  await smtp.close();
});

const tenantA = () => rights.fixture.tenantA;
const owner = () => rights.fixture.db.owner;
const scopeA = () => ({ tenantId: tenantA().tenant.id, environment: 'live' as const });
const events = (body: { events: Array<{ event: string }> }) => body.events.map((entry) => entry.event);
const mailTo = (address: string, pattern: RegExp) => waitFor(() => smtp.received.find((mail) => mail.to.includes(address) && pattern.test(mail.raw)), `a mail to ${address}`);
const decodedText = (raw: string) => raw.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_match, hex: string) => `%${hex}`);

describe('completing a deletion request erases the requester', () => {
  test('their key is shredded, the rest deleted or unlinked, earlier closed requests too; the last mail says what was kept and why', async () => {
    const email = 'erase.me@example.de';
    const name = 'Erika Löschmann';
    const details = 'Bitte alles über mich löschen, Kundennummer 4711';
    const device = 'device_erase_0001';
    const consent = await rights.app.request('/v1/consents', {
      method: 'POST', headers: visitorHeaders(tenantA()),
      body: JSON.stringify({ subjectId: device, choices: { analytics: true }, policyVersion: 'v1', bannerTextHash: 'a'.repeat(64), locale: 'de', source: 'api', gpc: false }),
    });
    assert.equal(consent.status, 201, await consent.clone().text());

    const earlier = await rights.verifiedRequest(tenantA(), { type: 'access', email, name, locale: 'de' });
    await rights.staff(tenantA(), `/v1/rights-requests/${earlier.id}/deny`, { method: 'POST', body: { reason: `Wir brauchen mehr Angaben, ${name}.` } });
    const stillOpen = await rights.verifiedRequest(tenantA(), { type: 'correction', email, details: 'Adresse ändern' });
    const deletion = await rights.verifiedRequest(tenantA(), { type: 'deletion', email, name, details, locale: 'de', consentSubjectId: device });
    await rights.staff(tenantA(), `/v1/rights-requests/${deletion.id}/approve`, { method: 'POST' });
    await rights.staff(tenantA(), `/v1/rights-requests/${deletion.id}/notes`, { method: 'POST', body: { note: `Rückruf bei ${name} erledigt` } });

    const completed = await rights.staff(tenantA(), `/v1/rights-requests/${deletion.id}/complete`, { method: 'POST' });
    assert.equal(completed.response.status, 200, JSON.stringify(completed.body));
    assert.equal(completed.body.status, 'completed');
    assert.deepEqual([completed.body.email, completed.body.name, completed.body.details, completed.body.consentSubjectId], [null, null, null, null]);
    assert.deepEqual(events(completed.body).slice(-2), ['completed', 'erased']);
    assert.equal(completed.body.events.find((entry: { event: string }) => entry.event === 'note').reason, undefined, 'the note was about them: unreadable now');
    assert.deepEqual(heard.filter((entry) => entry.request.id === deletion.id).map((entry) => [entry.event, entry.request.type, entry.request.status]), [['rights_request.approved', 'deletion', 'approved'], ['rights_request.completed', 'deletion', 'completed']]);

    // The last mail, in German, through a real SMTP server: what was kept and why.
    const farewell = decodeURIComponent(decodedText((await mailTo(email, /Art\. 7/)).raw));
    assert.match(farewell, /personenbezogenen Daten gelöscht/);
    assert.match(farewell, /DSGVO Art\. 7 Abs\. 1/);
    assert.match(farewell, /Art\. 5 Abs\. 2/);
    // …after which its own key is destroyed too.
    await waitFor(async () => ((await owner()`
      SELECT 1 FROM mail_outbox m JOIN subject_keys k ON k.tenant_id = m.tenant_id AND k.environment = m.environment AND k.id = m.subject_key_id
      WHERE m.template = 'request_erased' AND m.sent_at IS NOT NULL AND k.wrapped_key IS NULL`).length ? true : undefined), 'the farewell mail\'s key to be shredded');

    // The shredded records no longer decrypt, with any key the API holds.
    const [stored] = await owner()<{ subject_key_id: string; consent_subject_id: string | null; name: Buffer | null; details: Buffer | null }[]>`
      SELECT subject_key_id, consent_subject_id, name, details FROM rights_requests WHERE id = ${deletion.id}`;
    assert.deepEqual([stored!.consent_subject_id, stored!.name, stored!.details], [null, null, null]);
    const freshProcess = createFieldEncryption(masterKeyring(rights.fixture.masterKey));
    assert.equal((await freshProcess.openSubjects(rights.fixture.db.sql, scopeA(), [stored!.subject_key_id])).get(stored!.subject_key_id), null);
    const [key] = await owner()<{ wrapped_key: Buffer | null; shredded_at: Date | null }[]>`SELECT wrapped_key, shredded_at FROM subject_keys WHERE id = ${stored!.subject_key_id}`;
    assert.equal(key?.wrapped_key, null);
    assert.ok(key?.shredded_at);
    // Nothing links the email any more: its blind index matches no request.
    const index = await rights.encryption.emailIndex(rights.fixture.db.sql, scopeA(), email);
    const linked = await owner()<{ id: string }[]>`SELECT id FROM rights_requests WHERE email_index = ${index}`;
    assert.deepEqual(linked.map((row) => row.id), [stillOpen.id], 'only the request still being answered');

    // The earlier, closed request is erased with it; the open one is not.
    assert.deepEqual([(await rights.staff(tenantA(), `/v1/rights-requests/${earlier.id}`)).body.email], [null]);
    assert.equal((await rights.staff(tenantA(), `/v1/rights-requests/${stillOpen.id}`)).body.email, email);

    // Kept: the consent proof, unlinked (it never held the name or email).
    const [proof] = await owner()<{ count: string }[]>`SELECT count(*) AS count FROM consent_records WHERE subject_id = ${device}`;
    assert.equal(Number(proof!.count), 1);
    // What a dump shows: no name or details anywhere (the email only in the open request, encrypted).
    assert.deepEqual(await findPlaintext(owner(), [email, name, details, 'Kundennummer 4711', 'Rückruf']), []);
  });
});

describe('completing a correction, restriction or objection records what was done', () => {
  test('a description is required, recorded, mailed and announced', async () => {
    const { id, requesterToken } = await rights.verifiedRequest(tenantA(), { type: 'correction', email: 'correct.me@example.com', details: 'My surname is Sørensen' });
    await rights.staff(tenantA(), `/v1/rights-requests/${id}/approve`, { method: 'POST' });
    const without = await rights.staff(tenantA(), `/v1/rights-requests/${id}/complete`, { method: 'POST' });
    assert.equal(without.response.status, 422);
    assert.deepEqual(without.body.error.issues[0].path, ['body', 'description']);
    assert.equal((await rights.staff(tenantA(), `/v1/rights-requests/${id}`)).body.status, 'approved', 'nothing half-written');

    const description = 'Your surname is corrected to Sørensen in our booking system and in the crew lists.';
    const done = await rights.staff(tenantA(), `/v1/rights-requests/${id}/complete`, { method: 'POST', body: { description } });
    assert.equal(done.response.status, 200, JSON.stringify(done.body));
    const completedEvent = done.body.events.find((entry: { event: string }) => entry.event === 'completed');
    assert.deepEqual([completedEvent.reason, completedEvent.visibleToRequester], [description, true]);
    assert.match((await rights.mailFor(tenantA(), id, 'request_completed')).text, /corrected to Sørensen/);
    const seen = await (await rights.app.request(`/v1/rights-requests/${id}`, { headers: { ...visitorHeaders(tenantA()), 'X-PortTask-Requester-Token': requesterToken } })).json();
    assert.equal(seen.timeline.at(-1).reason, description);
    assert.ok(heard.some((entry) => entry.request.id === id && entry.event === 'rights_request.completed' && entry.request.type === 'correction'));
    assert.equal(done.body.email, 'correct.me@example.com', 'a correction erases nothing');
  });

  test('an access request completes without a description, as before', async () => {
    const { id } = await rights.verifiedRequest(tenantA(), { type: 'access', email: 'plain.access@example.com' });
    await rights.staff(tenantA(), `/v1/rights-requests/${id}/approve`, { method: 'POST' });
    assert.equal((await rights.staff(tenantA(), `/v1/rights-requests/${id}/complete`, { method: 'POST' })).body.status, 'completed');
  });
});
