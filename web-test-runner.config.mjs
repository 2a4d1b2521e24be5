// Widget tests: @web/test-runner + @open-wc/testing in headless Chromium, against the real API.
// Run through `npm run test:widgets`, which starts Node with `--conditions=source --import tsx`
// so this file can load the server's TypeScript test helper.
import { existsSync, readdirSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { playwrightLauncher } from '@web/test-runner-playwright';
import { screenshotPlugin } from './test/screenshots/screenshot-plugin.ts';

const exportConditions = ['source', 'browser', 'import', 'default'];

/** Chromium: CHROME_PATH, else Debian's package, else a Playwright download (README.md). */
function findChromium() {
  if (process.env.CHROME_PATH) {
    if (existsSync(process.env.CHROME_PATH)) return process.env.CHROME_PATH;
    exitWithAdvice(`CHROME_PATH is set to ${process.env.CHROME_PATH}, but there is no file there.`);
  }
  if (existsSync('/usr/bin/chromium')) return '/usr/bin/chromium';
  const playwrightCache = path.join(os.homedir(), '.cache', 'ms-playwright');
  if (existsSync(playwrightCache)) {
    for (const directory of readdirSync(playwrightCache).filter((name) => name.startsWith('chromium-')).sort().reverse()) {
      const executable = path.join(playwrightCache, directory, 'chrome-linux', 'chrome');
      if (existsSync(executable)) return executable;
    }
  }
  exitWithAdvice('No Chromium found (looked at CHROME_PATH, /usr/bin/chromium and ~/.cache/ms-playwright).');
}

function exitWithAdvice(problem) {
  console.error(
    `${problem}\nThe widget tests need Chromium. Install it with \`apt-get install -y chromium\` ` +
      '(Debian/Ubuntu), or point CHROME_PATH at a Chrome or Chromium executable.',
  );
  process.exit(1);
}

/**
 * Boots the real API (fresh database, seeded tenant, test keys that allow any localhost
 * origin) when the test server starts, and closes it when the run ends.
 */
function porttaskTestApi() {
  let api;
  let inbox;
  let unreachableApiUrl;
  let portCallCommand;
  let rightsCommand;
  return {
    name: 'porttask-test-api',
    async serverStart() {
      const { startTestServer } = await import('./server/src/testing/test-server.ts');
      const { portCallCommands } = await import('./server/src/testing/port-call-commands.ts');
      const { rightsCommands } = await import('./server/src/testing/rights-commands.ts');
      const { startSmtpInbox } = await import('./server/src/testing/smtp-inbox.ts');
      // Rights requests mail their codes to a real SMTP server in this process.
      inbox = await startSmtpInbox();
      [api, unreachableApiUrl] = await Promise.all([startTestServer({ smtpUrl: inbox.url }), closedLoopbackUrl()]);
      portCallCommand = portCallCommands(() => api);
      rightsCommand = rightsCommands(() => api, () => inbox);
    },
    /**
     * Server commands (`executeServerCommand` in a test, see widgets/src/testing/port-call-commands.ts
     * and rights-commands.ts) that write the test tenant's port calls through the real API with its
     * secret key, read the codes mailed to requesters, and act on requests as staff.
     */
    async executeCommand({ command, payload }) {
      return (await portCallCommand?.(command, payload)) ?? rightsCommand?.(command, payload);
    },
    async serverStop() {
      await api?.close();
      await inbox?.close();
    },
    /** What test pages may know about the API (never the secret key). */
    environment() {
      if (!api) throw new Error('The test API has not started.');
      return { apiUrl: api.apiUrl, publishableKey: api.publishableKey, tenantId: api.tenantId, unreachableApiUrl };
    },
  };
}

/** A loopback port nothing listens on: connections are refused at once, like an API that is down. */
function closedLoopbackUrl() {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(`http://127.0.0.1:${port}`));
    });
  });
}

const testApi = porttaskTestApi();

/**
 * The page every test file runs in. The API's address reaches the tests as a JSON data block
 * (not executed, so no inline script). The CSP forbids inline styles and eval: elements must
 * style themselves with constructable stylesheets only. Inline scripts stay allowed because the
 * runner injects its own configuration script; the end-to-end suite checks a fully strict CSP.
 */
function testRunnerHtml(testFrameworkImport) {
  const environment = JSON.stringify(testApi.environment()).replace(/</g, '\\u003c');
  const contentSecurityPolicy = [
    "default-src 'self'",
    "script-src 'self' 'unsafe-inline' http://127.0.0.1:*",
    "style-src 'self'",
    "connect-src 'self' http://127.0.0.1:* http://localhost:*",
    "img-src 'self' data:",
    // The login element frames the API's /embed/login, as a partner's CSP must allow too.
    "frame-src http://127.0.0.1:* http://localhost:*",
  ].join('; ');
  return `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8">
    <meta http-equiv="Content-Security-Policy" content="${contentSecurityPolicy}">
    <title>PortTask widget tests</title>
  </head>
  <body>
    <script type="application/json" id="porttask-test-environment">${environment}</script>
    <script type="module" src="${testFrameworkImport}"></script>
  </body>
</html>`;
}

export default {
  files: ['widgets/src/**/*.test.ts'],
  nodeResolve: { exportConditions },
  concurrency: 2,
  // Cold first requests against a fresh database, plus the SDK's retry backoff in error tests.
  testsFinishTimeout: 120_000,
  testFramework: { config: { timeout: 10_000 } },
  browsers: [
    playwrightLauncher({
      product: 'chromium',
      launchOptions: {
        executablePath: findChromium(),
        headless: true,
        args: [
          '--no-sandbox',
          '--disable-gpu',
          '--disable-background-networking',
          '--disable-component-update',
          '--no-first-run',
        ],
      },
    }),
  ],
  plugins: [
    esbuildPlugin({ ts: true, target: 'es2022', tsconfig: 'widgets/tsconfig.json' }),
    testApi,
    screenshotPlugin(),
  ],
  testRunnerHtml,
};
