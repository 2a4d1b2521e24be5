import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { after, before, describe, it } from 'node:test';
import { build } from 'esbuild';
import { publint } from 'publint';
import { formatMessage } from 'publint/utils';
import { launchChromium } from '../e2e/support/chromium.ts';
import { startDemoApi, type DemoApi } from '../e2e/support/demo-api.ts';
import { reserveSiteOrigin, serveFolder } from '../e2e/support/static-site.ts';

/**
 * @porttask/sdk and @porttask/widgets exactly as npm would publish them: `npm pack` runs each
 * package's `prepack` build, publint and arethetypeswrong lint the tarballs, and a fresh
 * project outside this workspace installs them (dependencies from the npm registry or cache)
 * and uses them from Node and from a browser page.
 */
const ROOT = path.resolve(import.meta.dirname, '../..');
const run = promisify(execFile);
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const PACKAGES = ['sdk', 'widgets'] as const;

let scratch: string;
const tarballs: Record<(typeof PACKAGES)[number], string> = { sdk: '', widgets: '' };

before(async () => {
  scratch = await mkdtemp(path.join(os.tmpdir(), 'porttask-packed-'));
  for (const name of PACKAGES) {
    // `npm pack` as a maintainer runs it, prepack build included.
    await run(npm, ['pack', '--pack-destination', scratch], { cwd: path.join(ROOT, name), maxBuffer: 16 * 1024 * 1024 });
    const { version } = JSON.parse(await readFile(path.join(ROOT, name, 'package.json'), 'utf8')) as { version: string };
    tarballs[name] = path.join(scratch, `porttask-${name}-${version}.tgz`);
  }
});
after(async () => {
  await rm(scratch, { recursive: true, force: true });
});

describe('the packed tarballs', () => {
  it('hold the built code, declarations, README and LICENSE, and no tests', async () => {
    const expected = {
      sdk: ['dist/index.js', 'dist/index.d.ts', 'dist/schemas.js', 'dist/schemas/index.d.ts', 'dist/server.js', 'dist/server/index.d.ts'],
      widgets: ['dist/npm/index.js', 'dist/types/index.d.ts', 'dist/types/react.d.ts', 'dist/types/vue.d.ts', 'custom-elements.json', 'dist/npm/elements/vessel-schedule/porttask-vessel-schedule.js'],
    };
    for (const name of PACKAGES) {
      const { stdout } = await run('tar', ['-tzf', tarballs[name]]);
      const files = stdout.split('\n').filter(Boolean).map((file) => file.replace(/^package\//, ''));
      for (const file of [...expected[name], 'README.md', 'LICENSE', 'package.json']) assert.ok(files.includes(file), `${name} tarball has ${file}`);
      assert.deepEqual(files.filter((file) => /\.test\.ts$|\/testing\/|test-fixtures/.test(file)), [], `${name}: no tests shipped`);
    }
  });

  it('pass publint (strict: warnings count) with no message at all', async () => {
    for (const name of PACKAGES) {
      const tarball = await readFile(tarballs[name]);
      const { messages, pkg } = await publint({ pack: { tarball: tarball.buffer.slice(tarball.byteOffset, tarball.byteOffset + tarball.byteLength) }, level: 'suggestion', strict: true });
      assert.deepEqual(messages.map((message) => formatMessage(message, pkg) ?? message.code), [], name);
    }
  });

  // ESM only, on purpose: every entry is an ES module. CommonJS `require()` of it works on
  // Node 20.19+/22.12+ and is otherwise `await import()`, which attw reports as
  // "cjs-resolves-to-esm": that rule alone is ignored. node10 (TypeScript's old `node`
  // resolution) stays checked and passes through `typesVersions`.
  it('pass arethetypeswrong for node10, node16 (ESM) and bundlers; ESM only', async () => {
    const attw = path.join(ROOT, 'node_modules/@arethetypeswrong/cli/dist/index.js');
    for (const name of PACKAGES) {
      const result = await run(process.execPath, [attw, tarballs[name], '--ignore-rules', 'cjs-resolves-to-esm', '--format', 'table-flipped'], { env: { ...process.env, NO_COLOR: '1' } }).then(
        ({ stdout }) => ({ stdout, failed: false }),
        (error: { stdout: string }) => ({ stdout: error.stdout, failed: true }),
      );
      assert.ok(!result.failed, `${name}:\n${result.stdout}`);
      assert.match(result.stdout, /node10/, 'node10 was checked');
    }
  });
});

describe('installed from the tarballs in a fresh project', () => {
  let project: string;
  let api: DemoApi;
  let site: { port: number; url: string };

  before(async () => {
    project = path.join(scratch, 'partner-app');
    await mkdir(project);
    await writeFile(path.join(project, 'package.json'), JSON.stringify({ name: 'partner-app', private: true, type: 'module' }));
    await run(npm, ['install', '--no-audit', '--no-fund', '--prefer-offline', tarballs.sdk, tarballs.widgets], { cwd: project });
    site = await reserveSiteOrigin();
    api = await startDemoApi(site.url);
  });
  after(async () => {
    await api?.close();
  });

  it('runs an ESM Node script with the SDK against the real API', async () => {
    await writeFile(path.join(project, 'partner-server.mjs'), `
      import { createClient, NotFoundError } from '@porttask/sdk';
      import { PortCallInput } from '@porttask/sdk/schemas';
      import { verifyWebhook, WebhookVerificationError } from '@porttask/sdk/server';
      const client = createClient({ apiUrl: process.env.API_URL, secretKey: process.env.SECRET_KEY });
      const config = await client.config.get();
      let calls = 0;
      for await (const call of client.portCalls.list({ port: 'NLRTM', limit: 5 })) calls += 1;
      const missing = await client.portCalls.get('pc_doesnotexist').catch((error) => error instanceof NotFoundError);
      const refused = PortCallInput.safeParse({ UNLocationCode: 'nope' }).success;
      let forged = false;
      try { verifyWebhook('{}', { 'webhook-id': 'msg_x', 'webhook-timestamp': String(Math.floor(Date.now() / 1000)), 'webhook-signature': 'v1,eA==' }, 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw'); }
      catch (error) { forged = error instanceof WebhookVerificationError; }
      console.log(JSON.stringify({ tenant: config.tenant.id, calls, missing, refused, forged }));
    `);
    const { stdout } = await run(process.execPath, ['partner-server.mjs'], { cwd: project, env: { ...process.env, API_URL: api.apiUrl, SECRET_KEY: api.keys.secretKey } });
    const result = JSON.parse(stdout) as { tenant: string; calls: number; missing: boolean; refused: boolean; forged: boolean };
    assert.equal(result.tenant, api.keys.tenantId);
    assert.ok(result.calls > 0, 'listed the port calls');
    assert.equal(result.missing, true, 'a 404 is a typed NotFoundError');
    assert.equal(result.refused, false, 'the shipped schemas validate');
    assert.equal(result.forged, true, 'the server entry refuses a forged webhook');
  });

  it('declare side effects only where an element is defined: a bundler drops what a page does not use', async () => {
    const bundleOf = async (source: string) => {
      await writeFile(path.join(project, 'tree-shaking.js'), source);
      const bundle = await build({ absWorkingDir: project, entryPoints: ['tree-shaking.js'], bundle: true, format: 'esm', write: false, metafile: true, logLevel: 'silent' });
      return { code: bundle.outputFiles[0]!.text, inputs: Object.keys(bundle.metafile.outputs[Object.keys(bundle.metafile.outputs)[0]!]!.inputs) };
    };
    // The package root defines nothing: an unused import of it leaves nothing behind.
    const unused = await bundleOf(`import '@porttask/widgets';\n`);
    assert.equal(unused.code.trim(), '', 'an unused import of @porttask/widgets bundles to nothing');
    // An element's module defines its tag: kept even though nothing is imported from it.
    const banner = await bundleOf(`import '@porttask/widgets/consent-banner';\n`);
    assert.match(banner.code, /porttask-consent-banner/);
    assert.ok(!banner.inputs.some((input) => input.includes('vessel-schedule')), 'the banner does not pull in the schedule');
  });

  it('renders the installed widgets in Chromium, bundled from the project\'s own node_modules', async () => {
    const siteDirectory = path.join(project, 'site');
    await mkdir(siteDirectory);
    await writeFile(path.join(project, 'page.js'), `import '@porttask/widgets/consent-banner';\nimport '@porttask/widgets/vessel-schedule';\n`);
    const bundle = await build({
      absWorkingDir: project,
      entryPoints: ['page.js'],
      bundle: true,
      format: 'esm',
      target: 'es2022',
      outfile: path.join(siteDirectory, 'page.js'),
      metafile: true,
      logLevel: 'silent',
    });
    const inputs = Object.keys(bundle.metafile.inputs);
    assert.deepEqual(inputs.filter((input) => !input.startsWith('node_modules/') && input !== 'page.js'), [], 'everything came from the installed packages');
    assert.ok(inputs.some((input) => input.startsWith('node_modules/@porttask/widgets/dist/npm/')));
    await writeFile(path.join(siteDirectory, 'index.html'), `<!doctype html><html lang="en"><title>Installed widgets</title>
      <script type="module" src="/page.js"></script>
      <porttask-vessel-schedule api-url="${api.apiUrl}" publishable-key="${api.keys.publishableKey}" port="NLRTM" tz="utc"></porttask-vessel-schedule>
      <porttask-consent-banner api-url="${api.apiUrl}" publishable-key="${api.keys.publishableKey}"></porttask-consent-banner></html>`);
    const server = await serveFolder(siteDirectory, site.port);
    const browser = await launchChromium();
    try {
      const page = await browser.newPage();
      const pageErrors: string[] = [];
      page.on('pageerror', (error) => pageErrors.push(error.message));
      await page.goto(server.url);
      await page.locator('porttask-vessel-schedule [part~="row"]').first().waitFor();
      await page.getByRole('region', { name: 'Your privacy choices' }).waitFor();
      assert.deepEqual(pageErrors, []);
    } finally {
      await browser.close();
      await server.close();
    }
  });
});
