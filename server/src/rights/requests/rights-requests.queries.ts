import { createHash } from 'node:crypto';
import type { Jurisdiction, RightsRequestStatus, RightsRequestType } from '@porttask/sdk/schemas';
import type { Queryable } from '../../db/connection.ts';
import type { DataScope } from '../../tenants/data-scope.ts';
import type { LegalClock } from '../clocks/index.ts';

export interface RightsRequestRow {
  id: string;
  type: RightsRequestType;
  status: RightsRequestStatus;
  subject_key_id: string;
  email: Buffer;
  locale: 'en' | 'da' | 'de' | 'hi';
  requester_token_hash: Buffer;
  jurisdiction: Jurisdiction;
  received_at: Date;
  due_on: string;
  code_hash: Buffer | null;
  code_expires_at: Date | null;
  code_failures: number;
}

export type RequestEventName = 'received' | 'code_sent' | 'verification_failed' | 'locked' | 'verified' | 'receipt_confirmed'
  | 'approved' | 'denied' | 'extended' | 'note' | 'in_progress' | 'completed' | 'cancelled' | 'expired'
  | 'code_resent' | 'erased' | 'due_soon' | 'overdue';

export interface RequestEvent {
  event: RequestEventName;
  actor: 'requester' | 'staff' | 'system';
  actorId?: string;
  reason?: Buffer;
  visibleToRequester: boolean;
}

export interface RequestEventRow {
  event: RequestEventName;
  reason: Buffer | null;
  occurred_at: Date;
  sequence: string;
}

export const requesterTokenHash = (token: string) => createHash('sha256').update(token).digest();

/** Where each encrypted column of a request is bound (see secrets/subject-keys.ts). */
export const requestPlace = (requestId: string, column: 'email' | 'name' | 'details' | 'requester_token') => `rights_requests.${column}|${requestId}`;
export const eventReasonPlace = (requestId: string) => `rights_request_events.reason|${requestId}`;

export interface NewRightsRequestRow {
  id: string;
  type: RightsRequestType;
  subjectKeyId: string;
  emailIndex: Buffer;
  email: Buffer;
  name: Buffer | null;
  details: Buffer | null;
  locale: string;
  consentSubjectId: string | null;
  requesterTokenHash: Buffer;
  /** The token itself, encrypted: the completion mail links to the status page with it. */
  requesterToken: Buffer;
  statusPageUrl: string | null;
  clock: LegalClock;
  receivedAt: Date;
  codeHash: Buffer;
  codeExpiresAt: Date;
}

export async function insertRightsRequest(sql: Queryable, scope: DataScope, row: NewRightsRequestRow): Promise<void> {
  await sql`
    INSERT INTO rights_requests (tenant_id, environment, id, type, status, subject_key_id, email_index, email, name, details, locale,
      consent_subject_id, requester_token_hash, jurisdiction, clock_source, received_at, received_on, due_on, original_due_on,
      confirm_receipt_by, code_hash, code_expires_at, requester_token, status_page_url)
    VALUES (${scope.tenantId}, ${scope.environment}, ${row.id}, ${row.type}, 'identity_unverified', ${row.subjectKeyId}, ${row.emailIndex},
      ${row.email}, ${row.name}, ${row.details}, ${row.locale}, ${row.consentSubjectId}, ${row.requesterTokenHash},
      ${row.clock.jurisdiction}, ${row.clock.source}, ${row.receivedAt}, ${row.clock.receivedOn}, ${row.clock.dueOn},
      ${row.clock.originalDueOn}, ${row.clock.confirmReceiptBy ?? null}, ${row.codeHash}, ${row.codeExpiresAt}, ${row.requesterToken},
      ${row.statusPageUrl})`;
}

/** The request, if the token is the one it was created with (else undefined: no oracle). */
export async function findRequestForRequester(sql: Queryable, scope: DataScope, id: string, token: string): Promise<RightsRequestRow | undefined> {
  const [row] = await sql<RightsRequestRow[]>`
    SELECT id, type, status, subject_key_id, email, locale, requester_token_hash, jurisdiction, received_at, due_on::text AS due_on,
      code_hash, code_expires_at, code_failures
    FROM rights_requests
    WHERE tenant_id = ${scope.tenantId} AND environment = ${scope.environment} AND id = ${id} AND requester_token_hash = ${requesterTokenHash(token)}`;
  return row;
}

export async function appendRequestEvent(sql: Queryable, scope: DataScope, requestId: string, event: RequestEvent): Promise<void> {
  await sql`
    INSERT INTO rights_request_events (tenant_id, environment, request_id, event, actor, actor_id, reason, visible_to_requester)
    VALUES (${scope.tenantId}, ${scope.environment}, ${requestId}, ${event.event}, ${event.actor}, ${event.actorId ?? null},
      ${event.reason ?? null}, ${event.visibleToRequester})`;
}

export function listRequestEvents(sql: Queryable, scope: DataScope, requestId: string, options: { visibleToRequesterOnly: boolean }): Promise<RequestEventRow[]> {
  return sql<RequestEventRow[]>`
    SELECT event, reason, occurred_at, sequence FROM rights_request_events
    WHERE tenant_id = ${scope.tenantId} AND environment = ${scope.environment} AND request_id = ${requestId}
      ${options.visibleToRequesterOnly ? sql`AND visible_to_requester` : sql``}
    ORDER BY sequence`;
}

/**
 * Counts a wrong code, atomically (parallel guesses cannot share one count), and locks the
 * request at the last allowed failure. Returns the failures so far, or undefined when the
 * request was no longer waiting for a code.
 */
export async function recordCodeFailure(sql: Queryable, scope: DataScope, id: string, maxFailures: number): Promise<number | undefined> {
  const [row] = await sql<{ code_failures: number }[]>`
    UPDATE rights_requests
    SET code_failures = code_failures + 1, updated_at = clock_timestamp(),
        status = CASE WHEN code_failures + 1 >= ${maxFailures} THEN 'expired_unverified' ELSE status END,
        code_hash = CASE WHEN code_failures + 1 >= ${maxFailures} THEN NULL ELSE code_hash END,
        closed_at = CASE WHEN code_failures + 1 >= ${maxFailures} THEN clock_timestamp() ELSE closed_at END
    WHERE tenant_id = ${scope.tenantId} AND environment = ${scope.environment} AND id = ${id}
      AND status = 'identity_unverified' AND code_failures < ${maxFailures}
    RETURNING code_failures`;
  return row?.code_failures;
}

/** identity_unverified → pending; false when another attempt got there first. */
export async function markVerified(sql: Queryable, scope: DataScope, id: string): Promise<boolean> {
  const rows = await sql`
    UPDATE rights_requests SET status = 'pending', verified_at = clock_timestamp(), code_hash = NULL, updated_at = clock_timestamp()
    WHERE tenant_id = ${scope.tenantId} AND environment = ${scope.environment} AND id = ${id} AND status = 'identity_unverified'
    RETURNING id`;
  return rows.length === 1;
}

const CANCELLABLE: RightsRequestStatus[] = ['identity_unverified', 'pending', 'approved', 'in_progress'];

export async function markCancelled(sql: Queryable, scope: DataScope, id: string): Promise<boolean> {
  const rows = await sql`
    UPDATE rights_requests SET status = 'cancelled', closed_at = clock_timestamp(), code_hash = NULL, updated_at = clock_timestamp()
    WHERE tenant_id = ${scope.tenantId} AND environment = ${scope.environment} AND id = ${id} AND status = ANY(${CANCELLABLE})
    RETURNING id`;
  return rows.length === 1;
}
