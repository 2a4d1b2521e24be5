import { loadMasterKey, loadMasterKeyring } from '../secrets/master-key.ts';
import { createFieldEncryption } from '../secrets/field-encryption.ts';
import { seedDemoRightsSettings } from '../demo/demo-rights-settings.ts';
import { seedDemoTenant } from '../demo/demo-tenant.ts';
import { Environment } from '@porttask/sdk/schemas';
import { check, openForCommand, parseOptions, withOwner, type Command } from './arguments.ts';
import { printResult, UsageError } from './output.ts';

/**
 * Administration from the command line. These run as the database owner (they create
 * tenants and keys, which the API's own role may not), and work whether or not a server
 * is running: with the embedded default they borrow its PostgreSQL or start it for
 * themselves (never a second one: see runtime/open-database.ts).
 */
export const migrateCommand: Command = async (args, context) => {
  const { values } = parseOptions(args, {}, 'usage: porttask migrate [--json]');
  // The one admin command that may create the embedded cluster: it is how one sets up a database.
  const db = await openForCommand(context, { migrate: false, createCluster: true });
  try {
    const { migrate } = await import('../db/migrate.ts');
    const result = await migrate(db.owner);
    printResult(values.json, result, () => result.applied.length ? `Applied ${result.applied.join(', ')}.` : `Up to date (${result.alreadyApplied} migrations).`);
  } finally {
    await db.close();
  }
};

export const seedCommand: Command = async (args, context) => {
  const { values } = parseOptions(args, { demo: { type: 'boolean', default: false }, environment: { type: 'string', default: 'test' } }, 'usage: porttask seed --demo [--environment test] [--json]');
  if (!values['demo']) throw new UsageError('seed needs --demo (the only seed there is).');
  // The demo's keys are test keys, so its data can only be seen in test.
  if (check(Environment, values['environment'], 'environment') !== 'test') {
    throw new UsageError('--environment: the demo tenant has only test keys, so it is seeded into its test environment (--environment test, the default).');
  }
  const portalOrigin = `http://localhost:${context.env.DEMO_PORT}`;
  const keys = await withOwner(context, async (owner) => {
    const seeded = await seedDemoTenant(owner, loadMasterKey(context.env), portalOrigin);
    await seedDemoRightsSettings(owner, createFieldEncryption(loadMasterKeyring(context.env)), { tenantId: seeded.tenantId, environment: 'test' });
    return seeded;
  });
  const result = { ...keys, environment: 'test' as const };
  printResult(values.json, result, () => `Demo tenant ${keys.tenantId} (test environment)\n  publishable key: ${keys.publishableKey}\n  secret key:      ${keys.secretKey}`);
};
