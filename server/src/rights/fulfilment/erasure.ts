import { randomBytes } from 'node:crypto';
import type { Queryable } from '../../db/connection.ts';
import type { FieldEncryption } from '../../secrets/field-encryption.ts';
import type { DataScope } from '../../tenants/data-scope.ts';
import { appendRequestEvent } from '../requests/rights-requests.queries.ts';
import { eraseAccountOf, type AccountErasureResult } from './account-erasure.ts';

export interface ErasureResult {
  /** The requests whose personal data was shredded: this one and the requester's earlier closed ones. */
  erasedRequestIds: string[];
  /** Whether consent records of the requester's browser exist: kept as proof, no longer linked. */
  consentProofKept: boolean;
  /** What the erasure did to the address's account and login audit trail (none without the address). */
  account: AccountErasureResult;
}

/**
 * A deletion request, answered. What must stay as proof stays, unlinked from the person; the
 * rest becomes unreadable or goes:
 *
 * - the requester's subject key is shredded, so their email, name, details, every reason and
 *   note written about them, every mail sent to them and the partner's data for them are
 *   ciphertext for good, here and in any backup taken from now on;
 * - name and details are deleted outright, the email's blind index is overwritten with random
 *   bytes (it matches no address any more) and the link to the browser's consent records is cut;
 * - the same goes for the requester's earlier closed requests (found by the blind index before
 *   it is overwritten); open ones are still being answered and stay as they are;
 * - kept: the request's type, dates, status and history (the proof it was answered) and the
 *   consent records (proof of consent, GDPR Art. 7(1)), which hold no name or email;
 * - the verified address's account in this tenant environment is deleted and the address is
 *   shredded in the login audit trail (account-erasure.ts). `email` is the request's verified
 *   address, read by the caller before the key that opens it is shredded.
 */
export async function eraseRequester(sql: Queryable, encryption: FieldEncryption, scope: DataScope, requestId: string, email: string | null): Promise<ErasureResult> {
  const requests = await sql<{ id: string; subject_key_id: string; consent_subject_id: string | null }[]>`
    SELECT r.id, r.subject_key_id, r.consent_subject_id FROM rights_requests r
    WHERE r.tenant_id = ${scope.tenantId} AND r.environment = ${scope.environment}
      AND (r.id = ${requestId} OR (r.status IN ('denied', 'completed', 'cancelled', 'expired_unverified') AND r.email_index = (
        SELECT own.email_index FROM rights_requests own
        WHERE own.tenant_id = ${scope.tenantId} AND own.environment = ${scope.environment} AND own.id = ${requestId})))
    ORDER BY r.sequence`;
  const consentSubjects = [...new Set(requests.flatMap((request) => (request.consent_subject_id ? [request.consent_subject_id] : [])))];
  const [consent] = consentSubjects.length === 0 ? [{ count: 0 }] : await sql<{ count: number }[]>`
    SELECT count(*)::int AS count FROM consent_records
    WHERE tenant_id = ${scope.tenantId} AND environment = ${scope.environment} AND subject_id = ANY(${consentSubjects})`;
  for (const request of requests) {
    await encryption.shredSubject(sql, scope, request.subject_key_id);
    await sql`
      UPDATE rights_requests SET name = NULL, details = NULL, consent_subject_id = NULL, email_index = ${randomBytes(32)}, updated_at = clock_timestamp()
      WHERE tenant_id = ${scope.tenantId} AND environment = ${scope.environment} AND id = ${request.id}`;
    await appendRequestEvent(sql, scope, request.id, { event: 'erased', actor: 'system', visibleToRequester: true });
  }
  const account = email ? await eraseAccountOf(sql, encryption, scope, email) : { accountDeleted: false, loginAuditShredded: false };
  return { erasedRequestIds: requests.map((request) => request.id), consentProofKept: (consent?.count ?? 0) > 0, account };
}
