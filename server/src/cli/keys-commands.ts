import * as z from 'zod';
import { ApiKeyId, ApiKeyRoll, ApiKeyUpdate, Environment, OriginInput, TenantId, type ApiKey, type ApiKeyWarning } from '@porttask/sdk/schemas';
import { findApiKeyById, insertApiKey, listApiKeys, revokeApiKey, rollApiKey, updateApiKey } from '../auth/api-keys.queries.ts';
import { refusalToChange } from '../auth/key-lifecycle.ts';
import type { Queryable } from '../db/connection.ts';
import type { DataScope } from '../tenants/data-scope.ts';
import { findTenant } from '../tenants/tenants.queries.ts';
import { check, parseDuration, parseOptions, withOwner, type Command } from './arguments.ts';
import { printResult, UsageError } from './output.ts';

const USAGE = `usage: porttask keys create --tenant ID --type publishable|secret [--environment test|live] [--origin URL…] [--label TEXT]
       porttask keys list --tenant ID
       porttask keys update KEY_ID [--add-origin URL…] [--remove-origin URL…] [--label TEXT]
       porttask keys roll KEY_ID [--expires-in 24h]     (a replacement now; the old key works until then, at most 7d)
       porttask keys revoke KEY_ID`;

/**
 * `porttask keys …`: the same key management as the API's /v1/api-keys (same validation,
 * same queries, same warnings), for operators. Every change is announced to the API
 * processes (migration 027's trigger): caches drop the key, and live streams opened with a
 * key that stopped working end within a second.
 */
export const keysCommand: Command = async ([action, ...args], context) => {
  const { values, positionals } = parseOptions(args, {
    tenant: { type: 'string' },
    type: { type: 'string' },
    environment: { type: 'string', default: 'live' },
    origin: { type: 'string', multiple: true, default: [] },
    'add-origin': { type: 'string', multiple: true, default: [] },
    'remove-origin': { type: 'string', multiple: true, default: [] },
    label: { type: 'string' },
    key: { type: 'string' },
    'expires-in': { type: 'string', default: '24h' },
  }, USAGE, 1);
  if (!['create', 'list', 'update', 'roll', 'revoke'].includes(action ?? '')) {
    throw new UsageError(action ? `unknown command: keys ${action}\n${USAGE}` : USAGE);
  }
  const keyId = () => check(ApiKeyId, positionals[0] ?? values['key'], 'key (or KEY_ID)');
  const tenantOption = () => (values['tenant'] === undefined ? undefined : check(TenantId, values['tenant'], 'tenant'));

  if (action === 'create' || action === 'list') {
    const tenantId = check(z.string({ error: 'is required' }).pipe(TenantId), values['tenant'], 'tenant');
    if (action === 'create') {
      const kind = check(z.enum(['publishable', 'secret'], { error: 'must be publishable or secret' }), values['type'], 'type');
      const origins = [...new Set(check(z.array(OriginInput), values['origin'], 'origin'))];
      if (kind === 'secret' && origins.length > 0) throw new UsageError('--origin is for publishable keys; secret keys are never used from browsers.');
      const environment = check(Environment, values['environment'], 'environment');
      const label = values['label'] === undefined ? undefined : check(z.string().trim().max(200), values['label'], 'label');
      const key = await withOwner(context, async (owner) => {
        await requireTenant(owner, tenantId);
        return insertApiKey(owner, { tenantId, kind, environment, allowedOrigins: origins, label });
      });
      printWarnings(key.warnings);
      return printResult(values.json, key, () => `Created ${kind} key ${key.id}: ${key.token}${kind === 'secret' ? '\nShown only now: store it safely.' : ''}`);
    }
    const keys = await withOwner(context, async (owner) => {
      await requireTenant(owner, tenantId);
      return (await listApiKeys(owner, { tenantId })).keys;
    });
    return printResult(values.json, keys, () => keys.map(formatKey).join('\n') || 'No keys.');
  }

  const id = keyId();
  if (action === 'revoke') {
    const revoked = await withOwner(context, async (owner) => {
      const scope = await scopeOfKey(owner, id, tenantOption());
      if (!(await revokeApiKey(owner, scope.tenantId, id))) throw new UsageError(`Key ${id} is revoked already.`);
      return { revoked: id, tenantId: scope.tenantId };
    });
    return printResult(values.json, revoked, () => `Revoked ${id}. Requests with it are refused from now on, and its open live streams end.`);
  }
  if (action === 'update') {
    const change = check(ApiKeyUpdate, {
      ...(values['add-origin'] as string[]).length ? { addOrigins: values['add-origin'] } : {},
      ...(values['remove-origin'] as string[]).length ? { removeOrigins: values['remove-origin'] } : {},
      ...(values['label'] !== undefined ? { label: values['label'] } : {}),
    }, 'add-origin/--remove-origin/--label');
    const key = await withOwner(context, (owner) => owner.begin(async (transaction) => {
      const scope = await scopeOfKey(transaction, id, tenantOption());
      const current = await usableKey(transaction, scope, id, 'changed');
      if (current.kind === 'secret' && change.addOrigins?.length) throw new UsageError('--add-origin is for publishable keys; secret keys are never used from browsers.');
      return (await updateApiKey(transaction, scope, id, change))!;
    }));
    printWarnings(key.warnings);
    return printResult(values.json, key, () => `Updated ${formatKey(key)}`);
  }
  const { expiresInSeconds } = check(ApiKeyRoll, { expiresInSeconds: parseDuration(values['expires-in'] as string, 'expires-in') }, 'expires-in');
  const rolled = await withOwner(context, (owner) => owner.begin(async (transaction) => {
    const scope = await scopeOfKey(transaction, id, tenantOption());
    const current = await usableKey(transaction, scope, id, 'rolled');
    return rollApiKey(transaction, scope, current, expiresInSeconds);
  }));
  printWarnings(rolled.key.warnings);
  printResult(values.json, rolled, () => [
    `Rolled ${id}: it keeps working until ${rolled.previousKey.expiresAt}, then it is refused and its live streams end.`,
    `New ${rolled.key.kind} key ${rolled.key.id}: ${rolled.key.token}`,
    rolled.key.kind === 'secret' ? 'Shown only now: store it safely, and deploy it before the old key expires.' : 'Put it in your pages before the old key expires.',
  ].join('\n'));
};

/** One line per key, as `keys list` and `tenants show` print them. */
export function formatKey(key: ApiKey): string {
  const state = key.status === 'expiring' ? `expiring ${key.expiresAt}` : key.status;
  return `${key.id}  ${key.kind.padEnd(11)} ${key.environment}  ${key.displayPrefix}  ${state}${key.label ? `  "${key.label}"` : ''}  ${key.allowedOrigins.join(' ')}`;
}

/** Warnings go to stderr, so they reach a person even when stdout is piped (--json). */
export function printWarnings(warnings: ApiKeyWarning[]): void {
  for (const warning of warnings) process.stderr.write(`warning: ${warning.message}\n`);
}

async function requireTenant(sql: Queryable, tenantId: string): Promise<void> {
  if (!(await findTenant(sql, tenantId))) throw new UsageError(`No tenant ${tenantId}.`);
}

/** The tenant and environment of a key, found by its id (unique in practice; --tenant narrows it). */
async function scopeOfKey(sql: Queryable, keyId: string, tenantId: string | undefined): Promise<DataScope> {
  const rows = await sql<DataScope[]>`
    SELECT tenant_id AS "tenantId", environment FROM api_keys
    WHERE id = ${keyId} ${tenantId ? sql`AND tenant_id = ${tenantId}` : sql``}`;
  if (rows.length === 0) throw new UsageError(`No key ${keyId}${tenantId ? ` for tenant ${tenantId}` : ''}.`);
  if (rows.length > 1) throw new UsageError(`Several tenants have a key ${keyId}: add --tenant ID.`);
  return rows[0]!;
}

async function usableKey(sql: Queryable, scope: DataScope, keyId: string, action: 'changed' | 'rolled'): Promise<ApiKey> {
  const key = (await findApiKeyById(sql, scope, keyId, { forUpdate: true }))!;
  const refusal = refusalToChange(key, action);
  if (refusal) throw new UsageError(`${keyId}: ${refusal}`);
  return key;
}
