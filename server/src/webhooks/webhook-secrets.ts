import { randomBytes } from 'node:crypto';
import { open, seal } from '../secrets/aes-gcm.ts';
import type { TenantKey } from '../secrets/data-keys.ts';

/** Standard Webhooks secrets: `whsec_` and base64 of 24 random bytes (192 bits). */
export function newSigningSecret(): string {
  return `whsec_${randomBytes(24).toString('base64')}`;
}

/** Bound to its tenant environment and endpoint: a secret copied to another row does not open. */
const secretPlace = (tenant: TenantKey, endpointId: string) => `webhook_endpoints.secret|${tenant.scope.tenantId}|${tenant.scope.environment}|${endpointId}`;

export function sealSigningSecret(tenant: TenantKey, endpointId: string, secret: string): Buffer {
  return seal(tenant.key, Buffer.from(secret, 'utf8'), secretPlace(tenant, endpointId));
}

export function openSigningSecret(tenant: TenantKey, endpointId: string, sealed: Buffer): string {
  return open(tenant.key, sealed, secretPlace(tenant, endpointId)).toString('utf8');
}
