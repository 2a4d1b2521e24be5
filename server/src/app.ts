import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { OpenAPIHono } from '@hono/zod-openapi';
import { compress } from 'hono/compress';
import type { AppEnv } from './app-env.ts';
import { authenticate } from './auth/authenticate.ts';
import { StaffTokens } from './auth/staff-tokens.ts';
import type { Database } from './db/connection.ts';
import { bodyLimits } from './http/body-limits.ts';
import { DEFAULT_IP_PER_MINUTE, RateLimits, type RateLimitSettings } from './limits/rate-limits.ts';
import { requireJsonBody } from './http/content-type.ts';
import { handleError, notFoundHandler } from './http/error-handler.ts';
import { PageCursors } from './http/page-cursor.ts';
import { requestContext } from './http/request-context.ts';
import { answerHeaders } from './http/answer-headers.ts';
import { CachedTrieRouter } from './http/cached-router.ts';
import { securityHeaders } from './http/security-headers.ts';
import { unitOfWork } from './http/unit-of-work.ts';
import type { Logger } from './logger.ts';
import { documentedRoutes, openApiDocument, registerComponents } from './openapi/document.ts';
import { apiReference } from './openapi/reference-page.ts';
import { apiKeysRouter } from './routes/api-keys/index.ts';
import { configRouter } from './routes/config/index.ts';
import { developmentMailRouter } from './routes/dev-mail/index.ts';
import { createFieldEncryption, type FieldEncryption } from './secrets/field-encryption.ts';
import { masterKeyring } from './secrets/master-keyring.ts';
import type { JobQueue } from './jobs/job-queue.ts';
import type { AnnounceRightsEvent } from './rights/announcements.ts';
import { rightsRequestsRouter } from './routes/rights-requests/index.ts';
import { rightsSettingsRouter } from './routes/rights-settings/index.ts';
import { ExportLinks } from './rights/export/export-links.ts';
import { consentConfigRouter } from './routes/consent-config/index.ts';
import { consentsRouter } from './routes/consents/index.ts';
import { healthRouter } from './routes/health/index.ts';
import { auditRouter } from './routes/audit/index.ts';
import { authRouter } from './routes/auth/index.ts';
import { usersRouter } from './routes/users/index.ts';
import { signUpSettingsRouter } from './routes/sign-up-settings/index.ts';
import { invitationsRouter } from './routes/users/invitations.router.ts';
import { authTokensRouter, jwksRouter } from './routes/auth-tokens/index.ts';
import { embedRouter } from './routes/embed/index.ts';
import { passwordResetRouter } from './routes/embed/password-reset.ts';
import { SigningKeys } from './accounts/tokens/signing-keys.ts';
import { TokenService } from './accounts/tokens/token-service.ts';
import { authInstances } from './accounts/auth-instances.ts';
import { GuardianConsents } from './accounts/guardian/guardian-consents.ts';
import { guardianConsentRouter } from './routes/embed/guardian-consent.ts';
import { AuditKeys } from './login-audit/audit-keys.ts';
import { tenantKeyEmailSealer } from './login-audit/email-sealer.ts';
import { subjectEmailSealer } from './login-audit/subject-email-sealer.ts';
import { LoginAuditTrail } from './login-audit/login-audit-trail.ts';
import { portCallsRouter } from './routes/port-calls/index.ts';
import { portsRouter } from './routes/ports/index.ts';
import { vesselsRouter } from './routes/vessels/index.ts';
import { webhookEndpointsRouter } from './routes/webhook-endpoints/index.ts';
import { widgetAssets } from './widgets/widget-assets.ts';

export const DEFAULT_WIDGETS_DIRECTORY = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../widgets/dist/cdn');
const MAX_JSON_BODY_BYTES = 256 * 1024;
/** A vessel line-up import (secret keys only): up to 5,000 rows. */
const MAX_IMPORT_BODY_BYTES = 8 * 1024 * 1024;

export interface AppDependencies {
  db: Database;
  logger: Logger;
  /** The master key (secrets/master-key.ts); page cursors are sealed with a key derived from it. */
  masterKey: Buffer;
  production?: boolean;
  /** The API's public URL (better-auth's base URL). */
  publicUrl?: string;
  /** Where the CDN build of the widgets is (served at /widgets/v1/ and /widgets/<its version>/). */
  widgetsDirectory?: string;
  /** Earlier widget builds kept for pinned embeds, one folder per version (docs/embedding.md). */
  widgetReleasesDirectory?: string | undefined;
  /** Field encryption and the job queue: the rights-request and webhook routes are served only when given. */
  rights?: { encryption: FieldEncryption; jobs: JobQueue; announce?: AnnounceRightsEvent };
  /** Given only outside production without SMTP_URL: serves the development mailbox at /dev/mail. */
  developmentMailbox?: { encryption: FieldEncryption };
  /** Platform rate limits (tenants' own are in the database); safe defaults when absent. */
  rateLimits?: RateLimitSettings;
}

/** The one app: `porttask serve` listens with it, tests call it in-process or over HTTP. */
export function createApp({ db, logger, masterKey, production = false, widgetsDirectory = DEFAULT_WIDGETS_DIRECTORY, widgetReleasesDirectory, publicUrl = 'http://localhost:8787', developmentMailbox, rights, rateLimits = { ipPerMinute: DEFAULT_IP_PER_MINUTE } }: AppDependencies) {
  const app = new OpenAPIHono<AppEnv>({ router: new CachedTrieRouter() });
  const pageCursors = new PageCursors(masterKey);
  const limits = new RateLimits(db.sql, rateLimits);
  const auditKeys = new AuditKeys(masterKey);
  // Each address in the login audit is sealed under its own person's key, so a deletion request
  // can shred it (rights/fulfilment/account-erasure.ts); rows of the interim per-tenant key still open.
  const emailSealer = subjectEmailSealer(db.sql, rights?.encryption ?? createFieldEncryption(masterKeyring(masterKey)), tenantKeyEmailSealer(auditKeys));
  const loginAudit = new LoginAuditTrail(db.sql, auditKeys, emailSealer, undefined,
    (error) => logger.error({ err: error }, 'login audit checkpoint refused'));

  const signingKeys = new SigningKeys(db.sql, masterKey);
  const tokens = new TokenService(db.sql, signingKeys, loginAudit, publicUrl);
  const authFor = authInstances({ sql: db.sql, masterKey, loginAudit, baseUrl: publicUrl, mail: rights });
  // Minors' accounts wait for a guardian's consent, asked by mail: only where mail is sent.
  const guardians = rights ? new GuardianConsents({ sql: db.sql, encryption: rights.encryption, jobs: rights.jobs, loginAudit, masterKey, baseUrl: publicUrl }) : undefined;

  app.use('*', answerHeaders(securityHeaders({ production })));
  app.use('*', requestContext(logger, db.sql, { loginAudit, pageCursors }));
  // Compress what is worth it: GET answers (lists, bundles). Write answers are small, and
  // compressing them cost a third of the consent write rate (docs/benchmarks.md).
  const compressGets = compress();
  app.use('*', (c, next) => (c.req.method === 'GET' ? compressGets(c, next) : next()));
  // Per IP before anything else is looked up (preflights included), then the key from headers
  // alone: nobody without one makes the server read a body.
  app.use('/v1/*', limits.limitIp());
  // Access tokens checked locally: staff on /v1, and the login frame's account-security view.
  const staffTokens = new StaffTokens(signingKeys, publicUrl);
  app.use('/v1/*', authenticate({ staffTokens }));
  // The banner's configuration counts per IP alone: nothing on its critical path but the answer.
  app.use('/v1/*', limits.limitKey({ ipOnlyRoutes: ['GET /v1/config'] }));
  app.use('/v1/*', bodyLimits(MAX_JSON_BODY_BYTES, { '/v1/port-calls/import': { bytes: MAX_IMPORT_BODY_BYTES, keyKinds: ['secret'] } }));
  app.use('/v1/*', requireJsonBody({ '/v1/port-calls/import': [/^application\/(?:x-)?ndjson\s*(?:;|$)/i, /^text\/csv\s*(?:;|$)/i] }));
  // Sign-in and sign-up: the same order (per IP, key from headers, per key, then the body).
  app.use('/api/auth/*', limits.limitIp(), authenticate(), limits.limitKey(), bodyLimits(MAX_JSON_BODY_BYTES));
  app.use('/.well-known/*', limits.limitIp());
  // The login frame: per IP; its posts carry the key in a header and are checked by the route.
  app.use('/embed/*', limits.limitIp(), bodyLimits(MAX_JSON_BODY_BYTES));
  // The consent write is one statement and claims its idempotency key itself (the hot path).
  app.use('/v1/*', unitOfWork(db.sql, { singleStatementRoutes: ['POST /v1/consents'] }));

  app.route('/', healthRouter);
  app.route('/', configRouter);
  app.route('/', portCallsRouter).route('/', portsRouter).route('/', vesselsRouter);
  app.route('/', consentsRouter);
  app.route('/', consentConfigRouter);
  app.route('/', apiKeysRouter);
  app.route('/', auditRouter);
  app.route('/', usersRouter);
  app.route('/', signUpSettingsRouter);
  app.route('/', authRouter(authFor, guardians));
  app.route('/', authTokensRouter(tokens));
  app.route('/', jwksRouter(signingKeys));
  app.route('/', embedRouter({ pool: db.sql, authFor, tokens, staffTokens, guardians }));
  if (guardians) app.route('/', guardianConsentRouter({ pool: db.sql, authFor, guardians }));
  app.route('/', passwordResetRouter({ pool: db.sql, authFor, masterKey, logger }));
  if (rights) app.route('/', rightsRequestsRouter({ ...rights, pool: db.sql, exportLinks: new ExportLinks(masterKey) }));
  if (rights) app.route('/', rightsSettingsRouter(rights.encryption));
  if (rights) app.route('/', webhookEndpointsRouter(rights));
  if (rights) app.route('/', invitationsRouter({ mail: rights, baseUrl: publicUrl }));

  registerComponents(app);
  app.get('/openapi.json', (c) => c.json(openApiDocument(app, new URL(c.req.url).origin)));
  app.route('/', apiReference());
  app.route('/widgets', widgetAssets({ directory: widgetsDirectory, releasesDirectory: widgetReleasesDirectory }));
  if (developmentMailbox && !production) app.route('/', developmentMailRouter(db.sql, developmentMailbox.encryption));

  app.notFound(notFoundHandler(() => documentedRoutes(app)));
  app.onError(handleError);
  return app;
}

export type App = ReturnType<typeof createApp>;
