import assert from 'node:assert/strict';
import { createApp, type App } from '../app.ts';
import { createLogger } from '../logger.ts';
import { readAuditRows } from '../login-audit/login-audit.queries.ts';
import { createAppFixture, type AppFixture, type TestTenant } from './app-fixture.ts';
import { startRightsMail, type RightsMail } from './rights-mail.ts';
import { startSmtpInbox, type SmtpInbox } from './smtp-inbox.ts';

/**
 * The app as `porttask serve` runs it for accounts (mail outbox, job queue, a mail worker)
 * sending to a real SMTP server in the test process; helpers for the login frame.
 */
export interface AccountMailFixture {
  fixture: AppFixture;
  app: App;
  inbox: SmtpInbox;
  mail: RightsMail;
  /** A request of the login frame (its own origin, http://localhost in-process). */
  fromFrame(tenant: TestTenant, path: string, body: unknown): Promise<Response>;
  signUp(tenant: TestTenant, email: string, password: string): Promise<void>;
  /** A token pair from the frame's sign-in; the status alone when it fails. */
  signIn(tenant: TestTenant, email: string, password: string): Promise<{ status: number; refreshToken?: string }>;
  renew(tenant: TestTenant, refreshToken: string): Promise<Response>;
  outcomes(tenant: TestTenant): Promise<string[]>;
  close(): Promise<void>;
}

export const FRAME_ORIGIN = 'http://localhost';

export async function createAccountMailFixture(): Promise<AccountMailFixture> {
  const fixture = await createAppFixture();
  const inbox = await startSmtpInbox();
  const logger = createLogger(process.env.LOG_LEVEL ?? 'silent');
  const mail = await startRightsMail(fixture.db.sql, fixture.masterKey, inbox.url, logger);
  const app = createApp({ db: fixture.db, logger, masterKey: fixture.masterKey, rights: mail.rights });
  const fromFrame: AccountMailFixture['fromFrame'] = async (tenant, path, body) => app.request(`/embed/login${path}`, {
    method: 'POST',
    headers: { Origin: FRAME_ORIGIN, 'X-PortTask-Key': tenant.publishableKey, 'X-PortTask-Parent-Origin': tenant.origin, 'Content-Type': 'application/json', 'User-Agent': 'ResetTest/1' },
    body: JSON.stringify(body),
  });
  return {
    fixture, app, inbox, mail, fromFrame,
    async signUp(tenant, email, password) {
      const response = await fromFrame(tenant, '/sign-up', { email, password, name: 'Port Agent', acceptance: { acceptedPolicyVersion: null, acceptedTermsVersion: null, locale: 'en', confirmedMinimumAge: true } });
      assert.equal(response.status, 200, await response.clone().text());
    },
    async signIn(tenant, email, password) {
      const response = await fromFrame(tenant, '/sign-in', { email, password });
      return response.status === 200 ? { status: 200, refreshToken: ((await response.json()) as { refreshToken: string }).refreshToken } : { status: response.status };
    },
    renew: async (tenant, refreshToken) => app.request('/v1/auth/token', {
      method: 'POST',
      headers: { 'X-PortTask-Key': tenant.publishableKey, Origin: tenant.origin, 'Content-Type': 'application/json' },
      body: JSON.stringify({ refreshToken }),
    }),
    outcomes: async (tenant) => (await readAuditRows(fixture.db.owner, { tenantId: tenant.tenant.id, environment: 'live' }, 0, 10_000)).map((row) => row.outcome),
    async close() {
      await mail.stop();
      await inbox.close();
      await fixture.close();
    },
  };
}

/** The set-password link in a mail's text, as a path and query for `app.request`. */
export function setPasswordLinkIn(text: string): URL {
  const match = /https?:\/\/\S+\/embed\/reset-password\?\S+/.exec(text);
  assert.ok(match, `no set-password link in: ${text}`);
  return new URL(match[0]);
}

/** Posts the set-password form as a browser would (from the page's own origin unless told otherwise). */
export async function postSetPassword(app: App, link: URL, password: string, origin: string | null = FRAME_ORIGIN): Promise<Response> {
  const form = new URLSearchParams({ tenant: link.searchParams.get('tenant')!, environment: link.searchParams.get('environment')!, token: link.searchParams.get('token')!, locale: link.searchParams.get('locale') ?? 'en', password });
  return app.request('/embed/reset-password', {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', ...(origin ? { Origin: origin } : {}) },
    body: form.toString(),
  });
}
