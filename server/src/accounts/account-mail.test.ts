import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { mailPlace } from '../mail/mail-outbox.ts';
import { createRightsFixture, type RightsFixture } from '../testing/rights-fixture.ts';

/** The app with field encryption and the job queue (what `porttask serve` runs), so mail is queued. */
let rights: RightsFixture;
before(async () => { rights = await createRightsFixture(); });
after(async () => { await rights.close(); });

const ADULT = { acceptedPolicyVersion: null, acceptedTermsVersion: null, locale: 'da', confirmedMinimumAge: true };

async function verificationMail(email: string): Promise<{ to: string; text: string }> {
  const { tenantA } = rights.fixture;
  const scope = { tenantId: tenantA.tenant.id, environment: 'live' as const };
  for (let attempt = 0; attempt < 50; attempt += 1) {
    const mails = await rights.fixture.db.owner<{ id: string; subject_key_id: string; recipient: Buffer; text_body: Buffer }[]>`
      SELECT id, subject_key_id, recipient, text_body FROM mail_outbox WHERE tenant_id = ${scope.tenantId} AND template = 'account_verification'`;
    for (const mail of mails) {
      const cipher = (await rights.encryption.openSubjects(rights.fixture.db.sql, scope, [mail.subject_key_id])).get(mail.subject_key_id)!;
      const to = cipher.decrypt(mail.recipient, mailPlace(mail.id, 'recipient'));
      if (to === email) return { to, text: cipher.decrypt(mail.text_body, mailPlace(mail.id, 'text_body')) };
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`no verification mail for ${email}`);
}

describe('email verification mail', () => {
  it('a sign-up queues an encrypted, localised mail whose link confirms the address; a forged scope or token does not', async () => {
    const { tenantA, tenantB } = rights.fixture;
    const signUp = await rights.app.request('/embed/login/sign-up', {
      method: 'POST',
      headers: { Origin: 'http://localhost', 'X-PortTask-Key': tenantA.publishableKey, 'X-PortTask-Parent-Origin': tenantA.origin, 'Content-Type': 'application/json' },
      body: JSON.stringify({ email: 'mads@portal-a.example', password: 'tugboat-lantern-quinoa-47', name: 'Mads', acceptance: ADULT }),
    });
    assert.equal(signUp.status, 200, await signUp.clone().text());
    const mail = await verificationMail('mads@portal-a.example');
    assert.match(mail.text, /Åbn dette link/, 'in the language the person signed up in');
    const link = new URL(/https?:\/\/\S+\/embed\/verify-email\?\S+/.exec(mail.text)![0]);
    const [plaintext] = await rights.fixture.db.owner`SELECT count(*)::int AS n FROM mail_outbox WHERE position(convert_to('verify-email', 'UTF8') in text_body) > 0`;
    assert.equal(plaintext!.n, 0, 'the mail is stored encrypted');

    const forged = new URL(link);
    forged.searchParams.set('tenant', tenantB.tenant.id);
    assert.equal((await rights.app.request(`${forged.pathname}${forged.search}`)).status, 400, 'the token is nothing in another tenant');
    const altered = new URL(link);
    altered.searchParams.set('token', `${link.searchParams.get('token')}x`);
    assert.equal((await rights.app.request(`${altered.pathname}${altered.search}`)).status, 400);
    const verified = () => rights.fixture.db.owner`SELECT email_verified FROM auth_users WHERE email = 'mads@portal-a.example'`;
    assert.equal((await verified())[0]!.email_verified, false);

    const page = await rights.app.request(`${link.pathname}${link.search}`, { headers: { 'Accept-Language': 'da' } });
    assert.equal(page.status, 200);
    assert.match(await page.text(), /Din e-mailadresse er bekræftet/);
    assert.match(page.headers.get('content-security-policy') ?? '', /default-src 'none'/);
    assert.equal((await verified())[0]!.email_verified, true);
  });
});
