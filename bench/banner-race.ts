/**
 * The banner race: our consent banner against vanilla-cookieconsent (the lightest popular
 * banner, vendored as a dev dependency), side by side in one run.
 *
 * Three origins on loopback, as in production: a partner page (strict CSP, no inline script or
 * style), the PortTask API serving our widgets, and a "CDN" serving vanilla-cookieconsent's
 * dist files (compressed, immutable, CORS like jsDelivr). vanilla-cookieconsent is embedded
 * as its getting-started guide says (its stylesheet in <head>, a `cookieconsent-config.js`
 * module at the end of <body> that imports `cookieconsent.umd.js` from the CDN and runs it);
 * a second variant loads both with `defer` in <head>, its fastest set-up. Headless Chromium,
 * a new browser context per load (cold cache, new connections), the contenders in turns, at 0
 * and at 100 ms added to every request (Chromium's network emulation).
 *
 * Measured per load: from the page's HTML having arrived (navigation responseEnd) to the first
 * animation frame in which the banner has a box and is not `visibility: hidden`; and the gzip
 * size (gzip -9, each file on its own) of every script and stylesheet the page requested for
 * the banner before that frame.
 *
 * BENCH_RACE_BASELINE=<a CDN build folder> (e.g. an earlier commit's `widgets/dist/cdn`) adds
 * that build as a fourth contender, served from an origin of its own (like the "CDN") with
 * `data-api-url` pointing at the same API: to measure a change against what came before in one
 * run, on the same machine state.
 */
import { existsSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { Hono } from 'hono';
import { compress } from 'hono/compress';
import { serveStatic } from '@hono/node-server/serve-static';
import type { Browser } from 'playwright-core';
import { freePort } from '../server/src/db/local-postgres.ts';
import { listen } from '../server/src/runtime/listen.ts';
import { startStack } from '../test/e2e/support/stack.ts';

const ROOT = path.resolve(import.meta.dirname, '..');
const COOKIECONSENT_DIST = path.join(ROOT, 'node_modules/vanilla-cookieconsent/dist');
const WIDGETS_CDN = path.join(ROOT, 'widgets/dist/cdn');
/** Loads per contender and latency (BENCH_RACE_RUNS to change; the median is judged). */
const RUNS = Number(process.env.BENCH_RACE_RUNS ?? 7);
const LATENCIES_MS = [0, 100];
const FIRST_LOAD_BUDGET_BYTES = 13 * 1024;

interface Contender {
  name: string;
  page: string;
  /** An expression for the banner's element in the page (evaluated in every frame until visible). */
  banner: string;
}

const BASELINE = process.env.BENCH_RACE_BASELINE;
const CONTENDERS: Contender[] = [
  { name: 'PortTask', page: '/porttask.html', banner: `document.querySelector('porttask-consent-banner')?.shadowRoot?.querySelector('[part~="banner"]')` },
  { name: 'vanilla-cookieconsent (its getting-started set-up)', page: '/cookieconsent.html', banner: `document.querySelector('#cc-main .cm')` },
  { name: 'vanilla-cookieconsent (both files deferred in <head>)', page: '/cookieconsent-head.html', banner: `document.querySelector('#cc-main .cm')` },
  ...(BASELINE ? [{ name: 'PortTask, baseline build', page: '/porttask-baseline.html', banner: `document.querySelector('porttask-consent-banner')?.shadowRoot?.querySelector('[part~="banner"]')` }] : []),
];

export interface Load { visibleMs: number; firstLoadBytes: number; files: string[]; cspViolations: string[] }
export interface RaceResult { latencyMs: number; contender: string; medianMs: number; runs: number[]; firstLoadBytes: number; files: string[] }

export async function run(): Promise<RaceResult[]> {
  const stack = await startStack();
  const cdn = await listen(staticApp(COOKIECONSENT_DIST).fetch, { port: await freePort(), host: '127.0.0.1' });
  const cdnUrl = cdn.url.replace('127.0.0.1', 'localhost');
  const baseline = BASELINE ? await listen(staticApp(path.resolve(BASELINE)).fetch, { port: await freePort(), host: '127.0.0.1' }) : undefined;
  const baselineUrl = baseline?.url.replace('127.0.0.1', 'localhost') ?? '';
  const sitePort = await freePort();
  // Test keys allow localhost on any port: the demo key works on this page's origin.
  const site = await listen(raceSite({ apiUrl: stack.apiUrl, cdnUrl, baselineUrl, publishableKey: stack.keys.publishableKey }).fetch, { port: sitePort, host: '127.0.0.1' });
  const siteUrl = `http://localhost:${sitePort}`;
  const results: RaceResult[] = [];
  try {
    const files = fileResolver(stack.apiUrl, cdnUrl, baselineUrl, siteUrl, await readFile(path.join(ROOT, 'bench/banner-race/cookieconsent-config.js'), 'utf8'));
    for (const latencyMs of LATENCIES_MS) {
      const loads = new Map<Contender, Load[]>(CONTENDERS.map((contender) => [contender, []]));
      // One load each to warm the servers (JIT, query plans), not counted.
      for (const contender of CONTENDERS) await loadOnce(stack.browser, `${siteUrl}${contender.page}`, contender, latencyMs, files);
      for (let attempt = 0; attempt < RUNS; attempt += 1) {
        for (const contender of CONTENDERS) loads.get(contender)!.push(await loadOnce(stack.browser, `${siteUrl}${contender.page}`, contender, latencyMs, files));
      }
      for (const contender of CONTENDERS) {
        const runs = loads.get(contender)!;
        const violations = [...new Set(runs.flatMap((load) => load.cspViolations))];
        if (violations.length > 0) console.log(`  ${contender.name}: CSP violations: ${violations.join('; ')}`);
        const result = { latencyMs, contender: contender.name, medianMs: median(runs.map((load) => load.visibleMs)), runs: runs.map((load) => load.visibleMs), firstLoadBytes: median(runs.map((load) => load.firstLoadBytes)), files: runs[0]!.files };
        results.push(result);
      }
      const ours = results.find((result) => result.latencyMs === latencyMs && result.contender === 'PortTask')!;
      for (const result of results.filter((entry) => entry.latencyMs === latencyMs)) {
        const ratio = result === ours ? '' : `; ours / theirs ${(ours.medianMs / result.medianMs).toFixed(2)}`;
        console.log(`+${latencyMs} ms per request, ${result.contender}: banner visible median ${result.medianMs.toFixed(0)} ms ` +
          `[${result.runs.map((ms) => ms.toFixed(0)).join(', ')}]${ratio}; requested before visible ${(result.firstLoadBytes / 1024).toFixed(2)} KB gzip (${result.files.join(' + ')})`);
      }
    }
    const ours = results.filter((result) => result.contender === 'PortTask');
    const worst = Math.max(...ours.map((result) => result.firstLoadBytes));
    console.log(`PortTask, everything requested before the banner was visible: ${(worst / 1024).toFixed(2)} KB gzip (budget ${(FIRST_LOAD_BUDGET_BYTES / 1024).toFixed(2)} KB) ${worst <= FIRST_LOAD_BUDGET_BYTES ? 'OK' : 'OVER BUDGET'}`);
    for (const latencyMs of LATENCIES_MS) {
      const oursMs = results.find((result) => result.latencyMs === latencyMs && result.contender === 'PortTask')!.medianMs;
      const theirsMs = results.find((result) => result.latencyMs === latencyMs && result.contender === CONTENDERS[1]!.name)!.medianMs;
      const ratio = oursMs / theirsMs;
      console.log(`race at +${latencyMs} ms: ours / vanilla-cookieconsent's getting-started set-up = ${ratio.toFixed(2)} (budget ≤ 1.00) ${ratio <= 1 ? 'OK' : 'SLOWER'}`);
    }
  } finally {
    await Promise.all([site.close(500), cdn.close(500), baseline?.close(500)]);
    await stack.close();
  }
  return results;
}

async function loadOnce(browser: Browser, url: string, contender: Contender, latencyMs: number, files: (url: string) => Buffer | undefined): Promise<Load> {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    if (latencyMs > 0) {
      const cdp = await context.newCDPSession(page);
      await cdp.send('Network.enable');
      await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: latencyMs, downloadThroughput: -1, uploadThroughput: -1 });
    }
    // A string, not a function: the TypeScript runner would wrap a function with helpers the page lacks.
    await page.addInitScript({
      content: `(() => {
        globalThis.raceCspViolations = [];
        document.addEventListener('securitypolicyviolation', (event) => globalThis.raceCspViolations.push(event.violatedDirective + ' ' + event.blockedURI));
        const check = () => {
          const banner = ${contender.banner};
          const box = banner?.getBoundingClientRect();
          if (box && box.height > 0 && getComputedStyle(banner).visibility !== 'hidden') globalThis.raceBannerVisibleAt = performance.now();
          else requestAnimationFrame(check);
        };
        requestAnimationFrame(check);
      })();`,
    });
    const consoleMessages: string[] = [];
    page.on('console', (message) => consoleMessages.push(`${message.type()}: ${message.text()}`));
    await page.goto(url);
    await page.waitForFunction(() => (globalThis as { raceBannerVisibleAt?: number }).raceBannerVisibleAt !== undefined, undefined, { timeout: 10_000 })
      .catch(async (error: unknown) => {
        const state = await page.evaluate(() => ({ violations: (globalThis as unknown as { raceCspViolations: string[] }).raceCspViolations, html: document.documentElement.className, banner: document.querySelector('#cc-main')?.outerHTML.slice(0, 300) }));
        throw new Error(`${contender.name}: no banner at ${url} within 10 s. Console: ${consoleMessages.join(' | ') || 'nothing'}; page: ${JSON.stringify(state)}`, { cause: error });
      });
    const seen = await page.evaluate(() => {
      const visibleAt = (globalThis as unknown as { raceBannerVisibleAt: number }).raceBannerVisibleAt;
      const navigation = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
      return {
        visibleMs: visibleAt - navigation.responseEnd,
        requested: performance.getEntriesByType('resource').filter((entry) => entry.startTime < visibleAt).map((entry) => entry.name),
        timeline: (performance.getEntriesByType('resource') as PerformanceResourceTiming[]).map((entry) => `${entry.name.split('/').pop()!.slice(0, 30)} ${(entry.startTime - navigation.responseEnd).toFixed(0)}→${(entry.responseEnd - navigation.responseEnd).toFixed(0)}`).join(', ') + ` visible ${(visibleAt - navigation.responseEnd).toFixed(0)}`,
        cspViolations: (globalThis as unknown as { raceCspViolations: string[] }).raceCspViolations,
      };
    });
    if (process.env.BENCH_VERBOSE) console.log(`  ${contender.name}: ${seen.timeline}`);
    let firstLoadBytes = 0;
    const requestedFiles: string[] = [];
    for (const requested of seen.requested) {
      const bytes = files(requested);
      if (!bytes) continue;
      firstLoadBytes += gzipSync(bytes, { level: 9 }).length;
      requestedFiles.push(new URL(requested).pathname.split('/').pop()!);
    }
    return { visibleMs: seen.visibleMs, firstLoadBytes, files: requestedFiles, cspViolations: seen.cspViolations };
  } finally {
    await context.close();
  }
}

/** The bytes behind a requested URL, for the scripts and stylesheets of either banner. */
function fileResolver(apiUrl: string, cdnUrl: string, baselineUrl: string, siteUrl: string, cookieconsentConfig: string) {
  return (url: string): Buffer | undefined => {
    const { pathname } = new URL(url);
    if (url.startsWith(`${apiUrl}/widgets/v1/`)) return readIfExists(path.join(WIDGETS_CDN, pathname.replace(/^\/widgets\/v1\//, '')));
    if (url.startsWith(`${cdnUrl}/`)) return readIfExists(path.join(COOKIECONSENT_DIST, pathname.slice(1)));
    if (BASELINE && url.startsWith(`${baselineUrl}/`)) return readIfExists(path.join(path.resolve(BASELINE), pathname.slice(1)));
    // vanilla-cookieconsent's configuration holds its texts (ours come with our chunks): counted.
    if (url.startsWith(`${siteUrl}/cookieconsent-`)) return Buffer.from(cookieconsentConfig.replaceAll('%%CDN_URL%%', cdnUrl));
    return undefined;
  };
}

function readIfExists(file: string): Buffer | undefined {
  return existsSync(file) ? readFileSync(file) : undefined;
}

/** Static files as a CDN serves them: vanilla-cookieconsent's dist folder, or a baseline build. */
function staticApp(directory: string) {
  const app = new Hono();
  app.use('*', compress());
  app.use('*', async (c, next) => {
    await next();
    c.header('Access-Control-Allow-Origin', '*');
    c.header('Cross-Origin-Resource-Policy', 'cross-origin');
    c.header('Cache-Control', 'public, max-age=31536000, immutable');
  });
  app.use('*', serveStatic({ root: path.relative(process.cwd(), directory) }));
  return app;
}

/** The partner's pages, under a strict CSP that allows the API and the CDN where embedding needs them. */
function raceSite(options: { apiUrl: string; cdnUrl: string; baselineUrl: string; publishableKey: string }) {
  const directory = path.join(ROOT, 'bench/banner-race');
  const csp = [
    "default-src 'self'",
    `script-src 'self' ${options.apiUrl} ${options.cdnUrl}${options.baselineUrl ? ` ${options.baselineUrl}` : ''}`,
    `connect-src 'self' ${options.apiUrl}`,
    `style-src 'self' ${options.cdnUrl}`,
    "img-src 'self' data:",
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
  const app = new Hono();
  app.use('*', compress());
  app.use('*', async (c, next) => {
    await next();
    c.header('Content-Security-Policy', csp);
    c.header('Cache-Control', 'no-store');
  });
  app.get('/:file{[a-z-]+\\.(html|js)}', async (c) => {
    const file = c.req.param('file');
    // cookieconsent-run.js (the deferred classic script) is the configuration without its import.
    const source = file === 'cookieconsent-run.js' ? 'cookieconsent-config.js' : file;
    let template = await readFile(path.join(directory, source), 'utf8').catch(() => undefined);
    if (template !== undefined && source !== file) template = template.replace(/^import .*$/m, '');
    if (template === undefined) return c.notFound();
    const body = template.replaceAll('%%API_URL%%', options.apiUrl).replaceAll('%%CDN_URL%%', options.cdnUrl).replaceAll('%%BASELINE_URL%%', options.baselineUrl).replaceAll('%%PUBLISHABLE_KEY%%', options.publishableKey);
    return file.endsWith('.html') ? c.html(body) : c.body(body, 200, { 'Content-Type': 'text/javascript; charset=utf-8' });
  });
  return app;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}
