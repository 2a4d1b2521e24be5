/**
 * Consent budgets (docs/benchmarks.md, "Budgets"):
 *   1. the banner's first load (loader + Lit + banner + English), gzip and brotli: ≤ 15 KB gzip;
 *   2. script start → banner visible on the demo portal in headless Chromium (median of 7 cold loads);
 *   3. sustained POST /v1/consents rate over loopback HTTP beside the rate of plain INSERTs into
 *      the same table, measured in the same run: the budget is ≥ half.
 * Bounded: each rate runs for DURATION_MS with CONCURRENCY workers, on loopback only.
 */
import { spawn } from 'node:child_process';
import autocannon from 'autocannon';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { createHash, randomUUID } from 'node:crypto';
import { freePort } from '../server/src/db/local-postgres.ts';
import { newReceiptId } from '../server/src/ids.ts';
import { insertTenant } from '../server/src/tenants/tenants.queries.ts';
import { insertApiKey } from '../server/src/auth/api-keys.queries.ts';
import { setTenantLimits } from '../server/src/limits/limit-policies.ts';
import { createTestDatabase } from '../server/src/testing/test-database.ts';
import { startStack } from '../test/e2e/support/stack.ts';
import { formatCpuSplit, startCpuSplit, type CpuSeconds } from './cpu-split.ts';
import { compressedSize, kilobytes } from './sizes.ts';

const ROOT = path.resolve(import.meta.dirname, '..');
const BANNER_BUDGET_BYTES = 15 * 1024;
const VISIBLE_RUNS = 7;
/** Added to every request in the slow-network run: what each round trip costs on a phone. */
const EMULATED_LATENCY_MS = 100;
const DURATION_MS = 5_000;
const CONCURRENCY = 16;

export interface ConsentBenchResult {
  firstLoad: { gzip: number; brotli: number; files: string[] };
  bannerVisibleMs: { median: number; runs: number[] };
  bannerVisibleSlowNetworkMs: { median: number; runs: number[] };
  rates: { postsPerSecond: number; insertsPerSecond: number; ratio: number; uncompressedPostsPerSecond: number; bareHttpPerSecond: number; postsCpu: CpuSeconds | undefined };
}

export async function run(): Promise<ConsentBenchResult> {
  const firstLoad = await bannerFirstLoad();
  console.log(`consent banner first load (${firstLoad.files.join(' + ')}): ${kilobytes(firstLoad.gzip)} gzip, ${kilobytes(firstLoad.brotli)} brotli ` +
    `(budget ${kilobytes(BANNER_BUDGET_BYTES)} gzip) ${firstLoad.gzip <= BANNER_BUDGET_BYTES ? 'OK' : 'OVER BUDGET'}`);
  const dialog = await compressedSize((await readdir(path.join(ROOT, 'widgets/dist/cdn/chunks'))).filter((file) => /^consent-dialog-.*\.js$/.test(file)).map((file) => `chunks/${file}`));
  console.log(`preferences dialog chunk (loaded on idle after the banner shows, or on Customise): +${kilobytes(dialog.gzip)} gzip, +${kilobytes(dialog.brotli)} brotli`);
  const bannerVisibleMs = await scriptStartToBannerVisible();
  console.log(`script start → banner visible (demo portal, headless Chromium, cold cache): median ${bannerVisibleMs.median.toFixed(1)} ms over ${VISIBLE_RUNS} runs [${bannerVisibleMs.runs.map((ms) => ms.toFixed(0)).join(', ')}]`);
  const bannerVisibleSlowNetworkMs = await scriptStartToBannerVisible(EMULATED_LATENCY_MS);
  console.log(`  the same with ${EMULATED_LATENCY_MS} ms added to every request (Chromium network emulation, a mobile network's round trip): ` +
    `median ${bannerVisibleSlowNetworkMs.median.toFixed(1)} ms [${bannerVisibleSlowNetworkMs.runs.map((ms) => ms.toFixed(0)).join(', ')}]`);
  const rates = await consentWriteRates();
  console.log(`POST /v1/consents (rate limits on: 4 counters per request in PostgreSQL): ${rates.postsPerSecond.toFixed(0)}/s; plain INSERT into consent_records: ${rates.insertsPerSecond.toFixed(0)}/s; ` +
    `ratio ${rates.ratio.toFixed(2)} (budget ≥ 0.50) ${rates.ratio >= 0.5 ? 'OK' : 'UNDER BUDGET'}`);
  console.log(`  POST load: ${formatCpuSplit(rates.postsCpu)}`);
  console.log(`  for comparison, same run: POST /v1/consents asking for no compression (Accept-Encoding: identity) ${rates.uncompressedPostsPerSecond.toFixed(0)}/s; ` +
    `a bare Hono app answering {"ok":true} in its own process ${rates.bareHttpPerSecond.toFixed(0)}/s`);
  return { firstLoad, bannerVisibleMs, bannerVisibleSlowNetworkMs, rates };
}

async function bannerFirstLoad() {
  const manifest = JSON.parse(await readFile(path.join(ROOT, 'widgets/dist/cdn/manifest.json'), 'utf8')) as {
    loader: string;
    elements: Record<string, { file: string; imports: string[] }>;
  };
  const banner = manifest.elements['porttask-consent-banner'];
  if (!banner) throw new Error('widgets/dist/cdn/manifest.json has no porttask-consent-banner: run `npm run build` first.');
  // English is bundled with the banner (its catalog sits in the chunk the banner shares with the preferences control).
  const files = [manifest.loader, banner.file, ...banner.imports.filter((file) => file !== manifest.loader)];
  return { ...(await compressedSize(files)), files };
}

/**
 * From the moment the browser starts fetching porttask.js (Resource Timing) to the first frame
 * in which the banner's first layer is rendered with a size, on the demo portal (second
 * origin, strict CSP). A new browser context per run: no cache, no stored decision.
 */
async function scriptStartToBannerVisible(latencyMs = 0) {
  const stack = await startStack();
  const runs: number[] = [];
  try {
    for (let attempt = 0; attempt < VISIBLE_RUNS; attempt += 1) {
      const { page, context } = await stack.newPage();
      if (latencyMs > 0) {
        const cdp = await context.newCDPSession(page);
        await cdp.send('Network.enable');
        await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: latencyMs, downloadThroughput: -1, uploadThroughput: -1 });
      }
      // A string, not a function: the TypeScript runner would wrap a function with helpers the page lacks.
      await page.addInitScript({
        content: `(() => {
          const check = () => {
            const banner = document.querySelector('porttask-consent-banner')?.shadowRoot?.querySelector('[part~="banner"]');
            if (banner && banner.getBoundingClientRect().height > 0) globalThis.bannerVisibleAt = performance.now();
            else requestAnimationFrame(check);
          };
          requestAnimationFrame(check);
        })();`,
      });
      await page.goto(stack.portalUrl);
      await page.waitForFunction(() => (globalThis as { bannerVisibleAt?: number }).bannerVisibleAt !== undefined);
      runs.push(await page.evaluate(() => {
        const loader = performance.getEntriesByType('resource').find((entry) => entry.name.endsWith('/widgets/v1/porttask.js'));
        return (globalThis as unknown as { bannerVisibleAt: number }).bannerVisibleAt - (loader?.startTime ?? 0);
      }));
      await context.close();
    }
  } finally {
    await stack.close();
  }
  const sorted = [...runs].sort((a, b) => a - b);
  return { median: sorted[Math.floor(sorted.length / 2)]!, runs };
}

/** The API in its own process (as deployed), the load from this one, PostgreSQL beside both. */
export async function consentWriteRates() {
  const api = await startConsentApi();
  const { db, tenant } = api;
  try {
    const consentLoad = (extraHeaders: Record<string, string> = {}) => httpLoad({ ...api.consentRequests(), headers: { ...api.consentRequests().headers, ...extraHeaders } });
    await consentLoad(); // warm up: connections, JIT, query plans
    const stopCpuSplit = startCpuSplit(api.pid);
    const posts = await consentLoad();
    const postsCpu = stopCpuSplit();
    const uncompressedPosts = await consentLoad({ 'Accept-Encoding': 'identity' });
    const insert = () => db.sql`
      INSERT INTO consent_records (tenant_id, environment, id, subject_id, choices, policy_version, banner_text_hash, locale, source, gpc, ip_address, user_agent, decided_at)
      VALUES (${tenant.id}, 'test', ${newReceiptId()}, ${`bench_subject_${api.nextSubject()}`},
              ${db.sql.json({ necessary: true, functional: false, analytics: true, marketing: false })},
              'bench-1', ${api.textHash}, 'en', 'banner', false, '127.0.0.1', 'bench', now())`;
    await timed(1_000, insert);
    const inserts = await timed(DURATION_MS, insert);
    const bareHttp = await bareHttpRate();
    return { postsPerSecond: posts, insertsPerSecond: inserts, ratio: posts / inserts, uncompressedPostsPerSecond: uncompressedPosts, bareHttpPerSecond: bareHttp, postsCpu };
  } finally {
    await api.stop();
  }
}

/**
 * A fresh database with a bench tenant and publishable key, and `porttask serve` on it in its
 * own process (rate limiting on, limits high enough for one client to send the load).
 * `nodeOptions` go before the script (e.g. `--cpu-prof`).
 */
export async function startConsentApi(nodeOptions: string[] = []) {
  const db = await createTestDatabase();
  const tenant = await insertTenant(db.owner, { name: 'Bench Port', region: 'eu', policy: { version: 'bench-1', url: 'https://bench.example/privacy', lastUpdated: '2026-04-03' } });
  const key = await insertApiKey(db.owner, { tenantId: tenant.id, kind: 'publishable', environment: 'test' });
  // Rate limiting stays on: every POST counts its IP, its key, its address's writes and its
  // subject. The limits are set high enough for one client to send the load.
  await setTenantLimits(db.owner, { tenantId: tenant.id, environment: 'test' }, { requestsPerKeyPerMinute: 100_000_000, writesPerIpPerMinute: 100_000_000 });
  const port = await freePort();
  const api = spawn(process.execPath, [...nodeOptions, '--conditions=source', '--import', 'tsx', 'server/src/cli.ts', 'serve'], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: db.url, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'info', NODE_ENV: 'development', RATE_LIMIT_IP_PER_MINUTE: '100000000' },
    // Its access log (stderr) is written as in production but discarded: a terminal would slow it.
    stdio: ['ignore', 'ignore', 'ignore'],
  });
  const exited = new Promise((resolve) => api.once('exit', resolve));
  const stop = async () => {
    api.kill('SIGTERM');
    await exited;
    await db.drop();
  };
  const apiUrl = `http://127.0.0.1:${port}`;
  try {
    await waitForHealth(apiUrl);
  } catch (error) {
    await stop();
    throw error;
  }
  const textHash = createHash('sha256').update('bench banner text').digest('hex');
  let subject = 0;
  const nextSubject = () => (subject += 1);
  const body = () => JSON.stringify({
    subjectId: `bench_subject_${nextSubject()}`,
    choices: { necessary: true, functional: false, analytics: true, marketing: false },
    policyVersion: 'bench-1', bannerTextHash: textHash, locale: 'en', source: 'banner', gpc: false,
    decidedAt: new Date().toISOString(),
  });
  /** httpLoad options: every request a new decision of a new subject, with its own idempotency key. */
  const consentRequests = () => ({
    url: `${apiUrl}/v1/consents`,
    headers: { 'Content-Type': 'application/json', 'X-PortTask-Key': key.token, 'User-Agent': 'porttask-bench' } as Record<string, string>,
    nextRequest: () => ({ body: body(), headers: { 'Idempotency-Key': randomUUID() } }),
  });
  return { db, tenant, pid: api.pid, apiUrl, textHash, nextSubject, consentRequests, stop };
}

/** The floor of this machine: the same HTTP stack with no work behind it, in its own process. */
async function bareHttpRate(): Promise<number> {
  const port = await freePort();
  const script = `import { Hono } from 'hono'; import { serve } from '@hono/node-server';
    const app = new Hono(); app.post('/', (c) => c.json({ ok: true }));
    serve({ fetch: app.fetch, port: ${port}, hostname: '127.0.0.1' });`;
  const server = spawn(process.execPath, ['--input-type=module', '-e', script], { cwd: path.join(ROOT, 'server'), stdio: ['ignore', 'ignore', 'inherit'] });
  try {
    const url = `http://127.0.0.1:${port}/`;
    const deadline = Date.now() + 30_000;
    while (!(await fetch(url, { method: 'POST' }).then((response) => response.ok, () => false))) {
      if (Date.now() > deadline) throw new Error('The bare HTTP server did not start.');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    return await httpLoad({ url, headers: { 'Content-Type': 'application/json' }, nextRequest: () => ({ body: '{}' }) });
  } finally {
    server.kill('SIGTERM');
    await new Promise((resolve) => server.once('exit', resolve));
  }
}

/**
 * Sustained POSTs per second from autocannon (raw sockets, no fetch overhead, so the number
 * is the server's, not the client's), CONCURRENCY connections for DURATION_MS. Any answer
 * but 2xx fails the bench.
 */
export async function httpLoad(options: { url: string; headers: Record<string, string>; nextRequest: () => { body: string; headers?: Record<string, string> }; connections?: number; amount?: number }): Promise<number> {
  const result = await autocannon({
    url: options.url,
    method: 'POST',
    connections: options.connections ?? CONCURRENCY,
    // A fixed number of requests when given (CPU per request), else a fixed time.
    ...(options.amount ? { amount: options.amount } : { duration: DURATION_MS / 1_000 }),
    headers: options.headers,
    requests: [{
      setupRequest: (request) => {
        const next = options.nextRequest();
        return { ...request, body: next.body, headers: { ...request.headers, ...next.headers } };
      },
    }],
  });
  if (result.non2xx > 0 || result.errors > 0) throw new Error(`${options.url}: ${result.non2xx} non-2xx answers, ${result.errors} errors under load.`);
  return result.requests.total / (result.duration);
}

/** Runs `work` in CONCURRENCY loops for `durationMs`; returns completed operations per second. */
async function timed(durationMs: number, work: () => Promise<unknown>): Promise<number> {
  let done = 0;
  const started = performance.now();
  const deadline = started + durationMs;
  await Promise.all(Array.from({ length: CONCURRENCY }, async () => {
    while (performance.now() < deadline) {
      await work();
      done += 1;
    }
  }));
  return done / ((performance.now() - started) / 1_000);
}

export async function waitForHealth(apiUrl: string): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    const ok = await fetch(`${apiUrl}/readyz`).then((response) => response.ok, () => false);
    if (ok) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error('The API did not become ready within 60 s.');
}

