import type { ApiKey } from '@porttask/sdk/schemas';
import type { Queryable } from '../db/connection.ts';
import type { DataScope } from '../tenants/data-scope.ts';
import { generateApiKey, type AuthenticatedKey, type KeyEnvironment, type KeyKind, type ParsedApiKey } from './api-keys.ts';
import { keyWarnings } from './api-key-warnings.ts';

/**
 * API keys: created by the CLI (as the owner) and by a roll (as the app), looked up on every
 * request by `authenticate`. Every change fires the `porttask_keys` notification (a trigger,
 * migration 027), so no code path here has to remember to announce it.
 */

/** A key as listed: never its text. */
export type ApiKeyListItem = ApiKey;

export interface CreatedApiKey extends ApiKeyListItem {
  /** The key itself: shown once, at creation, and never stored. */
  token: string;
}

type ApiKeyRow = Omit<ApiKey, 'warnings'>;
const withWarnings = (row: ApiKeyRow): ApiKey => ({ ...row, warnings: keyWarnings(row) });

export async function insertApiKey(
  sql: Queryable,
  input: { tenantId: string; kind: KeyKind; environment: KeyEnvironment; allowedOrigins?: string[]; label?: string | null; secret?: string },
): Promise<CreatedApiKey> {
  const key = generateApiKey(input.tenantId, input.kind, input.environment, input.secret);
  const [row] = await sql<ApiKeyRow[]>`
    INSERT INTO api_keys (tenant_id, id, kind, environment, token_hash, display_prefix, label, allowed_origins)
    VALUES (${input.tenantId}, ${key.id}, ${input.kind}, ${input.environment}, ${key.tokenHash},
            ${key.displayPrefix}, ${input.label ?? null}, ${input.allowedOrigins ?? []})
    RETURNING ${keyColumns(sql)}`;
  return { ...withWarnings(row!), token: key.token };
}

/** All keys of a tenant (the CLI), or of one environment a page at a time (the API). */
export async function listApiKeys(
  sql: Queryable,
  query: { tenantId: string; environment?: KeyEnvironment; after?: bigint | undefined; limit?: number },
): Promise<{ keys: ApiKey[]; lastSequence: string | undefined; more: boolean }> {
  const limit = query.limit ?? 10_000;
  const rows = await sql<(ApiKeyRow & { sequence: string })[]>`
    SELECT ${keyColumns(sql)}, sequence::text AS sequence FROM api_keys
    WHERE tenant_id = ${query.tenantId}
      ${query.environment ? sql`AND environment = ${query.environment}` : sql``}
      ${query.after === undefined ? sql`` : sql`AND sequence > ${query.after.toString()}::bigint`}
    ORDER BY api_keys.sequence
    LIMIT ${limit + 1}`;
  const page = rows.slice(0, limit);
  return { keys: page.map(({ sequence: _sequence, ...row }) => withWarnings(row)), lastSequence: page.at(-1)?.sequence, more: rows.length > limit };
}

/** One key of the scope, locked for the rest of the transaction when `forUpdate`. */
export async function findApiKeyById(sql: Queryable, scope: DataScope, keyId: string, options: { forUpdate?: boolean } = {}): Promise<ApiKey | undefined> {
  const [row] = await sql<ApiKeyRow[]>`
    SELECT ${keyColumns(sql)} FROM api_keys
    WHERE tenant_id = ${scope.tenantId} AND environment = ${scope.environment} AND id = ${keyId}
    ${options.forUpdate ? sql`FOR UPDATE` : sql``}`;
  return row && withWarnings(row);
}

/**
 * Adds and removes allowed origins in one statement (concurrent changes both apply; order
 * kept, duplicates dropped) and sets the label when given. Undefined when there is no such key.
 */
export async function updateApiKey(
  sql: Queryable,
  scope: DataScope,
  keyId: string,
  change: { addOrigins?: string[] | undefined; removeOrigins?: string[] | undefined; label?: string | null | undefined },
): Promise<ApiKey | undefined> {
  const add = change.addOrigins ?? [];
  const remove = change.removeOrigins ?? [];
  const [row] = await sql<ApiKeyRow[]>`
    UPDATE api_keys SET
      allowed_origins = ARRAY(
        SELECT origin FROM unnest(allowed_origins || ${add}::text[]) WITH ORDINALITY AS listed (origin, position)
        WHERE origin <> ALL (${remove}::text[])
        GROUP BY origin ORDER BY min(position)),
      label = ${change.label === undefined ? sql`label` : sql`${change.label === '' ? null : change.label}`}
    WHERE tenant_id = ${scope.tenantId} AND environment = ${scope.environment} AND id = ${keyId}
    RETURNING ${keyColumns(sql)}`;
  return row && withWarnings(row);
}

/**
 * Rolls `previous` (locked by the caller, checked to be usable and not rolled yet): a
 * replacement with the same kind, environment, origins and label, and the old key expiring
 * after `expiresInSeconds`. Run in one transaction with the lock.
 */
export async function rollApiKey(sql: Queryable, scope: DataScope, previous: ApiKey, expiresInSeconds: number): Promise<{ key: CreatedApiKey; previousKey: ApiKey }> {
  const key = await insertApiKey(sql, {
    tenantId: scope.tenantId, kind: previous.kind, environment: previous.environment, allowedOrigins: previous.allowedOrigins, label: previous.label,
  });
  const [row] = await sql<ApiKeyRow[]>`
    UPDATE api_keys SET expires_at = now() + make_interval(secs => ${expiresInSeconds}), replaced_by = ${key.id}
    WHERE tenant_id = ${scope.tenantId} AND environment = ${scope.environment} AND id = ${previous.id}
    RETURNING ${keyColumns(sql)}`;
  return { key, previousKey: withWarnings(row!) };
}

/** Returns false when no unrevoked key of that id exists for the tenant. */
export async function revokeApiKey(sql: Queryable, tenantId: string, keyId: string): Promise<boolean> {
  const rows = await sql`
    UPDATE api_keys SET revoked_at = now()
    WHERE tenant_id = ${tenantId} AND id = ${keyId} AND revoked_at IS NULL
    RETURNING id`;
  return rows.length === 1;
}

export type KeyLookup = { found: false } | { found: true; revoked: boolean; key: AuthenticatedKey };

export async function findApiKey(sql: Queryable, parsed: ParsedApiKey): Promise<KeyLookup> {
  const [row] = await sql<(AuthenticatedKey & { revoked: boolean })[]>`
    SELECT ${authenticatedColumns(sql)} FROM api_keys
    WHERE tenant_id = ${parsed.tenantId} AND token_hash = ${parsed.tokenHash}`;
  if (!row || row.kind !== parsed.kind || row.environment !== parsed.environment) return { found: false };
  const { revoked, ...key } = row;
  return { found: true, revoked, key };
}

/** The state of a key by id, as a live stream re-checks it after a change. */
export async function findKeyState(sql: Queryable, tenantId: string, keyId: string): Promise<{ revoked: boolean; key: AuthenticatedKey } | undefined> {
  const [row] = await sql<(AuthenticatedKey & { revoked: boolean })[]>`
    SELECT ${authenticatedColumns(sql)} FROM api_keys WHERE tenant_id = ${tenantId} AND id = ${keyId}`;
  if (!row) return undefined;
  const { revoked, ...key } = row;
  return { revoked, key };
}

/** Preflights carry no key, so they can only ask whether any usable key allows the origin. */
export async function anyKeyAllowsOrigin(sql: Queryable, origin: string, isLocal: boolean): Promise<boolean> {
  const rows = await sql`
    SELECT 1 FROM api_keys
    WHERE revoked_at IS NULL AND kind = 'publishable' AND (expires_at IS NULL OR expires_at > now())
      AND (allowed_origins @> ARRAY[${origin}]::text[] OR (${isLocal} AND environment = 'test'))
    LIMIT 1`;
  return rows.length > 0;
}

function authenticatedColumns(sql: Queryable) {
  return sql`id, tenant_id AS "tenantId", kind, environment, allowed_origins AS "allowedOrigins",
    (extract(epoch FROM expires_at) * 1000)::float8 AS "expiresAt", revoked_at IS NOT NULL AS revoked`;
}

const ISO = 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"';

function keyColumns(sql: Queryable) {
  return sql`id, kind, environment, display_prefix AS "displayPrefix", label,
    allowed_origins AS "allowedOrigins",
    CASE WHEN revoked_at IS NOT NULL THEN 'revoked'
         WHEN expires_at IS NOT NULL AND expires_at <= now() THEN 'expired'
         WHEN expires_at IS NOT NULL THEN 'expiring'
         ELSE 'active' END AS status,
    to_char(created_at AT TIME ZONE 'UTC', ${ISO}) AS "createdAt",
    to_char(expires_at AT TIME ZONE 'UTC', ${ISO}) AS "expiresAt",
    to_char(revoked_at AT TIME ZONE 'UTC', ${ISO}) AS "revokedAt",
    replaced_by AS "replacedBy"`;
}
