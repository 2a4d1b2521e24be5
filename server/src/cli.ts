/**
 * `porttask <command>`: the one entry point for operating PortTask Embed.
 * Commands: start, serve, migrate, seed --demo, tenants create|list|show,
 * keys create|list|update|roll|revoke, consent …, retention run,
 * audit verify|export|checkpoint|public-key, users list|role|disable|sign-out, secrets rotate,
 * rights list|show|approve|deny|extend|note|complete|settings.
 */
import path from 'node:path';
import { parseEnv } from './env.ts';
import { createLogger } from './logger.ts';
import { logDestination } from './logging-destination.ts';
import { migrateCommand, seedCommand } from './cli/admin-commands.ts';
import { tenantsCommand } from './cli/tenants-commands.ts';
import { keysCommand } from './cli/keys-commands.ts';
import { serveCommand, startCommand } from './cli/serve-commands.ts';
import { consentCommand } from './cli/consent-commands.ts';
import { retentionCommand } from './cli/retention-commands.ts';
import { auditCommand } from './cli/audit-commands.ts';
import { usersCommand } from './cli/users-commands.ts';
import { accountsCommand } from './cli/accounts-settings-commands.ts';
import { secretsCommand } from './cli/secrets-commands.ts';
import { rightsCommand } from './cli/rights-commands.ts';
import { UsageError } from './cli/output.ts';
import { NoDatabaseError } from './runtime/open-database.ts';

const HELP = `usage: porttask [--data-dir DIR] <command> [options]

  start                         API + demo tenant + demo partner portal (what npm start runs)
  serve [--port N]              the API only
  migrate                       create or update the database (apply pending migrations)
  seed --demo                   create the demo tenant (test environment) and print its keys
  tenants create --name N --region eu|us|in|br|sg --origin URL… [--policy-url URL --policy-version V]
  tenants list | show TENANT_ID
  keys create --tenant ID --type publishable|secret [--origin URL…] [--environment test|live]
  keys list --tenant ID
  keys update KEY_ID [--add-origin URL…] [--remove-origin URL…] [--label TEXT]
  keys roll KEY_ID [--expires-in 24h]   a replacement now; the old key works until then (max 7d)
  keys revoke KEY_ID
  consent show|set|policy|records --tenant ID [--environment live|test] …
                                consent purposes, policy versions, proof (live unless --environment test)
  retention run [--outbox-days N] [--login-audit-days N] [--environment test|live]
                                delete what is kept only for a while (daily, e.g. from cron; both environments by default)
  audit verify [--tenant ID] [--environment test|live]   recompute the login audit trail; exit 1 names the first bad record
  audit export --tenant ID [--environment test|live] [--out FILE]   NDJSON + checkpoints + public key, for offline checking
  audit checkpoint | audit public-key
  users list|role|disable|sign-out --tenant ID …   a tenant's accounts, their roles and sign-ins
  accounts settings show|set --tenant ID [--env test|live] …   sign-up open or closed, policy and terms, age of digital consent per law
  secrets rotate                re-wrap data keys under PORTTASK_MASTER_KEY (old key in PORTTASK_MASTER_KEY_PREVIOUS)
  rights list|show|approve|deny|extend|note|complete --tenant ID [--env test|live] …
                                answer privacy-rights requests (live unless --env test)
  rights settings show|set --tenant ID [--env test|live] …   time zone, holidays, DPDP period, grievance officer, privacy contact

Every command takes --json for machine-readable output. The database is the server's:
DATABASE_URL when set, else the embedded PostgreSQL in PORTTASK_DATA_DIR (default .data,
relative to the project root, wherever you run this from) or --data-dir DIR (relative to
the current folder). Every command says on stderr which database it used; only start,
serve and migrate create one where there is none. Other configuration comes from the
environment (PORT, DEMO_PORT, PORTTASK_MASTER_KEY, SCHEDULE_EVENTS_RETENTION_DAYS,
LOGIN_AUDIT_RETENTION_DAYS, …).`;

const commands = {
  start: startCommand,
  serve: serveCommand,
  migrate: migrateCommand,
  seed: seedCommand,
  tenants: tenantsCommand,
  keys: keysCommand,
  consent: consentCommand,
  retention: retentionCommand,
  audit: auditCommand,
  users: usersCommand,
  accounts: accountsCommand,
  secrets: secretsCommand,
  rights: rightsCommand,
} as const;

const { dataDirectory, rest } = takeDataDirectory(process.argv.slice(2));
const [name, ...args] = rest;
if (!name || name === 'help' || name === '--help' || name === '-h') {
  process.stdout.write(`${HELP}\n`);
  process.exit(0);
}
if (!(name in commands)) {
  process.stderr.write(`porttask: unknown command: ${name}\n\n${HELP}\n`);
  process.exit(2);
}

try {
  const env = parseEnv(dataDirectory === undefined ? process.env : { ...process.env, PORTTASK_DATA_DIR: path.resolve(dataDirectory), DATABASE_URL: '' });
  // Admin commands keep stdout for their output and log only warnings unless asked; every
  // command logs to stderr (start and serve print their welcome text alone on stdout).
  const quiet = !['start', 'serve'].includes(name) && !process.env.LOG_LEVEL;
  const logger = createLogger(quiet ? 'warn' : env.LOG_LEVEL, await logDestination());
  await commands[name as keyof typeof commands](args, { env, logger });
} catch (error) {
  process.stderr.write(`porttask ${name}: ${(error as Error).message}\n`);
  process.exit(error instanceof UsageError ? 2 : error instanceof NoDatabaseError ? 3 : 1);
}

/**
 * `--data-dir DIR` before or after the command: the embedded database in DIR (relative to the
 * shell's folder, as typed), which wins over DATABASE_URL and PORTTASK_DATA_DIR.
 */
function takeDataDirectory(argv: string[]): { dataDirectory: string | undefined; rest: string[] } {
  const rest: string[] = [];
  let dataDirectory: string | undefined;
  for (let index = 0; index < argv.length; index += 1) {
    const argument = argv[index]!;
    if (argument === '--data-dir') {
      dataDirectory = argv[++index];
      if (!dataDirectory) {
        process.stderr.write('porttask: --data-dir needs a folder\n');
        process.exit(2);
      }
    } else if (argument.startsWith('--data-dir=')) {
      dataDirectory = argument.slice('--data-dir='.length);
    } else {
      rest.push(argument);
    }
  }
  return { dataDirectory, rest };
}
