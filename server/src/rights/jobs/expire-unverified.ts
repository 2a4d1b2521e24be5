import type { Sql } from '../../db/connection.ts';
import type { FieldEncryption } from '../../secrets/field-encryption.ts';
import type { DataScope } from '../../tenants/data-scope.ts';
import { appendRequestEvent } from '../requests/rights-requests.queries.ts';

/** An unverified request (and a locked one) keeps the requester's data this long, then it is shredded. */
export const UNVERIFIED_REQUEST_HOURS = 24;

export interface ExpiryResult {
  expired: number;
  shredded: number;
}

/**
 * Runs over every tenant (the `rights-expiry` job). Requests never verified within the hours
 * become `expired_unverified`; theirs and locked requests' personal data is crypto-shredded
 * (name and details deleted too), since nobody proved the address was theirs. Each request
 * is its own transaction, so a run cut short leaves every request whole and the next run
 * continues.
 */
export async function expireUnverifiedRequests(sql: Sql, encryption: FieldEncryption, now = new Date(), hours = UNVERIFIED_REQUEST_HOURS): Promise<ExpiryResult> {
  const cutoff = new Date(now.getTime() - hours * 3_600_000);
  const due = await sql<{ tenant_id: string; environment: 'test' | 'live'; id: string; status: string; subject_key_id: string }[]>`
    SELECT r.tenant_id, r.environment, r.id, r.status, r.subject_key_id FROM rights_requests r
    JOIN subject_keys k ON k.tenant_id = r.tenant_id AND k.environment = r.environment AND k.id = r.subject_key_id
    WHERE r.status IN ('identity_unverified', 'expired_unverified') AND r.received_at < ${cutoff} AND k.wrapped_key IS NOT NULL
    ORDER BY r.received_at
    LIMIT 1000`;
  let expired = 0;
  let shredded = 0;
  for (const request of due) {
    const scope: DataScope = { tenantId: request.tenant_id, environment: request.environment };
    await sql.begin(async (transaction) => {
      const [moved] = await transaction<{ id: string }[]>`
        UPDATE rights_requests SET status = 'expired_unverified', code_hash = NULL, closed_at = clock_timestamp(), updated_at = clock_timestamp()
        WHERE tenant_id = ${scope.tenantId} AND environment = ${scope.environment} AND id = ${request.id} AND status = 'identity_unverified'
        RETURNING id`;
      if (moved) {
        expired += 1;
        await appendRequestEvent(transaction, scope, request.id, { event: 'expired', actor: 'system', visibleToRequester: true });
      }
      if (await encryption.shredSubject(transaction, scope, request.subject_key_id)) {
        shredded += 1;
        await transaction`
          UPDATE rights_requests SET name = NULL, details = NULL, updated_at = clock_timestamp()
          WHERE tenant_id = ${scope.tenantId} AND environment = ${scope.environment} AND id = ${request.id}`;
        await appendRequestEvent(transaction, scope, request.id, { event: 'erased', actor: 'system', visibleToRequester: true });
      }
    });
  }
  return { expired, shredded };
}
