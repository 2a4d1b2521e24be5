import type { Queryable } from '../db/connection.ts';
import { generateApiKey, type AuthenticatedKey, type KeyEnvironment, type KeyKind, type ParsedApiKey } from './api-keys.ts';

/** API keys: created by the CLI (as the owner), looked up on every request by `authenticate`. */
export interface ApiKeyListItem {
  id: string;
  kind: KeyKind;
  environment: KeyEnvironment;
  displayPrefix: string;
  label: string | null;
  allowedOrigins: string[];
  createdAt: Date;
  revokedAt: Date | null;
}

export interface CreatedApiKey extends ApiKeyListItem {
  /** The key itself: shown once, at creation, and never stored. */
  token: string;
}

export async function insertApiKey(
  sql: Queryable,
  input: { tenantId: string; kind: KeyKind; environment: KeyEnvironment; allowedOrigins?: string[]; label?: string; secret?: string },
): Promise<CreatedApiKey> {
  const key = generateApiKey(input.tenantId, input.kind, input.environment, input.secret);
  const [row] = await sql<ApiKeyListItem[]>`
    INSERT INTO api_keys (tenant_id, id, kind, environment, token_hash, display_prefix, label, allowed_origins)
    VALUES (${input.tenantId}, ${key.id}, ${input.kind}, ${input.environment}, ${key.tokenHash},
            ${key.displayPrefix}, ${input.label ?? null}, ${input.allowedOrigins ?? []})
    RETURNING ${keyColumns(sql)}`;
  return { ...row!, token: key.token };
}

export function listApiKeys(sql: Queryable, tenantId: string): Promise<ApiKeyListItem[]> {
  return sql<ApiKeyListItem[]>`SELECT ${keyColumns(sql)} FROM api_keys WHERE tenant_id = ${tenantId} ORDER BY created_at, id`;
}

/** Returns false when no live key of that id exists for the tenant. */
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
    SELECT id, tenant_id AS "tenantId", kind, environment, allowed_origins AS "allowedOrigins",
           revoked_at IS NOT NULL AS revoked
    FROM api_keys
    WHERE tenant_id = ${parsed.tenantId} AND token_hash = ${parsed.tokenHash}`;
  if (!row || row.kind !== parsed.kind || row.environment !== parsed.environment) return { found: false };
  const { revoked, ...key } = row;
  return { found: true, revoked, key };
}

/** Preflights carry no key, so they can only ask whether any live key allows the origin. */
export async function anyKeyAllowsOrigin(sql: Queryable, origin: string, isLocal: boolean): Promise<boolean> {
  const rows = await sql`
    SELECT 1 FROM api_keys
    WHERE revoked_at IS NULL AND kind = 'publishable'
      AND (allowed_origins @> ARRAY[${origin}]::text[] OR (${isLocal} AND environment = 'test'))
    LIMIT 1`;
  return rows.length > 0;
}

function keyColumns(sql: Queryable) {
  return sql`id, kind, environment, display_prefix AS "displayPrefix", label,
    allowed_origins AS "allowedOrigins", created_at AS "createdAt", revoked_at AS "revokedAt"`;
}
