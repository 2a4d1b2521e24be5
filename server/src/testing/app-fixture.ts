import { randomBytes } from 'node:crypto';
import { createApp, type App } from '../app.ts';
import { createLogger } from '../logger.ts';
import { insertTenant, type TenantRow } from '../tenants/tenants.queries.ts';
import { insertApiKey } from '../auth/api-keys.queries.ts';
import { createTestDatabase, type TestDatabase } from './test-database.ts';

export interface TestTenant {
  tenant: TenantRow;
  /** A live publishable key bound to https://portal-a.example (or -b for the second tenant). */
  publishableKey: string;
  origin: string;
  /** The live secret key. */
  secretKey: string;
  /** A test publishable key (no origins: it works from localhost only). */
  testPublishableKey: string;
  /** The test secret key: its data is the tenant's test environment, never seen by live keys. */
  testSecretKey: string;
}

export interface AppFixture {
  app: App;
  db: TestDatabase;
  /** The app's master key: page cursors and the login audit's keys derive from it. */
  masterKey: Buffer;
  tenantA: TestTenant;
  tenantB: TestTenant;
  /** Calls the app in-process (no socket), like a request from the network would. */
  request(path: string, init?: RequestInit): Promise<Response>;
  close(): Promise<void>;
}

/** A fresh database, the real app, and two tenants to try to cross. */
export async function createAppFixture(options: { onAppQuery?: (query: string, parameters: unknown[]) => void } = {}): Promise<AppFixture> {
  const db = await createTestDatabase(options);
  const masterKey = randomBytes(32);
  const app = createApp({ db, logger: createLogger(process.env.LOG_LEVEL ?? 'silent'), masterKey });
  const makeTenant = async (letter: 'a' | 'b'): Promise<TestTenant> => {
    const origin = `https://portal-${letter}.example`;
    const tenant = await insertTenant(db.owner, { name: `Tenant ${letter.toUpperCase()}`, region: letter === 'a' ? 'eu' : 'in', jurisdictions: letter === 'a' ? ['gdpr'] : ['dpdp'] });
    const publishable = await insertApiKey(db.owner, { tenantId: tenant.id, kind: 'publishable', environment: 'live', allowedOrigins: [origin] });
    const testPublishable = await insertApiKey(db.owner, { tenantId: tenant.id, kind: 'publishable', environment: 'test' });
    const secret = await insertApiKey(db.owner, { tenantId: tenant.id, kind: 'secret', environment: 'live' });
    const testSecret = await insertApiKey(db.owner, { tenantId: tenant.id, kind: 'secret', environment: 'test' });
    return {
      tenant, origin, publishableKey: publishable.token, testPublishableKey: testPublishable.token,
      secretKey: secret.token, testSecretKey: testSecret.token,
    };
  };
  const tenantA = await makeTenant('a');
  const tenantB = await makeTenant('b');
  return {
    app,
    db,
    masterKey,
    tenantA,
    tenantB,
    request: async (path, init) => app.request(path, init),
    close: () => db.drop(),
  };
}
