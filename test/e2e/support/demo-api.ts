import { randomBytes } from 'node:crypto';
import { createApp } from '../../../server/src/app.ts';
import { createClient } from '@porttask/sdk';
import { seedDemoTenant, type DemoKeys } from '../../../server/src/demo/demo-tenant.ts';
import { demoPortCalls } from '../../../server/src/demo/seed-schedules.ts';
import { createLogger } from '../../../server/src/logger.ts';
import { listen } from '../../../server/src/runtime/listen.ts';
import { createTestDatabase } from '../../../server/src/testing/test-database.ts';

export interface DemoApi {
  apiUrl: string;
  keys: DemoKeys;
  close(): Promise<void>;
}

/**
 * The real API on a random loopback port with a fresh database holding the demo tenant (its
 * consent purposes, published policy and port calls), whose publishable key allows `siteOrigin`:
 * what a partner's own app (an example, an installed package) talks to.
 */
export async function startDemoApi(siteOrigin: string): Promise<DemoApi> {
  const db = await createTestDatabase();
  const keys = await seedDemoTenant(db.owner, randomBytes(32), siteOrigin);
  const api = await listen(createApp({ db, logger: createLogger(process.env.LOG_LEVEL ?? 'silent'), masterKey: randomBytes(32) }).fetch, { port: 0, host: '127.0.0.1' });
  // The demo line-up, written as a partner's server writes it: through the SDK and the API.
  const partner = createClient({ apiUrl: api.url, secretKey: keys.secretKey });
  for (const call of demoPortCalls(new Date())) await partner.portCalls.upsert(call.reference, call.input);
  return {
    apiUrl: api.url,
    keys,
    async close() {
      await api.close(500);
      await db.drop();
    },
  };
}
