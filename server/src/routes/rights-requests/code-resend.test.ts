import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { codeIn, createRightsFixture, requesterHeaders, type RightsFixture } from '../../testing/rights-fixture.ts';

let rights: RightsFixture;
before(async () => { rights = await createRightsFixture(); });
after(() => rights.close());

const tenantA = () => rights.fixture.tenantA;
const resend = async (id: string, token: string) => {
  const response = await rights.app.request(`/v1/rights-requests/${id}/resend-code`, { method: 'POST', headers: requesterHeaders(tenantA(), token) });
  return { response, body: await response.json() };
};
const codesMailed = async (id: string) => Number((await rights.fixture.db.owner`
  SELECT count(*) AS n FROM mail_outbox m JOIN rights_requests r ON r.tenant_id = m.tenant_id AND r.environment = m.environment AND r.subject_key_id = m.subject_key_id
  WHERE r.id = ${id} AND m.template = 'verification_code'`)[0]!.n);

describe('POST /v1/rights-requests/{id}/resend-code', () => {
  test('a new code replaces the old one; the new one verifies; the timeline shows the resend', async () => {
    const created = await rights.submit(tenantA(), { type: 'access', email: 'resend.me@example.com', locale: 'da' });
    const { id, requesterToken } = created.body;
    const firstCode = codeIn((await rights.mailFor(tenantA(), id, 'verification_code')).text);
    const resent = await resend(id, requesterToken);
    assert.equal(resent.response.status, 202, JSON.stringify(resent.body));
    assert.equal(resent.body.status, 'identity_unverified');
    assert.equal(resent.body.resendsLeft, 2);
    assert.ok(Date.parse(resent.body.codeExpiresAt) > Date.now());
    assert.equal(await codesMailed(id), 2);
    const mail = await rights.mailFor(tenantA(), id, 'verification_code');
    assert.equal(mail.to, 'resend.me@example.com');
    assert.match(mail.text, /Indtast denne kode/, 'in the request\'s language');
    const secondCode = codeIn(mail.text);

    if (firstCode !== secondCode) {
      const old = await rights.verify(tenantA(), id, requesterToken, firstCode);
      assert.equal(old.response.status, 422);
      assert.equal(old.body.error.code, 'VERIFICATION_CODE_INCORRECT');
    }
    const verified = await rights.verify(tenantA(), id, requesterToken, secondCode);
    assert.equal(verified.response.status, 200, JSON.stringify(verified.body));
    assert.ok(verified.body.timeline.some((entry: { event: string }) => entry.event === 'code_resent'));

    const after = await resend(id, requesterToken);
    assert.equal(after.response.status, 409);
    assert.equal(after.body.error.code, 'REQUEST_ALREADY_VERIFIED');
  });

  test('once a minute per request (429 with Retry-After), at most 4 codes in all (409)', async () => {
    const { body: { id, requesterToken } } = await rights.submit(tenantA(), { type: 'access', email: 'resend.often@example.com' });
    assert.equal((await resend(id, requesterToken)).response.status, 202);
    const tooSoon = await resend(id, requesterToken);
    assert.equal(tooSoon.response.status, 429);
    assert.equal(tooSoon.body.error.code, 'RATE_LIMITED');
    assert.ok(Number(tooSoon.response.headers.get('Retry-After')) >= 1);
    assert.equal(await codesMailed(id), 2, 'the refused resend sent nothing');

    // Another request that was sent its first code and three more.
    const { body: sent } = await rights.submit(tenantA(), { type: 'access', email: 'resend.capped@example.com' });
    await rights.fixture.db.owner`UPDATE rights_requests SET codes_sent = 4 WHERE id = ${sent.id}`;
    const capped = await resend(sent.id, sent.requesterToken);
    assert.equal(capped.response.status, 409, JSON.stringify(capped.body));
    assert.equal(capped.body.error.code, 'CODE_RESEND_LIMIT_REACHED');
  });

  test('a wrong token, another tenant\'s key or a locked request: nothing is sent', async () => {
    const { body: { id, requesterToken } } = await rights.submit(tenantA(), { type: 'access', email: 'resend.locked@example.com' });
    const wrongToken = await resend(id, `rqt_${'0'.repeat(32)}`);
    assert.equal(wrongToken.response.status, 404);
    const otherTenant = await rights.app.request(`/v1/rights-requests/${id}/resend-code`, { method: 'POST', headers: requesterHeaders(rights.fixture.tenantB, requesterToken) });
    assert.equal(otherTenant.status, 404);
    for (let attempt = 0; attempt < 3; attempt += 1) await rights.verify(tenantA(), id, requesterToken, '000000');
    const locked = await resend(id, requesterToken);
    assert.equal(locked.response.status, 409);
    assert.equal(locked.body.error.code, 'REQUEST_LOCKED');
    assert.equal(await codesMailed(id), 1);
  });
});
