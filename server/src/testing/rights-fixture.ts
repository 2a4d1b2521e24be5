import assert from 'node:assert/strict';
import { createApp, type App } from '../app.ts';
import { createJobQueue, type JobQueue } from '../jobs/job-queue.ts';
import { setTenantLimits } from '../limits/limit-policies.ts';
import { createLogger } from '../logger.ts';
import { mailPlace } from '../mail/mail-outbox.ts';
import type { AnnounceRightsEvent } from '../rights/announcements.ts';
import { createFieldEncryption, type FieldEncryption } from '../secrets/field-encryption.ts';
import { masterKeyring } from '../secrets/master-keyring.ts';
import { createAppFixture, type AppFixture, type TestTenant } from './app-fixture.ts';

/** Two tenants (A under GDPR, B under DPDP) and the app with the rights routes, the job queue and encryption. */
export interface RightsFixture {
  fixture: AppFixture;
  app: App;
  encryption: FieldEncryption;
  jobs: JobQueue;
  /** POST /v1/rights-requests as a visitor of the tenant's site. */
  submit(tenant: TestTenant, body: Record<string, unknown>): Promise<{ response: Response; body: any }>;
  verify(tenant: TestTenant, id: string, token: string, code: string): Promise<{ response: Response; body: any }>;
  /** The newest mail of a template for a request, decrypted as its recipient reads it. */
  mailFor(tenant: TestTenant, requestId: string, template: string): Promise<{ to: string; text: string }>;
  /** A request made and verified with the code from its mail. */
  verifiedRequest(tenant: TestTenant, body: Record<string, unknown>): Promise<{ id: string; requesterToken: string }>;
  /** Calls a staff route with the tenant's secret key. */
  staff(tenant: TestTenant, path: string, init?: { method?: string; body?: unknown }): Promise<{ response: Response; body: any }>;
  close(): Promise<void>;
}

export const visitorHeaders = (tenant: TestTenant, extra: Record<string, string> = {}) =>
  ({ 'X-PortTask-Key': tenant.publishableKey, Origin: tenant.origin, 'Content-Type': 'application/json', ...extra });
export const requesterHeaders = (tenant: TestTenant, token: string) => visitorHeaders(tenant, { 'X-PortTask-Requester-Token': token });
export const codeIn = (text: string): string => /\b(\d{6})\b/.exec(text)?.[1] ?? assert.fail(`no code in ${text}`);

export async function createRightsFixture(options: { announce?: AnnounceRightsEvent } = {}): Promise<RightsFixture> {
  const fixture = await createAppFixture();
  // The app's master key wraps the data keys too, so `porttask` run with it reads the same data.
  const encryption = createFieldEncryption(masterKeyring(fixture.masterKey));
  // Tests make many requests for one address; the rights limits themselves are tested in
  // routes/rights-requests/requester-limits.test.ts, which sets its own.
  for (const tenant of [fixture.tenantA, fixture.tenantB]) {
    for (const environment of ['live', 'test'] as const) {
      await setTenantLimits(fixture.db.owner, { tenantId: tenant.tenant.id, environment }, { rightsRequestsPerIpPerHour: 1_000_000, rightsRequestsPerEmailPerDay: 1_000_000, rightsRequestsPerTenantPerHour: 1_000_000, requesterCallsPerIpPerMinute: 1_000_000 });
    }
  }
  const jobs = createJobQueue(fixture.db.sql, createLogger('silent'));
  await jobs.start();
  const app = createApp({ db: fixture.db, logger: createLogger(process.env.LOG_LEVEL ?? 'silent'), masterKey: fixture.masterKey, rights: { encryption, jobs, ...(options.announce ? { announce: options.announce } : {}) } });
  const asJson = async (response: Response) => ({ response, body: await response.json() });

  const submit: RightsFixture['submit'] = async (tenant, body) =>
    asJson(await app.request('/v1/rights-requests', { method: 'POST', headers: visitorHeaders(tenant), body: JSON.stringify(body) }));
  const verify: RightsFixture['verify'] = async (tenant, id, token, code) =>
    asJson(await app.request(`/v1/rights-requests/${id}/verify`, { method: 'POST', headers: requesterHeaders(tenant, token), body: JSON.stringify({ code }) }));
  const mailFor: RightsFixture['mailFor'] = async (tenant, requestId, template) => {
    const scope = { tenantId: tenant.tenant.id, environment: 'live' as const };
    const [mail] = await fixture.db.owner<{ id: string; subject_key_id: string; recipient: Buffer; text_body: Buffer }[]>`
      SELECT m.id, m.subject_key_id, m.recipient, m.text_body FROM mail_outbox m
      JOIN rights_requests r ON r.tenant_id = m.tenant_id AND r.environment = m.environment AND r.subject_key_id = m.subject_key_id
      WHERE r.id = ${requestId} AND m.template = ${template} ORDER BY m.created_at DESC LIMIT 1`;
    assert.ok(mail, `no ${template} mail for ${requestId}`);
    const cipher = (await encryption.openSubjects(fixture.db.sql, scope, [mail.subject_key_id])).get(mail.subject_key_id);
    assert.ok(cipher, 'the recipient was erased');
    return { to: cipher.decrypt(mail.recipient, mailPlace(mail.id, 'recipient')), text: cipher.decrypt(mail.text_body, mailPlace(mail.id, 'text_body')) };
  };
  return {
    fixture, app, encryption, jobs, submit, verify, mailFor,
    async verifiedRequest(tenant, body) {
      const created = await submit(tenant, body);
      assert.equal(created.response.status, 202, JSON.stringify(created.body));
      const verified = await verify(tenant, created.body.id, created.body.requesterToken, codeIn((await mailFor(tenant, created.body.id, 'verification_code')).text));
      assert.equal(verified.response.status, 200, JSON.stringify(verified.body));
      return { id: created.body.id, requesterToken: created.body.requesterToken };
    },
    async staff(tenant, path, init = {}) {
      return asJson(await app.request(path, {
        method: init.method ?? 'GET',
        headers: { Authorization: `Bearer ${tenant.secretKey}`, ...(init.body === undefined ? {} : { 'Content-Type': 'application/json' }) },
        ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
      }));
    },
    async close() {
      await jobs.stop();
      await fixture.close();
    },
  };
}
