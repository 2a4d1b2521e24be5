import { loadMasterKey } from '../secrets/master-key.ts';
import { seedDemoTenant } from '../demo/demo-tenant.ts';
import { openForCommand, parseOptions, withOwner, type Command } from './arguments.ts';
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
  const { values } = parseOptions(args, { demo: { type: 'boolean', default: false } }, 'usage: porttask seed --demo [--json]');
  if (!values['demo']) throw new UsageError('seed needs --demo (the only seed there is).');
  const portalOrigin = `http://localhost:${context.env.DEMO_PORT}`;
  const keys = await withOwner(context, (owner) => seedDemoTenant(owner, loadMasterKey(context.env), portalOrigin));
  printResult(values.json, keys, () => `Demo tenant ${keys.tenantId}\n  publishable key: ${keys.publishableKey}\n  secret key:      ${keys.secretKey}`);
};
