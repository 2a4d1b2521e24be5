import type { Queryable } from '../../db/connection.ts';
import { ApiError } from '../../http/api-error.ts';
import type { JobQueue } from '../../jobs/job-queue.ts';
import { queueMail } from '../../mail/mail-outbox.ts';
import type { FieldEncryption } from '../../secrets/field-encryption.ts';
import type { DataScope } from '../../tenants/data-scope.ts';
import { appendRequestEvent, requestPlace, type RightsRequestRow } from './rights-requests.queries.ts';
import { CODE_VALID_MINUTES, newVerificationCode, verificationCodeHash } from './verification-code.ts';

/** The first code and three more: a requester who lost four mails makes a new request. */
export const MAX_CODES_PER_REQUEST = 4;

/** Only a request still waiting for its code may be sent one (checked before anything is counted). */
export function refuseUnlessAwaitingCode(request: Pick<RightsRequestRow, 'status'>): void {
  if (request.status === 'expired_unverified') throw new ApiError(409, 'REQUEST_LOCKED', 'This request is locked or expired; make a new request.');
  if (request.status === 'cancelled') throw new ApiError(409, 'REQUEST_CLOSED', 'This request was cancelled.');
  if (request.status !== 'identity_unverified') throw new ApiError(409, 'REQUEST_ALREADY_VERIFIED', 'This request is already verified.');
}

/**
 * A new code for a request still waiting for one: the stored hash is replaced, so the old code
 * stops working, and the 10 minutes start again. Failed tries are not reset: three wrong codes
 * lock the request however many were sent.
 */
export async function resendVerificationCode(sql: Queryable, services: { encryption: FieldEncryption; jobs: JobQueue }, scope: DataScope, request: RightsRequestRow, organisation: string): Promise<{ codeExpiresAt: Date; resendsLeft: number }> {
  refuseUnlessAwaitingCode(request);
  const recipient = (await services.encryption.openSubjects(sql, scope, [request.subject_key_id])).get(request.subject_key_id);
  if (!recipient) throw new ApiError(409, 'REQUEST_LOCKED', 'This request has expired; make a new request.');
  const code = newVerificationCode();
  const tenantKey = await services.encryption.tenantKey(sql, scope);
  const codeExpiresAt = new Date(Date.now() + CODE_VALID_MINUTES * 60_000);
  const [updated] = await sql<{ codes_sent: number }[]>`
    UPDATE rights_requests SET code_hash = ${verificationCodeHash(tenantKey, request.id, code)}, code_expires_at = ${codeExpiresAt},
      codes_sent = codes_sent + 1, updated_at = clock_timestamp()
    WHERE tenant_id = ${scope.tenantId} AND environment = ${scope.environment} AND id = ${request.id}
      AND status = 'identity_unverified' AND codes_sent < ${MAX_CODES_PER_REQUEST}
    RETURNING codes_sent`;
  if (!updated) {
    throw new ApiError(409, 'CODE_RESEND_LIMIT_REACHED', `This request was sent ${MAX_CODES_PER_REQUEST} codes, the most it may be sent; make a new request.`);
  }
  await queueMail(sql, services.jobs, scope, {
    recipient, to: recipient.decrypt(request.email, requestPlace(request.id, 'email')), template: 'verification_code', locale: request.locale,
    data: { organisation, code, validMinutes: CODE_VALID_MINUTES },
  });
  await appendRequestEvent(sql, scope, request.id, { event: 'code_resent', actor: 'requester', visibleToRequester: true });
  return { codeExpiresAt, resendsLeft: MAX_CODES_PER_REQUEST - updated.codes_sent };
}
