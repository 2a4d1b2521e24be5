import type { Queryable } from '../../db/connection.ts';
import { mailPlace } from '../../mail/mail-outbox.ts';
import type { FieldEncryption } from '../../secrets/field-encryption.ts';
import type { SubjectCipher } from '../../secrets/subject-keys.ts';
import type { DataScope } from '../../tenants/data-scope.ts';
import { eventReasonPlace, requestPlace } from '../requests/rights-requests.queries.ts';
import type { StaffRequestRow } from '../requests/staff.queries.ts';
import { gatherAccountTables } from './account-contents.ts';
import { readPartnerData } from './partner-data.queries.ts';

export type Cell = string | number | boolean | null | Record<string, unknown>;
export type Row = Record<string, Cell>;

/** One table of the bundle: `<folder>/<name>.json` and `.csv`, with its columns in order. */
export interface BundleTable {
  folder: 'porttask' | 'partner';
  name: string;
  columns: string[];
  rows: Row[];
}

export interface BundleContents {
  requestId: string;
  locale: 'en' | 'da' | 'de' | 'hi';
  tables: BundleTable[];
}

type RequestRow = Pick<StaffRequestRow, 'id' | 'type' | 'status' | 'subject_key_id' | 'email' | 'name' | 'details' | 'locale' | 'consent_subject_id'
  | 'jurisdiction' | 'received_at' | 'due_on' | 'extended_on' | 'verified_at' | 'closed_at'>;

const iso = (value: Date | null) => value?.toISOString() ?? null;
const open = (cipher: SubjectCipher | null | undefined, value: Buffer | null, place: string) => (cipher && value ? cipher.decrypt(value, place) : null);

/**
 * Everything PortTask holds about the verified requester of `requestId`: every verified request
 * made from the same email address (found by its blind index) with its timeline, the consent
 * records of the device ids those requests named, the mails sent for them, the account of the
 * address in this tenant environment with its sign-up acceptances and login audit entries
 * (account-contents.ts), and what the partner added for this request. Undefined when the request does not exist or its requester was erased.
 */
export async function gatherBundle(sql: Queryable, encryption: FieldEncryption, scope: DataScope, requestId: string): Promise<BundleContents | undefined> {
  const inScope = sql`tenant_id = ${scope.tenantId} AND environment = ${scope.environment}`;
  const [subject] = await sql<{ email_index: Buffer; subject_key_id: string; locale: BundleContents['locale'] }[]>`
    SELECT email_index, subject_key_id, locale FROM rights_requests WHERE ${inScope} AND id = ${requestId}`;
  if (!subject) return undefined;
  // An unverified request from the same address may be someone else's attempt: not theirs to see.
  const requests = await sql<RequestRow[]>`
    SELECT id, type, status, subject_key_id, email, name, details, locale, consent_subject_id, jurisdiction, received_at,
      due_on::text AS due_on, extended_on::text AS extended_on, verified_at, closed_at
    FROM rights_requests
    WHERE ${inScope} AND email_index = ${subject.email_index} AND (verified_at IS NOT NULL OR id = ${requestId})
    ORDER BY rights_requests.sequence`;
  const ciphers = await encryption.openSubjects(sql, scope, requests.map((request) => request.subject_key_id));
  const own = ciphers.get(subject.subject_key_id);
  if (!own) return undefined;
  const cipherOf = (request: { subject_key_id: string }) => ciphers.get(request.subject_key_id);
  const requestIds = requests.map((request) => request.id);
  const subjectKeyIds = [...new Set(requests.map((request) => request.subject_key_id))];
  const deviceIds = [...new Set(requests.map((request) => request.consent_subject_id).filter((id): id is string => id !== null))];

  const events = await sql<{ request_id: string; event: string; reason: Buffer | null; occurred_at: Date }[]>`
    SELECT request_id, event, reason, occurred_at FROM rights_request_events
    WHERE ${inScope} AND request_id = ANY(${requestIds}) AND visible_to_requester
    ORDER BY rights_request_events.sequence`;
  const consents = await sql<Row[]>`
    SELECT id AS "receiptId", subject_id AS "subjectId", choices, policy_version AS "policyVersion", banner_text_hash AS "bannerTextHash",
      locale, source, gpc, host(ip_address) AS "ipAddress", user_agent AS "userAgent",
      to_char(decided_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "decidedAt",
      to_char(recorded_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "recordedAt"
    FROM consent_records WHERE ${inScope} AND subject_id = ANY(${deviceIds})
    ORDER BY consent_records.sequence`;
  const mails = await sql<{ id: string; subject_key_id: string; template: string; locale: string; recipient: Buffer; subject_line: Buffer; text_body: Buffer; created_at: Date; sent_at: Date | null }[]>`
    SELECT id, subject_key_id, template, locale, recipient, subject_line, text_body, created_at, sent_at FROM mail_outbox
    WHERE ${inScope} AND subject_key_id = ANY(${subjectKeyIds})
    ORDER BY created_at, id`;
  const partner = await readPartnerData(sql, scope, requestId, own);
  const ownRequest = requests.find((request) => request.id === requestId);
  const ownEmail = ownRequest ? open(own, ownRequest.email, requestPlace(ownRequest.id, 'email')) : null;
  // Only a verified address is looked up: an unverified request may name someone else's.
  const account = ownEmail && ownRequest?.verified_at ? await gatherAccountTables(sql, encryption, scope, ownEmail) : [];

  const tables: BundleTable[] = [
    {
      folder: 'porttask',
      name: 'rights-requests',
      columns: ['id', 'type', 'status', 'email', 'name', 'details', 'locale', 'consentSubjectId', 'jurisdiction', 'receivedAt', 'dueOn', 'extendedOn', 'verifiedAt', 'closedAt'],
      rows: requests.map((request) => ({
        id: request.id,
        type: request.type,
        status: request.status,
        email: open(cipherOf(request), request.email, requestPlace(request.id, 'email')),
        name: open(cipherOf(request), request.name, requestPlace(request.id, 'name')),
        details: open(cipherOf(request), request.details, requestPlace(request.id, 'details')),
        locale: request.locale,
        consentSubjectId: request.consent_subject_id,
        jurisdiction: request.jurisdiction,
        receivedAt: iso(request.received_at),
        dueOn: request.due_on,
        extendedOn: request.extended_on,
        verifiedAt: iso(request.verified_at),
        closedAt: iso(request.closed_at),
      })),
    },
    {
      folder: 'porttask',
      name: 'rights-request-timeline',
      columns: ['requestId', 'event', 'at', 'reason'],
      rows: events.map((event) => {
        const request = requests.find((candidate) => candidate.id === event.request_id);
        return { requestId: event.request_id, event: event.event, at: iso(event.occurred_at), reason: request ? open(cipherOf(request), event.reason, eventReasonPlace(event.request_id)) : null };
      }),
    },
    {
      folder: 'porttask',
      name: 'consent-records',
      columns: ['receiptId', 'subjectId', 'choices', 'policyVersion', 'bannerTextHash', 'locale', 'source', 'gpc', 'ipAddress', 'userAgent', 'decidedAt', 'recordedAt'],
      rows: consents,
    },
    {
      folder: 'porttask',
      name: 'mails',
      columns: ['id', 'template', 'locale', 'to', 'subject', 'text', 'createdAt', 'sentAt'],
      // A mail whose recipient key was shredded cannot be read any more: it is left out.
      rows: mails.flatMap((mail) => {
        const cipher = ciphers.get(mail.subject_key_id);
        if (!cipher) return [];
        return [{
          id: mail.id,
          template: mail.template,
          locale: mail.locale,
          to: cipher.decrypt(mail.recipient, mailPlace(mail.id, 'recipient')),
          subject: cipher.decrypt(mail.subject_line, mailPlace(mail.id, 'subject_line')),
          text: cipher.decrypt(mail.text_body, mailPlace(mail.id, 'text_body')),
          createdAt: iso(mail.created_at),
          sentAt: iso(mail.sent_at),
        }];
      }),
    },
    ...account,
    ...Object.entries(partner).map(([name, rows]): BundleTable => ({
      folder: 'partner',
      name,
      columns: [...new Set(rows.flatMap((row) => Object.keys(row)))],
      rows,
    })),
  ];
  return { requestId, locale: subject.locale, tables };
}
