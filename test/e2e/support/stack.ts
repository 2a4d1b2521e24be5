import { randomBytes } from 'node:crypto';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { createApp } from '../../../server/src/app.ts';
import { seedDemoTenant, type DemoKeys } from '../../../server/src/demo/demo-tenant.ts';
import { partnerPortalApp } from '../../../server/src/demo/partner-portal-server.ts';
import { freePort } from '../../../server/src/db/local-postgres.ts';
import { createLogger } from '../../../server/src/logger.ts';
import { listen, type Listening } from '../../../server/src/runtime/listen.ts';
import { createTestDatabase, type TestDatabase } from '../../../server/src/testing/test-database.ts';
import { startRightsMail, type RightsMail } from '../../../server/src/testing/rights-mail.ts';
import { launchChromium } from './chromium.ts';

/**
 * What `npm start` runs, for end-to-end tests: the real API (with the built widgets) and the
 * demo partner portal on a second origin, a fresh database with the demo tenant, and a
 * headless Chromium. The API can be stopped and started again on the same port, to test
 * what widgets do while it is down.
 */
export interface Stack {
  apiUrl: string;
  portalUrl: string;
  keys: DemoKeys;
  /** The API's master key: a test signs with the server's own functions (e.g. an export link). */
  masterKey: Buffer;
  db: TestDatabase;
  browser: Browser;
  /** A fresh browser context and page that records CSP violations and console errors. */
  newPage(): Promise<WatchedPage>;
  /** Serves the demo portal on another origin the demo key does not allow. */
  startForeignPortal(): Promise<string>;
  stopApi(): Promise<void>;
  startApi(): Promise<void>;
  close(): Promise<void>;
}

export interface WatchedPage {
  page: Page;
  context: BrowserContext;
  cspViolations(): Promise<string[]>;
  consoleMessages: string[];
}

export interface StackOptions {
  /** Serve the rights-request routes, mailing through this SMTP server (server/src/testing/smtp-inbox.ts). */
  smtpUrl?: string;
  /** Extra Chromium arguments (e.g. blocking third-party cookies). */
  chromiumArgs?: string[];
}

export async function startStack(options: StackOptions = {}): Promise<Stack> {
  const logger = createLogger(process.env.LOG_LEVEL ?? 'silent');
  const db = await createTestDatabase();
  const [apiPort, portalPort] = [await freePort(), await freePort()];
  const apiUrl = `http://localhost:${apiPort}`;
  const portalUrl = `http://localhost:${portalPort}`;
  const keys = await seedDemoTenant(db.owner, randomBytes(32), portalUrl);
  const masterKey = randomBytes(32);
  const mail: RightsMail | undefined = options.smtpUrl ? await startRightsMail(db.sql, masterKey, options.smtpUrl, logger) : undefined;
  // The API's public URL is the access tokens' issuer: the portal's server checks it.
  const app = createApp({ db, logger, masterKey, publicUrl: apiUrl, ...(mail ? { rights: mail.rights } : {}) });
  let api: Listening | undefined = await listen(app.fetch, { port: apiPort, host: '127.0.0.1' });
  const portalApp = partnerPortalApp({ apiUrl, publishableKey: keys.publishableKey });
  const portal = await listen(portalApp.fetch, { port: portalPort, host: '127.0.0.1' });
  const foreign: Listening[] = [];
  const browser = await launchChromium(options.chromiumArgs);

  return {
    apiUrl,
    portalUrl,
    keys,
    masterKey,
    db,
    browser,
    async newPage() {
      const context = await browser.newContext();
      const page = await context.newPage();
      const consoleMessages: string[] = [];
      page.on('console', (message) => consoleMessages.push(`${message.type()}: ${message.text()}`));
      // Violations are reported to this process as they happen, so the list covers every page
      // the tab showed (a reload or navigation does not reset it). Playwright's init scripts run
      // outside the page's CSP, so this observer is not itself a violation.
      const violations: string[] = [];
      await page.exposeFunction('__reportCspViolation', (violation: string) => { violations.push(violation); });
      await page.addInitScript(() => {
        const report = (globalThis as unknown as { __reportCspViolation(violation: string): void }).__reportCspViolation;
        document.addEventListener('securitypolicyviolation', (event) => report(`${event.violatedDirective} ${event.blockedURI} on ${location.pathname}`));
      });
      return {
        page,
        context,
        consoleMessages,
        cspViolations: async () => {
          // Reports are dispatched as tasks and then cross to this process: let both happen.
          await page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 50)));
          return [...violations];
        },
      };
    },
    async startForeignPortal() {
      // 127.0.0.2 is this machine too, but not "localhost", so even a test key refuses it.
      const server = await listen(portalApp.fetch, { port: 0, host: '127.0.0.2' });
      foreign.push(server);
      return server.url;
    },
    async stopApi() {
      await api?.close(500);
      api = undefined;
    },
    async startApi() {
      api ??= await listen(app.fetch, { port: apiPort, host: '127.0.0.1' });
    },
    async close() {
      await browser.close();
      await Promise.all([api?.close(500), portal.close(500), ...foreign.map((server) => server.close(500))]);
      await mail?.stop();
      await db.drop();
    },
  };
}
