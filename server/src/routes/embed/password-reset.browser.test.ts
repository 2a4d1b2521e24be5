import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createAccountMailFixture, setPasswordLinkIn, type AccountMailFixture } from '../../testing/account-mail-fixture.ts';
import { startFramedLogin, type FramedLogin } from '../../testing/framed-login.ts';

/*
 * The "Forgot your password?" form in real Chromium: the login frame (the API's origin) framed
 * by a page of another origin, then the mail's link opened as a mail client would. Neither
 * page may break its Content-Security-Policy.
 */
let accounts: AccountMailFixture;
let login: FramedLogin;

before(async () => {
  accounts = await createAccountMailFixture();
  login = await startFramedLogin({
    fetch: accounts.app.fetch, owner: accounts.fixture.db.owner, tenantId: accounts.fixture.tenantA.tenant.id,
    portalPage: ({ frameSrc }) => `<!doctype html><html lang="de"><title>Portal</title><iframe title="Anmeldung" style="width:30rem;height:40rem" src="${frameSrc({ locale: 'de' })}"></iframe></html>`,
  });
});
after(async () => {
  await login?.close();
  await accounts?.close();
});

describe('password reset in Chromium', () => {
  it('asks for a link in the frame, then sets the password on the script-free page; no CSP violation', async () => {
    await accounts.signUp(accounts.fixture.tenantA, 'jonas@portal-a.example', 'tugboat-lantern-quinoa-47');
    const page = await login.browser.newPage();
    const violations: string[] = [];
    page.on('console', (message) => { if (/Content.Security.Policy|Refused to/i.test(message.text())) violations.push(message.text()); });
    await page.goto(login.portalUrl);
    const frame = page.frameLocator('iframe');
    await frame.getByRole('button', { name: 'Passwort vergessen?' }).click();
    const reset = frame.getByRole('region', { name: 'Passwort zurücksetzen' });
    await reset.getByLabel('E-Mail').fill('kein-email');
    await reset.getByRole('button', { name: 'Link senden' }).click();
    await reset.getByRole('alert').filter({ hasText: 'gültige E-Mail' }).waitFor();
    await reset.getByLabel('E-Mail').fill('jonas@portal-a.example');
    await reset.getByRole('button', { name: 'Link senden' }).click();
    await frame.getByRole('status').filter({ hasText: 'Wenn ein Konto diese E-Mail verwendet' }).waitFor();

    const link = setPasswordLinkIn((await accounts.inbox.waitForMail('jonas@portal-a.example', /reset-password/)).text);
    assert.equal(link.origin, 'http://localhost:8787', 'the mail links to the API\'s public URL');
    const setPassword = await login.browser.newPage();
    setPassword.on('console', (message) => { if (/Content.Security.Policy|Refused to/i.test(message.text())) violations.push(message.text()); });
    await setPassword.goto(`${login.api.url}${link.pathname}${link.search}`);
    await setPassword.getByRole('heading', { name: 'Neues Passwort wählen' }).waitFor();
    await setPassword.getByLabel('Neues Passwort').fill('password1');
    await setPassword.getByRole('button', { name: 'Passwort speichern' }).click();
    await setPassword.getByRole('alert').filter({ hasText: 'zu verbreitet' }).waitFor();
    await setPassword.getByLabel('Neues Passwort').fill('harbour-kettle-violin-93');
    await setPassword.getByRole('button', { name: 'Passwort speichern' }).click();
    await setPassword.getByRole('status').filter({ hasText: 'Ihr neues Passwort ist gespeichert' }).waitFor();
    assert.equal((await accounts.signIn(accounts.fixture.tenantA, 'jonas@portal-a.example', 'harbour-kettle-violin-93')).status, 200);
    assert.deepEqual(violations, []);
  });
});
