import { createHmac } from 'node:crypto';
import type { Sql } from '../db/connection.ts';
import { newWebhookEndpointId } from '../ids.ts';
import type { FieldEncryption } from '../secrets/field-encryption.ts';
import type { DataScope } from '../tenants/data-scope.ts';
import { insertEndpoint } from '../webhooks/webhook-endpoints.queries.ts';
import { sealSigningSecret } from '../webhooks/webhook-secrets.ts';
import { DEMO_TENANT_ID } from './demo-tenant.ts';

const DEMO_ENDPOINT_DESCRIPTION = 'Demo receiver (npm start)';

/** Derived from the master key, like the demo keys: the same on every start with the same data directory. */
export function demoWebhookSecret(masterKey: Buffer): string {
  return `whsec_${createHmac('sha256', masterKey).update('demo-webhook-secret').digest().subarray(0, 24).toString('base64')}`;
}

/**
 * The demo tenant's test environment gets one endpoint pointing at the demo receiver, for
 * every event. A demo endpoint left from a start on another port is replaced, so no delivery
 * keeps retrying against a port nothing listens on.
 */
export async function seedDemoWebhookEndpoint(owner: Sql, encryption: FieldEncryption, secret: string, receiverUrl: string): Promise<void> {
  const scope: DataScope = { tenantId: DEMO_TENANT_ID, environment: 'test' };
  await owner.begin(async (transaction) => {
    await transaction`
      DELETE FROM webhook_endpoints
      WHERE tenant_id = ${scope.tenantId} AND environment = ${scope.environment} AND description = ${DEMO_ENDPOINT_DESCRIPTION} AND url <> ${receiverUrl}`;
    const [existing] = await transaction`
      SELECT 1 FROM webhook_endpoints
      WHERE tenant_id = ${scope.tenantId} AND environment = ${scope.environment} AND description = ${DEMO_ENDPOINT_DESCRIPTION}`;
    if (existing) return;
    const id = newWebhookEndpointId();
    await insertEndpoint(transaction, scope, {
      id, url: receiverUrl, description: DEMO_ENDPOINT_DESCRIPTION, events: ['*'], sealedSecret: sealSigningSecret(await encryption.tenantKey(transaction, scope), id, secret),
    });
  });
}
