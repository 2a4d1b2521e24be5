import { parseArgs } from 'node:util';
import { createApp } from '../app.ts';
import type { Env } from '../env.ts';
import type { Logger } from '../logger.ts';
import { openDatabase } from '../runtime/open-database.ts';
import { listen, type Listening } from '../runtime/listen.ts';
import { loadMasterKey, loadMasterKeyring } from '../secrets/master-key.ts';
import { createFieldEncryption } from '../secrets/field-encryption.ts';
import { createJobQueue } from '../jobs/job-queue.ts';
import { createMailTransport } from '../mail/mail-transport.ts';
import { startMailWorker } from '../mail/mail-service.ts';
import { startWebhookWorker } from '../webhooks/webhook-service.ts';
import { startWebhookLogRetention } from '../webhooks/webhook-log-retention.ts';
import { startExportWorker } from '../rights/export/export-worker.ts';
import { seedDemoTenant } from '../demo/demo-tenant.ts';
import { seedDemoSchedules } from '../demo/seed-schedules.ts';
import { seedDemoRightsSettings } from '../demo/demo-rights-settings.ts';
import { startRightsJobs } from '../rights/jobs/rights-jobs.ts';
import { startGuardianExpiry } from '../accounts/guardian/guardian-jobs.ts';
import { partnerPortalApp } from '../demo/partner-portal-server.ts';
import { demoWebhookReceiverApp } from '../demo/demo-webhook-receiver.ts';
import { demoWebhookSecret, seedDemoWebhookEndpoint } from '../demo/demo-webhooks.ts';
import { UsageError } from './output.ts';
import { takeOverShutdownSignals } from '../db/local-postgres.ts';
import { liveHubFor } from '../schedules/live-hub.ts';
import { welcomeText } from './welcome-text.ts';
import { AuditKeys } from '../login-audit/audit-keys.ts';
import { sealQuietChainsPeriodically } from '../login-audit/chain-maintenance.ts';
import { DEFAULT_CHECKPOINT_POLICY } from '../login-audit/login-audit-trail.ts';

interface Context { env: Env; logger: Logger }

/** `porttask serve`: the API, until SIGINT/SIGTERM, then a graceful stop. */
export async function serveCommand(args: string[], context: Context): Promise<void> {
  const port = portOption(args, context.env.PORT);
  const running = await startApi({ ...context, env: { ...context.env, PORT: port } });
  stopOnSignal(context.logger, running.stop);
}

/** `porttask start` (what `npm start` runs): the API, the demo tenant and the demo portal. */
export async function startCommand(_args: string[], context: Context): Promise<void> {
  const started = performance.now();
  const { env, logger } = context;
  const running = await startApi(context);
  const portalOrigin = `http://localhost:${env.DEMO_PORT}`;
  const keys = await seedDemoTenant(running.db.owner, running.masterKey, portalOrigin);
  await seedDemoSchedules(running.db.owner, { tenantId: keys.tenantId, environment: 'test' });
  await seedDemoRightsSettings(running.db.owner, running.encryption, { tenantId: keys.tenantId, environment: 'test' });
  const apiUrl = env.PORTTASK_PUBLIC_URL ?? `http://localhost:${running.api.port}`;
  const portal = await listen(partnerPortalApp({ apiUrl, publishableKey: keys.publishableKey }).fetch, { port: env.DEMO_PORT, host: env.HOST, logger, name: 'demo portal' });
  // The demo tenant's webhooks go to a receiver on this machine that verifies and logs them.
  const webhookSecret = demoWebhookSecret(running.masterKey);
  const webhookReceiver = await listen(demoWebhookReceiverApp({ secret: webhookSecret, logger }).fetch, { port: env.DEMO_WEBHOOK_PORT, host: env.HOST, logger, name: 'demo webhook receiver' });
  await seedDemoWebhookEndpoint(running.db.owner, running.encryption, webhookSecret, `${webhookReceiver.url}/webhooks`);
  const readyMs = Math.round(performance.now() - started);
  // stdout is this text alone (logs go to stderr): the one place the demo secret key is printed.
  process.stdout.write(welcomeText({ apiUrl, portalUrl: `http://localhost:${portal.port}`, database: running.db.description, keys, readyMs, developmentMailboxUrl: running.developmentMailboxUrl, webhookReceiverUrl: webhookReceiver.url }));
  stopOnSignal(logger, async () => {
    await portal.close(2_000);
    await webhookReceiver.close(1_000);
    await running.stop();
  });
}

async function startApi({ env, logger }: Context) {
  // The server sets its database up where there is none (the CLI's other commands do not),
  // and, running for long, restarts the embedded PostgreSQL if it dies.
  const db = await openDatabase(env, logger, { createCluster: true, supervise: true });
  logger.info({ database: db.description }, 'database');
  const masterKey = loadMasterKey(env);
  const production = env.NODE_ENV === 'production';
  const encryption = createFieldEncryption(loadMasterKeyring(env));
  const jobs = createJobQueue(db.sql, logger, { timekeeper: true });
  const mailTransport = createMailTransport(env);
  const developmentMailbox = !production && mailTransport.via === 'development_mailbox' ? { encryption } : undefined;
  const app = createApp({
    db, logger, masterKey, production, widgetReleasesDirectory: env.PORTTASK_WIDGET_RELEASES_DIR,
    publicUrl: env.PORTTASK_PUBLIC_URL ?? `http://localhost:${env.PORT}`, developmentMailbox, rights: { encryption, jobs },
    rateLimits: { ipPerMinute: env.RATE_LIMIT_IP_PER_MINUTE, signInIpPerMinute: env.RATE_LIMIT_SIGN_IN_IP_PER_MINUTE, signInTenantPerMinute: env.RATE_LIMIT_SIGN_IN_TENANT_PER_MINUTE },
  });
  let api: Listening;
  try {
    await jobs.start();
    await startMailWorker({ sql: db.sql, jobs, encryption, transport: mailTransport, logger });
    await startRightsJobs({ sql: db.sql, jobs, encryption, logger });
    await startWebhookWorker({ sql: db.sql, jobs, encryption, logger, allowPrivateTestAddresses: !production });
    await startExportWorker({ sql: db.sql, jobs, encryption, logger });
    await startWebhookLogRetention({ sql: db.sql, jobs, logger });
    await startGuardianExpiry({ sql: db.sql, encryption, jobs, logger });
    api = await listen(app.fetch, { port: env.PORT, host: env.HOST, logger, name: 'api' });
  } catch (error) {
    await jobs.stop().catch(() => {});
    await db.close();
    throw new UsageError(`Cannot listen on ${env.HOST}:${env.PORT}: ${(error as Error).message}. Set PORT to another port.`);
  }
  const stopSealing = sealQuietChainsPeriodically(db.sql, new AuditKeys(masterKey), DEFAULT_CHECKPOINT_POLICY,
    (error) => logger.error({ err: error }, 'login audit checkpoint refused'));
  if (developmentMailbox) logger.info({ url: `${api.url}/dev/mail` }, 'SMTP_URL is not set: mail is kept in the development mailbox');
  return {
    db,
    api,
    masterKey,
    encryption,
    developmentMailboxUrl: developmentMailbox ? `${env.PORTTASK_PUBLIC_URL ?? `http://localhost:${api.port}`}/dev/mail` : undefined,
    async stop() {
      liveHubFor(db.sql).endStreams(); // live clients reconnect elsewhere now, not after the grace time
      await stopSealing();
      await api.close();
      await jobs.stop(); // running jobs finish; queued ones wait for the next start
      mailTransport.close();
      await db.close();
    },
  };
}

function portOption(args: string[], fallback: number): number {
  const { values } = parseArgs({ args, options: { port: { type: 'string' } }, strict: true });
  if (values.port === undefined) return fallback;
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError('--port must be 0–65535.');
  return port;
}

function stopOnSignal(logger: Logger, stop: () => Promise<void>): void {
  void takeOverShutdownSignals();
  let stopping = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'stopping: finishing in-flight requests');
    stop().then(
      () => process.exit(0),
      (error) => {
        logger.error({ err: error }, 'unclean stop');
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
}
