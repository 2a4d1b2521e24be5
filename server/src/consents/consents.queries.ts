import type { ConsentRecord, ConsentSource } from '@porttask/sdk/schemas';
import type { Queryable } from '../db/connection.ts';
import { onKeyConflict, type Idempotency } from '../http/unit-of-work.ts';

export interface ConsentRecordInsert {
  tenantId: string;
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
  /** With a key, the same statement claims it and stores `answer` as the POST's answer. */
  idempotency?: (Idempotency & { answer: string }) | undefined;
}

/**
 * Appends decisions in one statement (atomic without a transaction; this is the hottest write
 * path there is, see consent-appender.ts). A decision with an idempotency key is appended only
 * if the same statement could claim the key. Returns the receipt ids appended; a decision
 * missing from it lost its key to an earlier attempt.
 */
export async function appendConsentRecords(sql: Queryable, appends: ConsentAppend[]): Promise<Set<string>> {
  // Each column as one array parameter: the statement's text is the same for any batch size.
  const column = (pick: (append: ConsentAppend) => string | null) => appends.map(pick);
  const rows = await sql<{ id: string }[]>`
    WITH input AS (
      SELECT * FROM unnest(
        ${column((a) => a.record.tenantId)}::text[], ${column((a) => a.record.receiptId)}::text[],
        ${column((a) => a.record.subjectId)}::text[], ${column((a) => JSON.stringify(a.record.choices))}::text[],
        ${column((a) => a.record.policyVersion)}::text[], ${column((a) => a.record.bannerTextHash)}::text[],
        ${column((a) => a.record.locale)}::text[], ${column((a) => a.record.source)}::text[],
        ${column((a) => String(a.record.gpc))}::text[]::boolean[], ${column((a) => a.record.ipAddress)}::inet[],
        ${column((a) => a.record.userAgent)}::text[], ${column((a) => a.record.decidedAt)}::timestamptz[],
        ${column((a) => a.record.recordedAt)}::timestamptz[], ${column((a) => a.idempotency?.key ?? null)}::text[],
        ${column((a) => a.idempotency?.hash.toString('hex') ?? null)}::text[], ${column((a) => a.idempotency?.answer ?? null)}::text[]
      ) WITH ORDINALITY AS i(tenant_id, id, subject_id, choices, policy_version, banner_text_hash, locale, source, gpc,
                            ip_address, user_agent, decided_at, recorded_at, idempotency_key, request_hash, answer, position)
    ),
    claimed AS (
      INSERT INTO idempotency_keys (tenant_id, key, request_hash, status, response_body)
      SELECT tenant_id, idempotency_key, decode(request_hash, 'hex'), 201, answer FROM input WHERE idempotency_key IS NOT NULL
      ${onKeyConflict(sql)}
      RETURNING tenant_id, key
    )
    INSERT INTO consent_records (tenant_id, id, subject_id, choices, policy_version, banner_text_hash, locale,
                                 source, gpc, ip_address, user_agent, decided_at, recorded_at)
    SELECT tenant_id, id, subject_id, choices::jsonb, policy_version, banner_text_hash, locale,
           source, gpc, ip_address, user_agent, decided_at, recorded_at
    FROM input
    WHERE idempotency_key IS NULL OR (tenant_id, idempotency_key) IN (SELECT tenant_id, key FROM claimed)
    ORDER BY position
    RETURNING id`;
  return new Set(rows.map((row) => row.id));
}

export async function findConsentRecord(sql: Queryable, tenantId: string, receiptId: string): Promise<ConsentRecord | undefined> {
  const [row] = await sql<ConsentRecord[]>`
    SELECT ${recordColumns(sql)} FROM consent_records WHERE tenant_id = ${tenantId} AND id = ${receiptId}`;
  return row;
}

/** One page of a subject's records, oldest first; `after` is the sequence of the last one seen. */
export async function listConsentRecords(
  sql: Queryable,
  query: { tenantId: string; subjectId: string; after: bigint | undefined; limit: number },
): Promise<{ records: ConsentRecord[]; lastSequence: string | undefined; more: boolean }> {
  const rows = await sql<(ConsentRecord & { sequence: string })[]>`
    SELECT ${recordColumns(sql)}, sequence::text AS sequence FROM consent_records
    WHERE tenant_id = ${query.tenantId} AND subject_id = ${query.subjectId}
      AND sequence > ${(query.after ?? -1n).toString()}::bigint
    ORDER BY sequence
    LIMIT ${query.limit + 1}`;
  const more = rows.length > query.limit;
  const page = rows.slice(0, query.limit);
  return {
    records: page.map(({ sequence: _sequence, ...record }) => record),
    lastSequence: page.at(-1)?.sequence,
    more,
  };
}
