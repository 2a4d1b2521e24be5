import { createHmac } from 'node:crypto';
import type { Queryable } from '../db/connection.ts';
import { parseApiKey } from '../auth/api-keys.ts';
import { findApiKey, findTenant, insertApiKey, insertTenant } from '../tenants/tenants.queries.ts';
import { seedDemoConsentConfig } from '../consents/demo-consent-config.ts';

export const DEMO_TENANT_ID = 'ten_demo0portagency00001';

export interface DemoKeys {
  tenantId: string;
  publishableKey: string;
  secretKey: string;
}

/**
 * The demo tenant: a port agency whose (test) publishable key is bound to the demo portal's
 * origin; its consent configuration and port calls are in its test environment. Its keys are derived from the master key, so every `npm start` on the same data
 * directory prints the same keys, and another data directory gets other keys.
 */
export async function seedDemoTenant(sql: Queryable, masterKey: Buffer, portalOrigin: string): Promise<DemoKeys> {
  if (!(await findTenant(sql, DEMO_TENANT_ID))) {
    await insertTenant(sql, {
      id: DEMO_TENANT_ID,
      name: 'Maasvlakte Port Agency (demo)',
      region: 'eu',
      jurisdictions: ['gdpr', 'ccpa', 'dpdp'],
      widgets: ['consent-banner', 'consent-preferences', 'rights-request', 'request-status', 'vessel-schedule', 'login'],
      policy: { version: '2026-04-03', url: `${portalOrigin}/privacy.html`, lastUpdated: '2026-04-03' },
    });
  }
  // Everything the demo shows lives in its test environment: its keys are test keys.
  await seedDemoConsentConfig(sql, { tenantId: DEMO_TENANT_ID, environment: 'test' });
  const publishableKey = await ensureKey(sql, masterKey, 'publishable', [portalOrigin]);
  const secretKey = await ensureKey(sql, masterKey, 'secret', []);
  return { tenantId: DEMO_TENANT_ID, publishableKey, secretKey };
}

async function ensureKey(sql: Queryable, masterKey: Buffer, kind: 'publishable' | 'secret', allowedOrigins: string[]): Promise<string> {
  const secret = deriveSecret(masterKey, `demo-${kind}-key`);
  const token = `${kind === 'publishable' ? 'pk' : 'sk'}_test_${DEMO_TENANT_ID.slice(4)}${secret}`;
  const existing = await findApiKey(sql, parseApiKey(token)!);
  if (!existing.found) {
    await insertApiKey(sql, { tenantId: DEMO_TENANT_ID, kind, environment: 'test', allowedOrigins, label: 'demo', secret });
  }
  return token;
}

function deriveSecret(masterKey: Buffer, purpose: string): string {
  const digest = createHmac('sha256', masterKey).update(purpose).digest();
  return BigInt(`0x${digest.toString('hex')}`).toString(36).padStart(32, '0').slice(-32);
}
