import { randomBytes } from 'node:crypto';
import { open, seal } from '../secrets/aes-gcm.ts';
import type { TenantKey } from '../secrets/data-keys.ts';

/** Standard Webhooks secrets: `whsec_` and base64 of 24 random bytes (192 bits). */
export function newSigningSecret(): string {
  return `whsec_${randomBytes(24).toString('base64')}`;
}

/** How long a rolled secret keeps signing next to its successor. */
export const PREVIOUS_SECRET_HOURS = 24;

/** The column a sealed secret lives in: the current one, or the one a roll replaced. */
export type SecretColumn = 'secret' | 'previous_secret';

/**
 * Bound to its tenant environment, endpoint and column: a secret copied to another row (or
 * from `previous_secret` back to `secret`) does not open.
 */
const secretPlace = (tenant: TenantKey, endpointId: string, column: SecretColumn) =>
  `webhook_endpoints.${column}|${tenant.scope.tenantId}|${tenant.scope.environment}|${endpointId}`;

export function sealSigningSecret(tenant: TenantKey, endpointId: string, secret: string, column: SecretColumn = 'secret'): Buffer {
  return seal(tenant.key, Buffer.from(secret, 'utf8'), secretPlace(tenant, endpointId, column));
}

export function openSigningSecret(tenant: TenantKey, endpointId: string, sealed: Buffer, column: SecretColumn = 'secret'): string {
  return open(tenant.key, sealed, secretPlace(tenant, endpointId, column)).toString('utf8');
}
