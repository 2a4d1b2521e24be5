import type { RightsRequest, RightsRequestWithEvents } from '@porttask/sdk/schemas';
import type { Queryable } from '../../db/connection.ts';
import type { FieldEncryption } from '../../secrets/field-encryption.ts';
import type { SubjectCipher } from '../../secrets/subject-keys.ts';
import type { DataScope } from '../../tenants/data-scope.ts';
import { clockFlag } from '../clocks/index.ts';
import { eventReasonPlace, requestPlace } from './rights-requests.queries.ts';
import { OPEN_STATUSES, type StaffRequestRow } from './staff.queries.ts';

function decrypted(cipher: SubjectCipher | null, value: Buffer | null, place: string): string | null {
  return cipher && value ? cipher.decrypt(value, place) : null;
}

function toStaffView(row: StaffRequestRow, cipher: SubjectCipher | null, today: string): RightsRequest {
  return {
    id: row.id,
    type: row.type,
    status: row.status,
    email: decrypted(cipher, row.email, requestPlace(row.id, 'email')),
    name: decrypted(cipher, row.name, requestPlace(row.id, 'name')),
    details: decrypted(cipher, row.details, requestPlace(row.id, 'details')),
    locale: row.locale,
    consentSubjectId: row.consent_subject_id,
    jurisdiction: row.jurisdiction,
    clockSource: row.clock_source,
    receivedAt: row.received_at.toISOString(),
    receivedOn: row.received_on,
    dueOn: row.due_on,
    originalDueOn: row.original_due_on,
    confirmReceiptBy: row.confirm_receipt_by,
    extendedOn: row.extended_on,
    verifiedAt: row.verified_at?.toISOString() ?? null,
    closedAt: row.closed_at?.toISOString() ?? null,
    flag: OPEN_STATUSES.includes(row.status) ? clockFlag({ dueOn: row.due_on }, today) : null,
  };
}

/** Requests decrypted for staff: one subject-key read for the whole page. */
export async function staffViews(sql: Queryable, encryption: FieldEncryption, scope: DataScope, rows: StaffRequestRow[], today: string): Promise<RightsRequest[]> {
  const ciphers = await encryption.openSubjects(sql, scope, rows.map((row) => row.subject_key_id));
  return rows.map((row) => toStaffView(row, ciphers.get(row.subject_key_id) ?? null, today));
}

export async function staffViewWithEvents(sql: Queryable, encryption: FieldEncryption, scope: DataScope, row: StaffRequestRow, today: string): Promise<RightsRequestWithEvents> {
  const cipher = (await encryption.openSubjects(sql, scope, [row.subject_key_id])).get(row.subject_key_id) ?? null;
  const events = await sql<{ event: RightsRequestWithEvents['events'][number]['event']; actor: 'requester' | 'staff' | 'system'; actor_id: string | null; reason: Buffer | null; visible_to_requester: boolean; occurred_at: Date }[]>`
    SELECT event, actor, actor_id, reason, visible_to_requester, occurred_at FROM rights_request_events
    WHERE tenant_id = ${scope.tenantId} AND environment = ${scope.environment} AND request_id = ${row.id} ORDER BY sequence`;
  return {
    ...toStaffView(row, cipher, today),
    events: events.map((event) => {
      const reason = decrypted(cipher, event.reason, eventReasonPlace(row.id));
      return {
        event: event.event,
        actor: event.actor,
        ...(event.actor_id ? { actorId: event.actor_id } : {}),
        ...(reason !== null ? { reason } : {}),
        visibleToRequester: event.visible_to_requester,
        at: event.occurred_at.toISOString(),
      };
    }),
  };
}
