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

/**
 * Appends a decision in one statement (atomic without a transaction: this is the hottest
 * write path there is). With an idempotency key, the same statement claims the key and stores
 * the answer; it inserts nothing and returns false when the key is already taken.
 */
export async function insertConsentRecordOnce(
  sql: Queryable,
  record: ConsentRecordInsert & { recordedAt: string },
  idempotency?: Idempotency & { answer: string },
): Promise<boolean> {
  const rows = await sql`
    WITH claimed AS (
      INSERT INTO idempotency_keys (tenant_id, key, request_hash, status, response_body)
      SELECT ${record.tenantId}, ${idempotency?.key ?? null}, ${idempotency?.hash ?? null}, 201, ${idempotency?.answer ?? null}
      WHERE ${idempotency?.key ?? null}::text IS NOT NULL
      ${onKeyConflict(sql)}
      RETURNING 1
    )
    INSERT INTO consent_records (tenant_id, id, subject_id, choices, policy_version, banner_text_hash, locale,
                                 source, gpc, ip_address, user_agent, decided_at, recorded_at)
    SELECT ${record.tenantId}, ${record.receiptId}, ${record.subjectId}, ${sql.json(record.choices)},
           ${record.policyVersion}, ${record.bannerTextHash}, ${record.locale}, ${record.source}, ${record.gpc},
           ${record.ipAddress}, ${record.userAgent}, ${record.decidedAt}, ${record.recordedAt}
    WHERE ${idempotency?.key ?? null}::text IS NULL OR EXISTS (SELECT 1 FROM claimed)
    RETURNING id`;
  return rows.length === 1;
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
