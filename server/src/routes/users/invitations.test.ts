import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { decodeJwt } from 'jose';
import { ConflictError, createClient, NotFoundError, PermissionDeniedError } from '@porttask/sdk';
import { setPasswordIdentifier } from '../../accounts/set-password-tokens.ts';
import { listen, type Listening } from '../../runtime/listen.ts';
import { createAccountMailFixture, postSetPassword, setPasswordLinkIn, type AccountMailFixture } from '../../testing/account-mail-fixture.ts';
import { runCli } from '../../testing/cli-process.ts';
import type { TestTenant } from '../../testing/app-fixture.ts';

let accounts: AccountMailFixture;
let server: Listening;
before(async () => {
  accounts = await createAccountMailFixture();
  server = await listen(accounts.app.fetch, { port: 0, host: '127.0.0.1' });
});
after(async () => {
  await server.close(1_000);
  await accounts.close();
});

const PASSWORD = 'tugboat-lantern-quinoa-47';
const partner = (tenant: TestTenant) => createClient({ apiUrl: server.url, secretKey: tenant.secretKey });
const invitationLink = async (email: string, after = 0) => setPasswordLinkIn((await accounts.inbox.waitForMail(email, /reset-password/, { after })).text);
const open = (link: URL) => accounts.app.request(`${link.pathname}${link.search}`);

describe('staff invitations (POST/GET /v1/users/invitations, POST …/{id}/revoke, client.users, porttask users invite)', () => {
  it('invite → mail at a real SMTP server → set a password → sign in with the role', async () => {
    const { tenantA } = accounts.fixture;
    const invitation = await partner(tenantA).users.invite({ email: 'Harbour@portal-a.example', role: 'privacy_officer', name: 'Ana Harbour', locale: 'da' });
    assert.equal(invitation.status, 'pending');
    assert.equal(invitation.email, 'harbour@portal-a.example');
    assert.deepEqual((await partner(tenantA).users.invitations()).data.map((pending) => pending.id), [invitation.id]);
    assert.equal((await accounts.signIn(tenantA, 'harbour@portal-a.example', PASSWORD)).status, 401, 'no password yet: nobody can sign in');

    const mail = await accounts.inbox.waitForMail('harbour@portal-a.example', /reset-password/);
    assert.match(mail.subject, /Du er inviteret til Tenant A/);
    assert.match(mail.text, /7 dage/);
    const link = setPasswordLinkIn(mail.text);
    const page = await open(link);
    assert.equal(page.status, 200);
    assert.match(await page.text(), /Tag imod din invitation[\s\S]*databeskyttelsesansvarlig/);

    const accepted = await postSetPassword(accounts.app, link, PASSWORD);
    assert.equal(accepted.status, 200, await accepted.clone().text());
    assert.match(await accepted.text(), /invitationen er modtaget/);
    const signedIn = await accounts.fromFrame(tenantA, '/sign-in', { email: 'harbour@portal-a.example', password: PASSWORD });
    assert.equal(signedIn.status, 200);
    const claims = decodeJwt(((await signedIn.json()) as { accessToken: string }).accessToken);
    assert.equal(claims.role, 'privacy_officer', 'the role comes with the accepted invitation');
    assert.equal(claims.email_verified, true);
    assert.deepEqual((await partner(tenantA).users.invitations()).data, [], 'accepted: no longer pending');
    assert.equal((await postSetPassword(accounts.app, link, 'another-quiet-harbour-51')).status, 400, 'used once');
    const outcomes = await accounts.outcomes(tenantA);
    assert.ok(outcomes.includes('invited') && outcomes.includes('invitation_accepted'), outcomes.join());
    await assert.rejects(partner(tenantA).users.revokeInvitation(invitation.id), ConflictError);
  });

  it('refuses an expired, a revoked and a replaced invitation; another tenant\'s id is 404', async () => {
    const { tenantA, tenantB } = accounts.fixture;
    const seen = accounts.inbox.received.length;
    const expiring = await partner(tenantA).users.invite({ email: 'late@portal-a.example', role: 'operator' });
    const expiringLink = await invitationLink('late@portal-a.example', seen);
    await accounts.fixture.db.owner`UPDATE auth_verifications SET expires_at = now() - interval '1 second' WHERE identifier = ${setPasswordIdentifier(expiringLink.searchParams.get('token')!)}`;
    await accounts.fixture.db.owner`UPDATE account_invitations SET expires_at = now() - interval '1 second' WHERE id = ${expiring.id}`;
    assert.equal((await open(expiringLink)).status, 400);
    assert.equal((await postSetPassword(accounts.app, expiringLink, PASSWORD)).status, 400);
    assert.ok(!(await partner(tenantA).users.invitations()).data.some((pending) => pending.id === expiring.id), 'expired: not pending');

    const withdrawn = await partner(tenantA).users.invite({ email: 'withdrawn@portal-a.example', role: 'admin' });
    const withdrawnLink = await invitationLink('withdrawn@portal-a.example', seen);
    await assert.rejects(partner(tenantB).users.revokeInvitation(withdrawn.id), NotFoundError, 'tenant B cannot see A\'s invitation');
    assert.equal((await partner(tenantA).users.revokeInvitation(withdrawn.id)).status, 'revoked');
    assert.equal((await partner(tenantA).users.revokeInvitation(withdrawn.id)).status, 'revoked', 'idempotent');
    assert.equal((await open(withdrawnLink)).status, 400);
    assert.equal((await postSetPassword(accounts.app, withdrawnLink, PASSWORD)).status, 400);
    assert.ok((await accounts.outcomes(tenantA)).includes('invitation_revoked'));

    await partner(tenantA).users.invite({ email: 'twice@portal-a.example', role: 'operator' });
    const first = await invitationLink('twice@portal-a.example', seen);
    const again = accounts.inbox.received.length;
    await partner(tenantA).users.invite({ email: 'twice@portal-a.example', role: 'admin' });
    const second = await invitationLink('twice@portal-a.example', again);
    assert.equal((await open(first)).status, 400, 'the replaced invitation\'s link stopped working');
    assert.equal((await postSetPassword(accounts.app, second, PASSWORD)).status, 200);
    const users = (await partner(tenantA).users.list()).data;
    assert.equal(users.find((user) => user.email === 'twice@portal-a.example')?.role, 'admin');
    await assert.rejects(async () => await createClient({ apiUrl: server.url, publishableKey: tenantA.publishableKey }).users.invitations(), PermissionDeniedError);
  });

  it('reuses a member\'s account, refuses staff and disabled accounts with 409', async () => {
    const { tenantA } = accounts.fixture;
    await accounts.signUp(tenantA, 'crew@portal-a.example', PASSWORD);
    const member = (await partner(tenantA).users.list()).data.find((user) => user.email === 'crew@portal-a.example')!;
    const seen = accounts.inbox.received.length;
    const invitation = await partner(tenantA).users.invite({ email: 'crew@portal-a.example', role: 'operator', name: 'Ignored' });
    assert.equal(invitation.userId, member.id, 'the same account');
    assert.equal((await partner(tenantA).users.list()).data.find((user) => user.id === member.id)?.role, 'member', 'the role waits for the acceptance');
    assert.equal((await postSetPassword(accounts.app, await invitationLink('crew@portal-a.example', seen), 'fresh-anchor-meadow-88')).status, 200);
    assert.equal((await partner(tenantA).users.list()).data.find((user) => user.id === member.id)?.role, 'operator');
    await assert.rejects(partner(tenantA).users.invite({ email: 'crew@portal-a.example', role: 'admin' }), ConflictError, 'staff already');
    await accounts.signUp(tenantA, 'gone@portal-a.example', PASSWORD);
    const gone = (await partner(tenantA).users.list()).data.find((user) => user.email === 'gone@portal-a.example')!;
    await partner(tenantA).users.disable(gone.id);
    await assert.rejects(partner(tenantA).users.invite({ email: 'gone@portal-a.example', role: 'operator' }), ConflictError, 'disabled');
  });

  it('porttask users invite mails the invitation from the command line', async () => {
    const { tenantB } = accounts.fixture;
    const env = { DATABASE_URL: accounts.fixture.db.url, PORTTASK_MASTER_KEY: accounts.fixture.masterKey.toString('base64') };
    const invited = await runCli(['users', 'invite', '--tenant', tenantB.tenant.id, '--email', 'deck@portal-b.example', '--role', 'admin', '--locale', 'hi', '--json'], env);
    assert.equal(invited.code, 0, invited.stderr);
    assert.equal(JSON.parse(invited.stdout).status, 'pending');
    const mail = await accounts.inbox.waitForMail('deck@portal-b.example', /reset-password/);
    assert.match(mail.subject, /आमंत्रित/);
    assert.equal((await runCli(['users', 'invite', '--tenant', tenantB.tenant.id, '--email', 'deck@portal-b.example', '--role', 'member'], env)).code, 2, 'member is not a staff role');
    assert.deepEqual((await partner(tenantB).users.invitations()).data.map((pending) => pending.email), ['deck@portal-b.example']);
  });
});
