/**
 * `porttask <command>`: the one entry point for operating PortTask Embed.
 * Commands: start, serve, migrate, seed --demo, tenants create, keys create|list|revoke,
 * consent …, retention run, secrets rotate.
 */
import { parseEnv } from './env.ts';
import { createLogger } from './logger.ts';
import { keysCommand, migrateCommand, seedCommand, tenantsCommand } from './cli/admin-commands.ts';
import { serveCommand, startCommand } from './cli/serve-commands.ts';
import { consentCommand } from './cli/consent-commands.ts';
import { retentionCommand } from './cli/retention-commands.ts';
import { secretsCommand } from './cli/secrets-commands.ts';
import { UsageError } from './cli/output.ts';

const HELP = `usage: porttask <command> [options]

  start                         API + demo tenant + demo partner portal (what npm start runs)
  serve [--port N]              the API only
  migrate                       apply pending database migrations
  seed --demo                   create the demo tenant and print its keys
  tenants create --name N --region eu|us|in|br|sg --origin URL…
  keys create --tenant ID --type publishable|secret [--origin URL…] [--environment test|live]
  keys list --tenant ID
  keys revoke --tenant ID --key KEY_ID
  consent show|set|policy|records --tenant ID …   consent purposes, policy versions, proof
  retention run [--outbox-days N]   delete what is kept only for a while (daily, e.g. from cron)
  secrets rotate                re-wrap data keys under PORTTASK_MASTER_KEY (old key in PORTTASK_MASTER_KEY_PREVIOUS)

Every command takes --json for machine-readable output. Configuration comes from the
environment (DATABASE_URL, PORT, DEMO_PORT, PORTTASK_DATA_DIR, PORTTASK_MASTER_KEY,
SCHEDULE_EVENTS_RETENTION_DAYS, …).`;

const commands = {
  start: startCommand,
  serve: serveCommand,
  migrate: migrateCommand,
  seed: seedCommand,
  tenants: tenantsCommand,
  keys: keysCommand,
  consent: consentCommand,
  retention: retentionCommand,
  secrets: secretsCommand,
} as const;

const [name, ...args] = process.argv.slice(2);
if (!name || name === 'help' || name === '--help' || !(name in commands)) {
  process.stdout.write(`${HELP}\n`);
  process.exit(name && !['help', '--help'].includes(name) ? 2 : 0);
}

try {
  const env = parseEnv();
  // Admin commands keep stdout for their output; their logs are quiet unless asked for.
  const quiet = !['start', 'serve'].includes(name) && !process.env.LOG_LEVEL;
  const logger = createLogger(quiet ? 'warn' : env.LOG_LEVEL);
  await commands[name as keyof typeof commands](args, { env, logger });
} catch (error) {
  process.stderr.write(`porttask ${name}: ${(error as Error).message}\n`);
  process.exit(error instanceof UsageError ? 2 : 1);
}
