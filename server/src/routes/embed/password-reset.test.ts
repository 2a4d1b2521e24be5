import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { setPasswordIdentifier } from '../../accounts/set-password-tokens.ts';
import { listen, type Listening } from '../../runtime/listen.ts';
import { createAccountMailFixture, postSetPassword, setPasswordLinkIn, type AccountMailFixture } from '../../testing/account-mail-fixture.ts';
import { assertRateLimited } from '../../testing/rate-limited.ts';
import { waitFor } from '../../testing/wait-for.ts';
import { RESET_LIMITS } from './password-reset.ts';

let accounts: AccountMailFixture;
before(async () => { accounts = await createAccountMailFixture(); });
after(async () => { await accounts.close(); });

const OLD_PASSWORD = 'tugboat-lantern-quinoa-47';
const NEW_PASSWORD = 'harbour-kettle-violin-93';
const requestReset = (tenant = accounts.fixture.tenantA, email: string, locale = 'da') => accounts.fromFrame(tenant, '/request-password-reset', { email, locale });

describe('password reset (login frame → mail → set-password page)', () => {
  it('answers an unknown email exactly as a known one, mails only the account, and audits both', async () => {
    const { tenantA } = accounts.fixture;
    await accounts.signUp(tenantA, 'mads@portal-a.example', OLD_PASSWORD);
    const known = await requestReset(tenantA, 'Mads@portal-a.example');
    const unknown = await requestReset(tenantA, 'nobody@portal-a.example');
    assert.equal(known.status, 202);
    assert.equal(unknown.status, known.status);
    assert.deepEqual(await unknown.json(), await known.json());
    assert.deepEqual([...unknown.headers].filter(([name]) => name !== 'x-request-id'), [...known.headers].filter(([name]) => name !== 'x-request-id'));
    const mail = await accounts.inbox.waitForMail('mads@portal-a.example', /reset-password/);
    assert.match(mail.subject, /Vælg en ny adgangskode/, 'in the language of the frame');
    assert.match(mail.html, /<a |reset-password/, 'an HTML part too');
    const audited = await waitFor(async () => {
      const outcomes = await accounts.outcomes(tenantA);
      return outcomes.filter((outcome) => outcome === 'reset_requested').length === 2 ? outcomes : undefined;
    }, 'both requests audited');
    assert.ok(audited);
    assert.equal(accounts.inbox.received.filter((received) => received.to.includes('nobody@portal-a.example')).length, 0);
    const link = setPasswordLinkIn(mail.text);
    const [stored] = await accounts.fixture.db.owner<{ identifier: string }[]>`SELECT identifier FROM auth_verifications WHERE value = (SELECT id FROM auth_users WHERE email = 'mads@portal-a.example')`;
    assert.equal(stored!.identifier, setPasswordIdentifier(link.searchParams.get('token')!), 'only a hash of the token is stored');
  });

  it('sets the new password once, ends every session and refresh token, and is audited; another tenant cannot use the link', async () => {
    const { tenantA, tenantB } = accounts.fixture;
    await accounts.signUp(tenantB, 'mads@portal-a.example', OLD_PASSWORD); // the same email, another tenant
    const signedIn = await accounts.signIn(tenantA, 'mads@portal-a.example', OLD_PASSWORD);
    assert.equal(signedIn.status, 200);
    const link = setPasswordLinkIn((await accounts.inbox.waitForMail('mads@portal-a.example', /reset-password/)).text);

    const inB = new URL(link);
    inB.searchParams.set('tenant', tenantB.tenant.id);
    assert.equal((await accounts.app.request(`${inB.pathname}${inB.search}`)).status, 400, 'a token of tenant A is nothing in tenant B');
    assert.equal((await postSetPassword(accounts.app, inB, NEW_PASSWORD)).status, 400);

    const page = await accounts.app.request(`${link.pathname}${link.search}`);
    assert.equal(page.status, 200);
    const csp = page.headers.get('content-security-policy') ?? '';
    assert.match(csp, /default-src 'none'/);
    assert.doesNotMatch(csp, /script-src/);
    assert.match(csp, /frame-ancestors 'none'/);
    const html = await page.text();
    assert.doesNotMatch(html, /<script/, 'no script at all');
    assert.match(html, /<html lang="da">/);
    assert.match(html, /<label for="new-password">Ny adgangskode<\/label>/);

    assert.equal((await postSetPassword(accounts.app, link, NEW_PASSWORD, 'https://evil.example')).status, 400, 'only a form of the API origin');
    const weak = await postSetPassword(accounts.app, link, 'password1');
    assert.equal(weak.status, 422);
    assert.match(await weak.text(), /aria-invalid="true"[\s\S]*role="alert">Denne adgangskode er for almindelig/);

    const saved = await postSetPassword(accounts.app, link, NEW_PASSWORD);
    assert.equal(saved.status, 200, await saved.clone().text());
    assert.match(await saved.text(), /Din nye adgangskode er gemt/);
    assert.equal((await accounts.renew(tenantA, signedIn.refreshToken!)).status, 401, 'the refresh token ended');
    const [sessions] = await accounts.fixture.db.owner`SELECT count(*)::int AS n FROM auth_sessions s JOIN auth_users u USING (tenant_id, environment) WHERE s.user_id = u.id AND u.email = 'mads@portal-a.example' AND u.tenant_id = ${tenantA.tenant.id}`;
    assert.equal(sessions!.n, 0, 'the sessions ended');
    assert.equal((await accounts.signIn(tenantA, 'mads@portal-a.example', OLD_PASSWORD)).status, 401);
    assert.equal((await accounts.signIn(tenantA, 'mads@portal-a.example', NEW_PASSWORD)).status, 200);
    assert.equal((await accounts.signIn(tenantB, 'mads@portal-a.example', OLD_PASSWORD)).status, 200, 'tenant B\'s account is untouched');
    assert.ok((await accounts.outcomes(tenantA)).includes('reset'));
    const [verified] = await accounts.fixture.db.owner`SELECT email_verified FROM auth_users WHERE tenant_id = ${tenantA.tenant.id} AND email = 'mads@portal-a.example'`;
    assert.equal(verified!.email_verified, true, 'the link reached the mailbox');

    assert.equal((await postSetPassword(accounts.app, link, 'another-quiet-harbour-51')).status, 400, 'single use');
    assert.equal((await accounts.app.request(`${link.pathname}${link.search}`)).status, 400);
  });

  it('refuses an expired link, and reset requests beyond the limit per email', async () => {
    const { tenantA } = accounts.fixture;
    await accounts.signUp(tenantA, 'ida@portal-a.example', OLD_PASSWORD);
    assert.equal((await requestReset(tenantA, 'ida@portal-a.example', 'de')).status, 202);
    const mail = await accounts.inbox.waitForMail('ida@portal-a.example', /reset-password/);
    assert.match(mail.text, /60 Minuten/);
    const link = setPasswordLinkIn(mail.text);
    await accounts.fixture.db.owner`UPDATE auth_verifications SET expires_at = now() - interval '1 second' WHERE identifier = ${setPasswordIdentifier(link.searchParams.get('token')!)}`;
    assert.equal((await accounts.app.request(`${link.pathname}${link.search}`)).status, 400);
    assert.equal((await postSetPassword(accounts.app, link, NEW_PASSWORD)).status, 400);

    for (let n = 2; n <= RESET_LIMITS.perEmailPerHour; n += 1) assert.equal((await requestReset(tenantA, 'limit@portal-a.example')).status, 202);
    assert.equal((await requestReset(tenantA, 'limit@portal-a.example')).status, 202, `${RESET_LIMITS.perEmailPerHour} allowed`);
    // The frame reads its own origin's answers: no CORS exposure needed (what `preflight` skips).
    await assertRateLimited(await requestReset(tenantA, 'LIMIT@portal-a.example'), 'reset-email', { preflight: true });
  });

  it('refuses requests from anywhere but the frame, and better-auth\'s own reset endpoints', async () => {
    const { tenantA } = accounts.fixture;
    const fromPage = await accounts.app.request('/embed/login/request-password-reset', {
      method: 'POST',
      headers: { Origin: tenantA.origin, 'X-PortTask-Key': tenantA.publishableKey, 'X-PortTask-Parent-Origin': tenantA.origin, 'Content-Type': 'application/json' },
      body: JSON.stringify({ email: 'mads@portal-a.example' }),
    });
    assert.equal(fromPage.status, 403);
    assert.equal((await requestReset(tenantA, 'not an email')).status, 422);
    for (const path of ['/api/auth/request-password-reset', '/api/auth/reset-password']) {
      const response = await accounts.app.request(path, {
        method: 'POST',
        headers: { Origin: tenantA.origin, 'X-PortTask-Key': tenantA.publishableKey, 'Content-Type': 'application/json' },
        body: JSON.stringify({ email: 'mads@portal-a.example', newPassword: NEW_PASSWORD, token: 'x' }),
      });
      assert.equal(response.status, 404, path);
    }
  });

  it('limits the requests of one IP address (over a real socket)', async () => {
    const server: Listening = await listen(accounts.app.fetch, { port: 0, host: '127.0.0.1' });
    try {
      const { tenantB } = accounts.fixture;
      const post = (n: number) => fetch(`${server.url}/embed/login/request-password-reset`, {
        method: 'POST',
        headers: { Origin: server.url, 'X-PortTask-Key': tenantB.publishableKey, 'X-PortTask-Parent-Origin': tenantB.origin, 'Content-Type': 'application/json' },
        body: JSON.stringify({ email: `visitor${n}@portal-b.example` }),
      });
      for (let n = 1; n <= RESET_LIMITS.perIpPerHour; n += 1) assert.equal((await post(n)).status, 202, `request ${n}`);
      await assertRateLimited(await post(0), 'reset-ip', { preflight: true }); // same-origin: no CORS exposure
    } finally {
      await server.close(1_000);
    }
  });
});
