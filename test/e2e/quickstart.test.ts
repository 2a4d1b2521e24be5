import assert from 'node:assert/strict';
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { freePort } from '../../server/src/db/local-postgres.ts';
import { runCli } from '../../server/src/testing/cli-process.ts';
import { launchChromium } from './support/chromium.ts';

/*
 * The README's quick start, as a new partner follows it, on a fresh data directory and with
 * nothing else done: `npm start` (the `porttask start` it runs; the suite has built the
 * widgets), the README's `tenants create` command, the README's page served from the
 * tenant's origin, and Chromium shows the banner. The commands and the page are read from
 * README.md, so the README cannot drift from what works.
 */
const ROOT = path.resolve(import.meta.dirname, '../..');
const README = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
const README_SITE_ORIGIN = 'http://localhost:5500';
const README_API_URL = 'http://localhost:8787';

/** The first fenced block of `language` in the README that contains `marker`. */
function readmeBlock(language: string, marker: string): string {
  const blocks = [...README.matchAll(new RegExp('```' + language + '\\n([\\s\\S]*?)```', 'g'))].map((match) => match[1]!.replace(/^ {3}/gm, ''));
  const block = blocks.find((candidate) => candidate.includes(marker));
  assert.ok(block, `README.md has a ${language} block with ${marker}`);
  return block;
}

/** Shell words of one command (line continuations joined, double quotes honoured). */
function shellWords(command: string): string[] {
  return [...command.replace(/\\\n\s*/g, ' ').trim().matchAll(/"([^"]*)"|(\S+)/g)].map((match) => match[1] ?? match[2]!);
}

let dataDirectory: string;
let start: ChildProcessWithoutNullStreams;
let site: Server;
let browser: Browser;
let stdout = '';
let stderr = '';
let apiUrl: string;
let siteOrigin: string;
let portalOrigin: string;
const env = (): NodeJS.ProcessEnv => ({ DATABASE_URL: '', PORTTASK_DATA_DIR: dataDirectory, LOG_LEVEL: '' });

before(async () => {
  dataDirectory = await mkdtemp(path.join(os.tmpdir(), 'porttask-quickstart-'));
  await chmod(dataDirectory, 0o777); // as root, the embedded PostgreSQL runs as the `postgres` user
  const [apiPort, demoPort, sitePort, webhookPort] = [await freePort(), await freePort(), await freePort(), await freePort()];
  apiUrl = `http://localhost:${apiPort}`;
  portalOrigin = `http://localhost:${demoPort}`;
  siteOrigin = `http://localhost:${sitePort}`;
  start = spawn(process.execPath, ['--conditions=source', '--import', import.meta.resolve('tsx'), path.join(ROOT, 'server/src/cli.ts'), 'start'], {
    env: { ...process.env, ...env(), PORT: String(apiPort), DEMO_PORT: String(demoPort), DEMO_WEBHOOK_PORT: String(webhookPort) },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  start.stderr.on('data', (chunk: Buffer) => { stderr += chunk; });
  await new Promise<void>((resolve, reject) => {
    start.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk;
      if (stdout.includes('Stop with Ctrl+C.')) resolve();
    });
    start.once('exit', (code) => reject(new Error(`porttask start exited with ${code}:\n${stdout}\n${stderr}`)));
  });
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  site?.close();
  if (start && start.exitCode === null) {
    const exited = new Promise((resolve) => start.once('exit', resolve));
    start.kill('SIGTERM');
    await exited;
  }
  await rm(dataDirectory, { recursive: true, force: true });
});

describe('README quick start on a fresh data directory', () => {
  it('npm start: stdout is the welcome text with next steps, logs are JSON on stderr, the demo secret key is printed once and never logged', () => {
    const secretKey = /Secret key\s+(sk_test_[0-9a-z]{52})/.exec(stdout)?.[1];
    assert.ok(secretKey, stdout);
    assert.equal(stdout.split(secretKey).length - 1, 1, 'the demo secret key appears once in the welcome text');
    assert.ok(!stderr.includes(secretKey) && !stderr.includes(secretKey.slice(8)), 'no log line carries the secret key');
    assert.ok(stdout.split('\n').every((line) => !line.trimStart().startsWith('{')), 'no log line on stdout');
    const logLines = stderr.trim().split('\n');
    assert.ok(logLines.length >= 2);
    for (const line of logLines) assert.doesNotThrow(() => JSON.parse(line), `a JSON log line (stderr is not a terminal): ${line}`);
    assert.ok(logLines.some((line) => JSON.parse(line).msg === 'listening'));
    for (const step of ['Next steps', 'npx porttask tenants create', '--policy-url', `${apiUrl}/widgets/v1/porttask.js`, '<porttask-consent-banner>', 'examples/node-sdk/feed-schedule.ts']) {
      assert.ok(stdout.includes(step), `the welcome text says "${step}"`);
    }
    assert.match(stdout, new RegExp(`Database\\s+embedded PostgreSQL in ${dataDirectory}/postgres`));
  });

  it('tenants create (the README\'s command) → the README\'s page on the tenant\'s origin → the banner shows, and a decision is recorded', async () => {
    const command = readmeBlock('sh', 'npx porttask tenants create').replaceAll(README_SITE_ORIGIN, siteOrigin);
    const [npx, porttask, ...args] = shellWords(command);
    assert.deepEqual([npx, porttask], ['npx', 'porttask']);
    assert.ok(args.includes('--origin') && args.includes('--policy-url'), 'the README\'s command gives the origin and the policy');
    const created = await runCli(args, env(), { cwd: os.tmpdir() });
    assert.equal(created.code, 0, created.stderr);
    assert.match(created.stderr, new RegExp(`database: embedded PostgreSQL in ${dataDirectory}/postgres \\(already running\\)`), 'the server\'s database');
    assert.doesNotMatch(created.stderr, /warning/);
    const publishableKey = /publishable key: (pk_live_[0-9a-z]{52})/.exec(created.stdout)?.[1];
    assert.ok(publishableKey, created.stdout);

    const page = readmeBlock('html', '<!doctype html>').replaceAll(README_API_URL, apiUrl).replace('pk_live_…', publishableKey);
    assert.ok(page.includes(publishableKey) && page.includes(apiUrl));
    site = createServer((_request, response) => response.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' }).end(page));
    await new Promise<void>((resolve) => site.listen(Number(new URL(siteOrigin).port), '127.0.0.1', resolve));

    const context = await browser.newContext();
    const tab = await context.newPage();
    const problems: string[] = [];
    tab.on('console', (message) => { if (message.type() === 'error' || message.type() === 'warning') problems.push(message.text()); });
    await tab.goto(siteOrigin);
    const banner = tab.getByRole('region', { name: 'Your privacy choices' });
    await banner.waitFor({ timeout: 15_000 });
    assert.match(await banner.innerText(), /2026-01-01|privacy/i);
    const recorded = tab.waitForResponse((response) => response.url() === `${apiUrl}/v1/consents` && response.request().method() === 'POST');
    await tab.getByRole('button', { name: 'Accept all' }).click();
    assert.equal((await recorded).status(), 201);
    assert.deepEqual(problems, [], 'no errors or warnings in the console');
    await context.close();
  });

  it('the demo webhook receiver gets the demo tenant\'s events, each signature verified, and logs them', async () => {
    const receiverUrl = /Webhooks \(demo\)\s+(http:\/\/\S+)/.exec(stdout)?.[1];
    const publishableKey = /Publishable key\s+(pk_test_[0-9a-z]{52})/.exec(stdout)?.[1];
    assert.ok(receiverUrl && publishableKey, stdout);
    const made = await fetch(`${apiUrl}/v1/rights-requests`, {
      method: 'POST',
      headers: { 'X-PortTask-Key': publishableKey, Origin: portalOrigin, 'Content-Type': 'application/json' },
      body: JSON.stringify({ type: 'access', email: 'demo.visitor@example.com' }),
    });
    assert.equal(made.status, 202);
    const { id } = (await made.json()) as { id: string };
    const deadline = Date.now() + 20_000;
    let received: Array<{ event: { type: string; data: { id: string } } }> = [];
    while (!received.some((entry) => entry.event.data.id === id) && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      received = ((await (await fetch(receiverUrl)).json()) as { received: typeof received }).received;
    }
    assert.deepEqual(received.filter((entry) => entry.event.data.id === id).map((entry) => entry.event.type), ['rights_request.created']);
    assert.ok(stderr.split('\n').some((line) => line.includes('demo webhook receiver: event received') && line.includes(id)), 'the receiver logged it');
    assert.doesNotMatch(stderr, /demo\.visitor@example\.com/, 'no log line holds the email');
  });
});
