import { parseArgs, type ParseArgsConfig } from 'node:util';
import * as z from 'zod';
import { Environment, Region, WebOrigin } from '@porttask/sdk/schemas';
import type { Env } from '../env.ts';
import type { Logger } from '../logger.ts';
import { openDatabase } from '../runtime/open-database.ts';
import { insertApiKey, insertTenant, listApiKeys, revokeApiKey, findTenant } from '../tenants/tenants.queries.ts';
import { loadMasterKey } from '../secrets/master-key.ts';
import { seedDemoTenant } from '../demo/demo-tenant.ts';
import { printResult, UsageError } from './output.ts';

/**
 * Administration from the command line. These run as the database owner (they create
 * tenants and keys, which the API's own role may not), and work whether or not a server
 * is running: with the embedded default they borrow its PostgreSQL or start one for
 * themselves.
 */
type Command = (args: string[], context: { env: Env; logger: Logger }) => Promise<void>;

function parse(args: string[], options: NonNullable<ParseArgsConfig['options']>) {
  try {
    return parseArgs({ args, options: { ...options, json: { type: 'boolean', default: false } }, allowPositionals: false, strict: true }).values as Record<string, unknown> & { json: boolean };
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

function check<Schema extends z.ZodType>(schema: Schema, value: unknown, flag: string): z.infer<Schema> {
  const result = schema.safeParse(value);
  if (!result.success) throw new UsageError(`--${flag}: ${result.error.issues.map((issue) => issue.message).join('; ')}`);
  return result.data;
}

async function withOwner<T>(context: { env: Env; logger: Logger }, work: (owner: Awaited<ReturnType<typeof openDatabase>>['owner']) => Promise<T>): Promise<T> {
  const db = await openDatabase(context.env, context.logger);
  try {
    return await work(db.owner);
  } finally {
    await db.close();
  }
}

export const migrateCommand: Command = async (args, context) => {
  const { json } = parse(args, {});
  const db = await openDatabase(context.env, context.logger, { migrate: false });
  try {
    const { migrate } = await import('../db/migrate.ts');
    const result = await migrate(db.owner);
    printResult(json, result, () => result.applied.length ? `Applied ${result.applied.join(', ')}.` : `Up to date (${result.alreadyApplied} migrations).`);
  } finally {
    await db.close();
  }
};

export const seedCommand: Command = async (args, context) => {
  const values = parse(args, { demo: { type: 'boolean', default: false }, environment: { type: 'string', default: 'test' } });
  if (!values.demo) throw new UsageError('seed needs --demo (the only seed there is).');
  // The demo's keys are test keys, so its data can only be seen in test.
  if (check(Environment, values.environment, 'environment') !== 'test') {
    throw new UsageError('--environment: the demo tenant has only test keys, so it is seeded into its test environment (--environment test, the default).');
  }
  const portalOrigin = `http://localhost:${context.env.DEMO_PORT}`;
  const keys = await withOwner(context, (owner) => seedDemoTenant(owner, loadMasterKey(context.env), portalOrigin));
  const result = { ...keys, environment: 'test' as const };
  printResult(values.json, result, () => `Demo tenant ${keys.tenantId} (test environment)\n  publishable key: ${keys.publishableKey}\n  secret key:      ${keys.secretKey}`);
};

export const tenantsCommand: Command = async ([action, ...args], context) => {
  if (action !== 'create') throw new UsageError('usage: porttask tenants create --name NAME --region eu|us|in|br|sg --origin URL [--origin URL…] [--environment test|live]');
  const values = parse(args, {
    name: { type: 'string' },
    region: { type: 'string' },
    origin: { type: 'string', multiple: true, default: [] },
    environment: { type: 'string', default: 'live' },
  });
  const name = check(z.string().trim().min(1, 'is required').max(200), values.name, 'name');
  const region = check(Region, values.region, 'region');
  const origins = check(z.array(WebOrigin), values.origin, 'origin');
  const environment = check(Environment, values.environment, 'environment');
  const result = await withOwner(context, (owner) =>
    owner.begin(async (transaction) => {
      const tenant = await insertTenant(transaction, { name, region });
      const publishable = await insertApiKey(transaction, { tenantId: tenant.id, kind: 'publishable', environment, allowedOrigins: origins });
      const secret = await insertApiKey(transaction, { tenantId: tenant.id, kind: 'secret', environment });
      return { tenantId: tenant.id, name, region, publishableKey: publishable.token, secretKey: secret.token, allowedOrigins: origins };
    }),
  );
  printResult(values.json, result, () => [
    `Created tenant ${result.tenantId} (${name}, region ${region}).`,
    `  publishable key: ${result.publishableKey}  (origins: ${origins.join(', ') || 'none yet'})`,
    `  secret key:      ${result.secretKey}`,
    'The secret key is shown only now: store it in your server\'s secret store.',
  ].join('\n'));
};

export const keysCommand: Command = async ([action, ...args], context) => {
  const usage = 'usage: porttask keys create --tenant ID --type publishable|secret [--environment test|live] [--origin URL…] [--label TEXT]\n       porttask keys list --tenant ID\n       porttask keys revoke --tenant ID --key KEY_ID';
  const values = parse(args, {
    tenant: { type: 'string' },
    type: { type: 'string' },
    environment: { type: 'string', default: 'live' },
    origin: { type: 'string', multiple: true, default: [] },
    label: { type: 'string' },
    key: { type: 'string' },
  });
  const tenantId = check(z.string({ error: 'is required' }).regex(/^ten_[0-9a-z]{20}$/, 'must be a tenant id like ten_…'), values.tenant, 'tenant');
  await withOwner(context, async (owner) => {
    if (!(await findTenant(owner, tenantId))) throw new UsageError(`No tenant ${tenantId}.`);
    if (action === 'create') {
      const kind = check(z.enum(['publishable', 'secret']), values.type, 'type');
      const origins = check(z.array(WebOrigin), values.origin, 'origin');
      if (kind === 'secret' && origins.length > 0) throw new UsageError('--origin is for publishable keys; secret keys are never used from browsers.');
      const key = await insertApiKey(owner, {
        tenantId, kind, environment: check(Environment, values.environment, 'environment'), allowedOrigins: origins,
        ...(typeof values.label === 'string' ? { label: check(z.string().max(200), values.label, 'label') } : {}),
      });
      printResult(values.json, key, () => `Created ${kind} key ${key.id}: ${key.token}${kind === 'secret' ? '\nShown only now: store it safely.' : ''}`);
    } else if (action === 'list') {
      const keys = await listApiKeys(owner, tenantId);
      printResult(values.json, keys, () => keys.map((key) =>
        `${key.id}  ${key.kind.padEnd(11)} ${key.environment}  ${key.displayPrefix}  ${key.revokedAt ? 'revoked' : 'active '}  ${key.allowedOrigins.join(' ')}`).join('\n') || 'No keys.');
    } else if (action === 'revoke') {
      const keyId = check(z.string({ error: 'is required' }).regex(/^key_[0-9a-z]{20}$/, 'must be a key id like key_…'), values.key, 'key');
      if (!(await revokeApiKey(owner, tenantId, keyId))) throw new UsageError(`No active key ${keyId} for tenant ${tenantId}.`);
      printResult(values.json, { revoked: keyId }, () => `Revoked ${keyId}. Requests with it are refused from now on.`);
    } else {
      throw new UsageError(usage);
    }
  });
};
