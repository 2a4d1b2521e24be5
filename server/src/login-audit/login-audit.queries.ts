// Sorting names the table column: the selected text aliases would sort "10" before "2".
import type { Queryable } from '../db/connection.ts';
import type { ChainScope, StoredAuditRow, StoredCheckpoint } from './chain-format.ts';

// Times leave the database as canonical text (microseconds, UTC): JavaScript's Date would
// drop the microseconds the hashes cover. The pattern is chain-format.ts's CANONICAL_TIME_FORMAT.
const row = (sql: Queryable) => sql`
  sequence::text AS sequence, to_char(occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS occurred_at,
  outcome, host(ip_address) AS ip_address, user_agent, email_sealed, account_id, prev_hash, row_hash, row_mac`;

interface RowRecord {
  sequence: string; occurred_at: string; outcome: string; ip_address: string | null; user_agent: string | null;
  email_sealed: string | null; account_id: string | null; prev_hash: Buffer; row_hash: Buffer; row_mac: Buffer;
}

function toRow(record: RowRecord): StoredAuditRow {
  return {
    sequence: Number(record.sequence), occurredAt: record.occurred_at, outcome: record.outcome, ipAddress: record.ip_address,
    userAgent: record.user_agent, emailSealed: record.email_sealed, accountId: record.account_id,
    prevHash: record.prev_hash, rowHash: record.row_hash, rowMac: record.row_mac,
  };
}

/** Rows of a chain after `afterSequence`, in order. */
export async function readAuditRows(sql: Queryable, scope: ChainScope, afterSequence: number, limit: number): Promise<StoredAuditRow[]> {
  const records = await sql<RowRecord[]>`
    SELECT ${row(sql)} FROM login_audit_events
    WHERE tenant_id = ${scope.tenantId} AND environment = ${scope.environment} AND sequence > ${afterSequence}
    ORDER BY login_audit_events.sequence LIMIT ${limit}`;
  return records.map(toRow);
}

/** A page of a chain's rows for the API, newest first, optionally one outcome. */
export async function listAuditRows(sql: Queryable, scope: ChainScope, options: { beforeSequence?: number; outcome?: string; limit: number }): Promise<StoredAuditRow[]> {
  const records = await sql<RowRecord[]>`
    SELECT ${row(sql)} FROM login_audit_events
    WHERE tenant_id = ${scope.tenantId} AND environment = ${scope.environment}
      ${options.beforeSequence === undefined ? sql`` : sql`AND sequence < ${options.beforeSequence}`}
      ${options.outcome === undefined ? sql`` : sql`AND outcome = ${options.outcome}`}
    ORDER BY login_audit_events.sequence DESC LIMIT ${options.limit}`;
  return records.map(toRow);
}

interface CheckpointRecord {
  number: string; kind: 'periodic' | 'purge'; created_at: string; through_sequence: string; through_row_hash: Buffer;
  purged_through_sequence: string; purged_through_row_hash: Buffer; prev_checkpoint_hash: Buffer; checkpoint_hash: Buffer;
  key_id: string; signature: Buffer;
}

export async function readCheckpoints(sql: Queryable, scope: ChainScope, options: { newestOnly?: boolean } = {}): Promise<StoredCheckpoint[]> {
  const records = await sql<CheckpointRecord[]>`
    SELECT number::text AS number, kind, to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS created_at,
      through_sequence::text AS through_sequence, through_row_hash, purged_through_sequence::text AS purged_through_sequence,
      purged_through_row_hash, prev_checkpoint_hash, checkpoint_hash, key_id, signature
    FROM login_audit_checkpoints
    WHERE tenant_id = ${scope.tenantId} AND environment = ${scope.environment}
    ORDER BY login_audit_checkpoints.number ${options.newestOnly ? sql`DESC LIMIT 1` : sql``}`;
  return records.map((record) => ({
    number: Number(record.number), kind: record.kind, createdAt: record.created_at,
    throughSequence: Number(record.through_sequence), throughRowHash: record.through_row_hash,
    purgedThroughSequence: Number(record.purged_through_sequence), purgedThroughRowHash: record.purged_through_row_hash,
    prevCheckpointHash: record.prev_checkpoint_hash, checkpointHash: record.checkpoint_hash, keyId: record.key_id, signature: record.signature,
  }));
}

export async function insertCheckpoint(sql: Queryable, scope: ChainScope, checkpoint: StoredCheckpoint): Promise<void> {
  await sql`
    INSERT INTO login_audit_checkpoints (tenant_id, environment, number, kind, created_at, through_sequence, through_row_hash,
      purged_through_sequence, purged_through_row_hash, prev_checkpoint_hash, checkpoint_hash, key_id, signature)
    VALUES (${scope.tenantId}, ${scope.environment}, ${checkpoint.number}, ${checkpoint.kind}, ${checkpoint.createdAt}::text::timestamptz,
      ${checkpoint.throughSequence}, ${checkpoint.throughRowHash}, ${checkpoint.purgedThroughSequence}, ${checkpoint.purgedThroughRowHash},
      ${checkpoint.prevCheckpointHash}, ${checkpoint.checkpointHash}, ${checkpoint.keyId}, ${checkpoint.signature})`;
}

// Times go in as text cast in SQL (`::text::timestamptz`): a parameter typed timestamptz
// would pass through the driver's Date serialiser and lose its microseconds.
export async function insertAuditRow(sql: Queryable, scope: ChainScope, stored: StoredAuditRow): Promise<void> {
  await sql`
    INSERT INTO login_audit_events (tenant_id, environment, sequence, occurred_at, outcome, ip_address, user_agent, email_sealed,
      account_id, prev_hash, row_hash, row_mac)
    VALUES (${scope.tenantId}, ${scope.environment}, ${stored.sequence}, ${stored.occurredAt}::text::timestamptz, ${stored.outcome},
      ${stored.ipAddress}::inet, ${stored.userAgent}, ${stored.emailSealed}, ${stored.accountId}, ${stored.prevHash}, ${stored.rowHash}, ${stored.rowMac})`;
}

/**
 * Serialises appends to one chain (one transaction at a time), then reads what the next row
 * needs: the head, the newest checkpoint, the time (from PostgreSQL, to the microsecond) and
 * the client IP in PostgreSQL's own canonical spelling.
 */
export async function lockChainHead(sql: Queryable, scope: ChainScope, ipAddress: string | null) {
  await sql`SELECT pg_advisory_xact_lock(hashtextextended(${`login-audit/${scope.tenantId}/${scope.environment}`}, 0))`;
  const [head] = await sql<{ now: string; ip_address: string | null; sequence: string | null; row_hash: Buffer | null }[]>`
    SELECT to_char(clock_timestamp() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS now, host(${ipAddress}::inet) AS ip_address,
      last.sequence::text AS sequence, last.row_hash
    FROM (SELECT 1) AS one
    LEFT JOIN LATERAL (
      SELECT sequence, row_hash FROM login_audit_events
      WHERE tenant_id = ${scope.tenantId} AND environment = ${scope.environment}
      ORDER BY sequence DESC LIMIT 1) AS last ON true`;
  return { now: head!.now, ipAddress: head!.ip_address, lastSequence: head!.sequence === null ? undefined : Number(head!.sequence), lastRowHash: head!.row_hash ?? undefined };
}

/** Every chain that has rows or checkpoints (for sealing, purging, verifying all). */
export async function listChains(sql: Queryable, tenantId?: string): Promise<ChainScope[]> {
  return await sql<ChainScope[]>`
    SELECT tenant_id AS "tenantId", environment FROM login_audit_checkpoints ${tenantId ? sql`WHERE tenant_id = ${tenantId}` : sql``}
    UNION
    SELECT DISTINCT tenant_id, environment FROM login_audit_events ${tenantId ? sql`WHERE tenant_id = ${tenantId}` : sql``}
    ORDER BY 1, 2`;
}

/** The time of a row (canonical text), if present. */
export async function rowTime(sql: Queryable, scope: ChainScope, sequence: number): Promise<string | undefined> {
  const [found] = await sql<{ occurred_at: string }[]>`
    SELECT to_char(occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS occurred_at FROM login_audit_events
    WHERE tenant_id = ${scope.tenantId} AND environment = ${scope.environment} AND sequence = ${sequence}`;
  return found?.occurred_at;
}
