import { createHash } from 'node:crypto';
import type { WebhookEndpoint, WebhookEventFilter } from '@porttask/sdk/schemas';
import type { Queryable } from '../db/connection.ts';
import type { DataScope } from '../tenants/data-scope.ts';

/** Endpoints per tenant environment: enough for every team and tool, few enough to fan out per event. */
export const MAX_ENDPOINTS_PER_ENVIRONMENT = 16;

interface EndpointRow {
  id: string;
  url: string;
  description: string | null;
  events: WebhookEventFilter[];
  environment: DataScope['environment'];
  created_at: Date;
  sequence: string;
}

const toEndpoint = (row: EndpointRow): WebhookEndpoint => ({
  id: row.id, url: row.url, description: row.description, events: row.events, environment: row.environment, createdAt: row.created_at.toISOString(),
});

export interface NewEndpointRow {
  id: string;
  url: string;
  description: string | null;
  events: WebhookEventFilter[];
  sealedSecret: Buffer;
}

/** Serialises changes to a scope's endpoints (exclusive) against events being fanned out to them (shared). */
export const endpointsLockKey = (scope: DataScope) => hashKey(`webhook_endpoints|${scope.tenantId}|${scope.environment}`);

function hashKey(text: string): string {
  // pg_advisory locks take a bigint: the first 8 bytes of a SHA-256, as text (postgres.js sends it as such).
  return createHash('sha256').update(text).digest().readBigInt64BE(0).toString();
}

/**
 * Adds an endpoint unless the environment has its maximum already (undefined then). The
 * count and the insert are serialised per tenant environment by a transaction-scoped lock.
 */
export async function insertEndpoint(sql: Queryable, scope: DataScope, endpoint: NewEndpointRow): Promise<WebhookEndpoint | undefined> {
  await sql`SELECT pg_advisory_xact_lock(${endpointsLockKey(scope)})`;
  const [row] = await sql<EndpointRow[]>`
    INSERT INTO webhook_endpoints (tenant_id, environment, id, url, description, events, secret)
    SELECT ${scope.tenantId}, ${scope.environment}, ${endpoint.id}, ${endpoint.url}, ${endpoint.description}, ${endpoint.events}, ${endpoint.sealedSecret}
    WHERE (SELECT count(*) FROM webhook_endpoints WHERE tenant_id = ${scope.tenantId} AND environment = ${scope.environment}) < ${MAX_ENDPOINTS_PER_ENVIRONMENT}
    RETURNING id, url, description, events, environment, created_at`;
  return row && toEndpoint(row);
}

export async function findEndpoint(sql: Queryable, scope: DataScope, id: string): Promise<WebhookEndpoint | undefined> {
  const [row] = await sql<EndpointRow[]>`
    SELECT id, url, description, events, environment, created_at FROM webhook_endpoints
    WHERE tenant_id = ${scope.tenantId} AND environment = ${scope.environment} AND id = ${id}`;
  return row && toEndpoint(row);
}

/** Oldest first, after the sequence a cursor held. */
export async function listEndpoints(sql: Queryable, scope: DataScope, page: { after?: bigint; limit: number }): Promise<{ endpoints: WebhookEndpoint[]; nextAfter: string | null }> {
  const rows = await sql<EndpointRow[]>`
    SELECT id, url, description, events, environment, created_at, sequence::text AS sequence FROM webhook_endpoints
    WHERE tenant_id = ${scope.tenantId} AND environment = ${scope.environment}
      ${page.after === undefined ? sql`` : sql`AND webhook_endpoints.sequence > ${page.after.toString()}`}
    ORDER BY webhook_endpoints.sequence
    LIMIT ${page.limit + 1}`;
  const shown = rows.slice(0, page.limit);
  return { endpoints: shown.map(toEndpoint), nextAfter: rows.length > page.limit ? shown.at(-1)!.sequence : null };
}

/** Deletes the endpoint and its delivery log; its queued attempts find nothing and stop. */
export async function deleteEndpoint(sql: Queryable, scope: DataScope, id: string): Promise<boolean> {
  await sql`SELECT pg_advisory_xact_lock(${endpointsLockKey(scope)})`;
  const deleted = await sql`
    DELETE FROM webhook_endpoints WHERE tenant_id = ${scope.tenantId} AND environment = ${scope.environment} AND id = ${id}`;
  return deleted.count > 0;
}

/** An endpoint's sealed current secret, locked until the caller's transaction ends (a roll replaces it). */
export async function lockEndpointSecret(sql: Queryable, scope: DataScope, id: string): Promise<{ endpoint: WebhookEndpoint; secret: Buffer } | undefined> {
  const [row] = await sql<(EndpointRow & { secret: Buffer })[]>`
    SELECT id, url, description, events, environment, created_at, secret FROM webhook_endpoints
    WHERE tenant_id = ${scope.tenantId} AND environment = ${scope.environment} AND id = ${id}
    FOR UPDATE`;
  return row && { endpoint: toEndpoint(row), secret: row.secret };
}

/**
 * Puts a new secret in place and keeps the one it replaces (sealed for its new column) until
 * `previousExpiresAt`. A secret replaced earlier stops signing now: only the newest two sign.
 */
export async function replaceEndpointSecret(sql: Queryable, scope: DataScope, id: string, secrets: { current: Buffer; previous: Buffer; previousExpiresAt: Date }): Promise<void> {
  await sql`
    UPDATE webhook_endpoints SET secret = ${secrets.current}, previous_secret = ${secrets.previous}, previous_secret_expires_at = ${secrets.previousExpiresAt}
    WHERE tenant_id = ${scope.tenantId} AND environment = ${scope.environment} AND id = ${id}`;
}
