import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { createClient, ValidationError } from '@porttask/sdk';
import { codeIn, createRightsFixture, type RightsFixture } from '../../testing/rights-fixture.ts';

let rights: RightsFixture;
before(async () => { rights = await createRightsFixture(); });
after(() => rights.close());

test('the SDK makes, verifies and follows a request, and staff answer it: client.rightsRequests.*', async () => {
  const inProcess = (async (input: RequestInfo | URL, init?: RequestInit) => rights.app.request(input instanceof Request ? input : new Request(input, init))) as typeof fetch;
  const tenant = rights.fixture.tenantA;
  const visitor = createClient({ apiUrl: 'http://api.test', publishableKey: tenant.publishableKey, fetch: inProcess });
  const staff = createClient({ apiUrl: 'http://api.test', secretKey: tenant.secretKey, fetch: inProcess });

  const created = await visitor.rightsRequests.create({ type: 'export', email: 'sdk.user@example.com', locale: 'en' });
  const code = codeIn((await rights.mailFor(tenant, created.id, 'verification_code')).text);
  const verified = await visitor.rightsRequests.verify(created.id, created.requesterToken, code);
  assert.equal(verified.status, 'pending');

  const pending = await staff.rightsRequests.list({ status: 'pending', type: 'export' });
  assert.ok(pending.data.some((request) => request.id === created.id && request.email === 'sdk.user@example.com'));
  await staff.rightsRequests.approve(created.id);
  await staff.rightsRequests.addNote(created.id, 'Bundle assembled');
  await assert.rejects(staff.rightsRequests.deny(created.id, ''), ValidationError);
  const done = await staff.rightsRequests.complete(created.id);
  assert.equal(done.status, 'completed');
  assert.equal((await staff.rightsRequests.get(created.id)).events.at(-1)?.event, 'completed');

  const seen = await visitor.rightsRequests.status(created.id, created.requesterToken);
  assert.deepEqual(seen.timeline.map((entry) => entry.event), ['received', 'code_sent', 'verified', 'receipt_confirmed', 'approved', 'completed']);
  const all: string[] = [];
  for await (const request of staff.rightsRequests.list({ limit: 1 })) all.push(request.id);
  assert.ok(all.includes(created.id));
});

test('client.rightsRequests.resendCode, complete with a description, list by flag; client.rightsSettings.get/update', async () => {
  const inProcess = (async (input: RequestInfo | URL, init?: RequestInit) => rights.app.request(input instanceof Request ? input : new Request(input, init))) as typeof fetch;
  const tenant = rights.fixture.tenantB;
  const visitor = createClient({ apiUrl: 'http://api.test', publishableKey: tenant.publishableKey, fetch: inProcess });
  const staff = createClient({ apiUrl: 'http://api.test', secretKey: tenant.secretKey, fetch: inProcess });

  const settings = await staff.rightsSettings.update({ dpdpResponseDays: 20, grievanceOfficer: { name: 'Priya Raman', email: 'grievance@agency-b.example' } });
  assert.equal(settings.dpdpResponseDays, 20);
  assert.deepEqual((await staff.rightsSettings.get()).grievanceOfficer, { name: 'Priya Raman', email: 'grievance@agency-b.example' });
  await assert.rejects(staff.rightsSettings.update({ dpdpResponseDays: 0 }), ValidationError);

  const created = await visitor.rightsRequests.create({ type: 'correction', email: 'sdk.resend@example.in' });
  const resent = await visitor.rightsRequests.resendCode(created.id, created.requesterToken);
  assert.equal(resent.resendsLeft, 2);
  const code = codeIn((await rights.mailFor(tenant, created.id, 'verification_code')).text);
  await visitor.rightsRequests.verify(created.id, created.requesterToken, code);
  await staff.rightsRequests.approve(created.id);
  const done = await staff.rightsRequests.complete(created.id, { description: 'The address is corrected.' });
  assert.equal(done.events.at(-1)?.reason, 'The address is corrected.');
  const flagged = await staff.rightsRequests.list({ flag: 'overdue' });
  assert.deepEqual(flagged.data, []);
  await staff.rightsSettings.update({});
});
