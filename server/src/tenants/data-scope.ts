import type { KeyEnvironment } from '../auth/api-keys.ts';

/**
 * Whose data a request may read or write: one tenant's test or live environment (Stripe's
 * model). Every tenant-owned row carries both columns, every primary/unique key includes
 * them, and every query filters on both, so test data is never visible to live keys.
 */
export interface DataScope {
  tenantId: string;
  environment: KeyEnvironment;
}

export const ENVIRONMENTS: readonly KeyEnvironment[] = ['test', 'live'];

/** One text per scope, for cache keys and notification payloads (tenant ids hold no ':'). */
export function scopeKey(scope: DataScope): string {
  return `${scope.tenantId}:${scope.environment}`;
}
