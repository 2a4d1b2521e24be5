import type { ConsentRecord, ConsentSource } from '@porttask/sdk/schemas';
import type { Queryable } from '../db/connection.ts';
import type { Idempotency } from '../http/unit-of-work.ts';
import type { DataScope } from '../tenants/data-scope.ts';

export interface ConsentRecordInsert {
  scope: DataScope;
  receiptId: string;
  subjectId: string;
  choices: Record<string, boolean>;
  policyVersion: string;
  bannerTextHash: string;
  locale: string;
  source: ConsentSource;
  gpc: boolean;
  ipAddress: string | null;
  userAgent: string | null;
  decidedAt: string | null;
}

function recordColumns(sql: Queryable) {
  return sql`id AS "receiptId", subject_id AS "subjectId", choices, policy_version AS "policyVersion",
    banner_text_hash AS "bannerTextHash", locale, source, gpc, host(ip_address) AS "ipAddress",
    user_agent AS "userAgent",
    to_char(decided_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "decidedAt",
    to_char(recorded_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "recordedAt"`;
}

export interface ConsentAppend {
  record: ConsentRecordInsert & { recordedAt: string };
  /** With a key, the decision is appended only if no decision of the scope has that key. */
  idempotency?: Idempotency | undefined;
}

/**
 * Appends decisions in one statement (atomic without a transaction; this is the hottest write
 * path there is, see consent-appender.ts). A decision whose idempotency key another decision
 * of the scope already has is skipped. Returns the receipt ids appended.
 */
export async function appendConsentRecords(sql: Queryable, appends: ConsentAppend[]): Promise<Set<string>> {
  // Each column as one array parameter: the statement's text is the same for any batch size.
  const column = (pick: (append: ConsentAppend) => string | null) => appends.map(pick);
  const rows = await sql<{ id: string }[]>`
    INSERT INTO consent_records (tenant_id, environment, id, subject_id, choices, policy_version, banner_text_hash, locale,
                                 source, gpc, ip_address, user_agent, decided_at, recorded_at, idempotency_key, request_hash)
    SELECT tenant_id, environment, id, subject_id, choices::jsonb, policy_version, banner_text_hash, locale,
           source, gpc::boolean, ip_address::inet, user_agent, decided_at::timestamptz, recorded_at::timestamptz,
           idempotency_key, decode(request_hash, 'hex')
    FROM unnest(
      ${column((a) => a.record.scope.tenantId)}::text[], ${column((a) => a.record.scope.environment)}::text[],
      ${column((a) => a.record.receiptId)}::text[],
      ${column((a) => a.record.subjectId)}::text[], ${column((a) => JSON.stringify(a.record.choices))}::text[],
      ${column((a) => a.record.policyVersion)}::text[], ${column((a) => a.record.bannerTextHash)}::text[],
      ${column((a) => a.record.locale)}::text[], ${column((a) => a.record.source)}::text[],
      ${column((a) => String(a.record.gpc))}::text[], ${column((a) => a.record.ipAddress)}::text[],
      ${column((a) => a.record.userAgent)}::text[], ${column((a) => a.record.decidedAt)}::text[],
      ${column((a) => a.record.recordedAt)}::text[], ${column((a) => a.idempotency?.key ?? null)}::text[],
      ${column((a) => a.idempotency?.hash.toString('hex') ?? null)}::text[]
    ) WITH ORDINALITY AS input(tenant_id, environment, id, subject_id, choices, policy_version, banner_text_hash, locale, source, gpc,
                               ip_address, user_agent, decided_at, recorded_at, idempotency_key, request_hash, position)
    ORDER BY position
    ON CONFLICT (tenant_id, environment, idempotency_key) DO NOTHING
    RETURNING id`;
  return new Set(rows.map((row) => row.id));
}

/** The decision a device already sent with this idempotency key, and the hash of that request. */
export async function findConsentRecordByKey(sql: Queryable, scope: DataScope, key: string): Promise<{ record: ConsentRecord; requestHash: Buffer } | undefined> {
  const [row] = await sql<(ConsentRecord & { requestHash: Buffer })[]>`
    SELECT ${recordColumns(sql)}, request_hash AS "requestHash" FROM consent_records
    WHERE tenant_id = ${scope.tenantId} AND environment = ${scope.environment} AND idempotency_key = ${key}`;
  if (!row) return undefined;
  const { requestHash, ...record } = row;
  return { record, requestHash };
}

export async function findConsentRecord(sql: Queryable, scope: DataScope, receiptId: string): Promise<ConsentRecord | undefined> {
  const [row] = await sql<ConsentRecord[]>`
    SELECT ${recordColumns(sql)} FROM consent_records
    WHERE tenant_id = ${scope.tenantId} AND environment = ${scope.environment} AND id = ${receiptId}`;
  return row;
}

/** One page of a subject's records, oldest first; `after` is the sequence of the last one seen. */
export async function listConsentRecords(
  sql: Queryable,
  query: { scope: DataScope; subjectId: string; after: bigint | undefined; limit: number },
): Promise<{ records: ConsentRecord[]; lastSequence: string | undefined; more: boolean }> {
  const rows = await sql<(ConsentRecord & { sequence: string })[]>`
    SELECT ${recordColumns(sql)}, sequence::text AS sequence FROM consent_records
    WHERE tenant_id = ${query.scope.tenantId} AND environment = ${query.scope.environment} AND subject_id = ${query.subjectId}
      AND sequence > ${(query.after ?? -1n).toString()}::bigint
    ORDER BY consent_records.sequence
    LIMIT ${query.limit + 1}`;
  const more = rows.length > query.limit;
  const page = rows.slice(0, query.limit);
  return {
    records: page.map(({ sequence: _sequence, ...record }) => record),
    lastSequence: page.at(-1)?.sequence,
    more,
  };
}
