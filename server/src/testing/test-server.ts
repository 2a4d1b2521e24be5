import { randomBytes } from 'node:crypto';
import { createApp } from '../app.ts';
import { createLogger } from '../logger.ts';
import { listen } from '../runtime/listen.ts';
import { freePort } from '../db/local-postgres.ts';
import { liveHubFor } from '../schedules/live-hub.ts';
import { insertTenant } from '../tenants/tenants.queries.ts';
import { insertApiKey } from '../auth/api-keys.queries.ts';
import type { DataScope } from '../tenants/data-scope.ts';
import { setTenantLimits } from '../limits/limit-policies.ts';
import { createTestDatabase, type TestDatabase } from './test-database.ts';
import { startRightsMail } from './rights-mail.ts';
import { createJobQueue } from '../jobs/job-queue.ts';
import { createFieldEncryption } from '../secrets/field-encryption.ts';
import { masterKeyring } from '../secrets/master-keyring.ts';
import { startWebhookWorker } from '../webhooks/webhook-service.ts';

export interface TestServer {
  apiUrl: string;
  publishableKey: string;
  secretKey: string;
  tenantId: string;
  /** The keys are test keys: what they write is the tenant's test environment. */
  scope: DataScope;
  db: TestDatabase;
  /** The app's PORTTASK_MASTER_KEY (the login audit's keys derive from it). */
  masterKey: Buffer;
  close(): Promise<void>;
}

/**
 * The real API on a random loopback port with its own fresh database and one seeded tenant
 * (test keys, so any localhost origin is allowed too). Used by widget and end-to-end tests.
 */
export async function startTestServer(options: {
  allowedOrigins?: string[];
  widgetsDirectory?: string;
  /** Serve the rights-request and webhook routes, mailing through this SMTP server (e.g. a testing/smtp-inbox.ts). */
  smtpUrl?: string;
  /** Serve the rights-request and webhook routes without mail. */
  withRightsAndWebhooks?: boolean;
} = {}): Promise<TestServer> {
  const db = await createTestDatabase();
  const tenant = await insertTenant(db.owner, {
    name: 'Test Port Agency',
    region: 'eu',
    jurisdictions: ['gdpr'],
    policy: { version: '2026-04-03', url: 'https://portal.example.com/privacy', lastUpdated: '2026-04-03' },
  });
  const publishable = await insertApiKey(db.owner, { tenantId: tenant.id, kind: 'publishable', environment: 'test', allowedOrigins: options.allowedOrigins ?? [] });
  const secret = await insertApiKey(db.owner, { tenantId: tenant.id, kind: 'secret', environment: 'test' });
  // Widget and end-to-end tests write far more from one address than a visitor would; the
  // limits themselves are tested in limits/rate-limits.test.ts and rights-requests/requester-limits.test.ts.
  await setTenantLimits(db.owner, { tenantId: tenant.id, environment: 'test' }, { writesPerIpPerMinute: 1_000_000, consentsPerSubjectPerDay: 1_000_000, rightsRequestsPerIpPerHour: 1_000_000, rightsRequestsPerEmailPerDay: 1_000_000, rightsRequestsPerTenantPerHour: 1_000_000, requesterCallsPerIpPerMinute: 1_000_000 });
  const masterKey = randomBytes(32);
  const logger = createLogger(process.env.LOG_LEVEL ?? 'silent');
  const mail = options.smtpUrl ? await startRightsMail(db.sql, masterKey, options.smtpUrl, logger) : undefined;
  const rights = mail?.rights ?? (options.withRightsAndWebhooks ? { encryption: createFieldEncryption(masterKeyring(masterKey)), jobs: createJobQueue(db.sql, logger) } : undefined);
  if (rights && !mail) await rights.jobs.start();
  // A worker that delivers webhooks (to loopback receivers too).
  if (rights) await startWebhookWorker({ sql: db.sql, jobs: rights.jobs, encryption: rights.encryption, logger, allowPrivateTestAddresses: true, pollingIntervalSeconds: 0.5 });
  // The port is known before the app is made: access tokens name the API's URL as their issuer.
  const port = await freePort();
  const app = createApp({
    db, logger, masterKey, publicUrl: `http://127.0.0.1:${port}`, rateLimits: { ipPerMinute: 1_000_000 },
    ...(options.widgetsDirectory ? { widgetsDirectory: options.widgetsDirectory } : {}),
    ...(rights ? { rights } : {}),
  });
  const server = await listen(app.fetch, { port, host: '127.0.0.1' });
  return {
    apiUrl: server.url,
    publishableKey: publishable.token,
    secretKey: secret.token,
    tenantId: tenant.id,
    scope: { tenantId: tenant.id, environment: 'test' },
    db,
    masterKey,
    async close() {
      liveHubFor(db.sql).endStreams(); // as a stopping server does: open live streams do not hold the close
      await server.close(1_000);
      if (mail) await mail.stop();
      else await rights?.jobs.stop();
      await db.drop();
    },
  };
}
