/**
 * Schedule budgets (docs/benchmarks.md, "Budgets"), measured on the real API + demo portal (strict CSP) in
 * headless Chromium, with 10,000 port calls at Rotterdam:
 *   1. list payload per 1,000 rows, brotli (budget ≤ 30 KB);
 *   2. first rows painted after the first page of data arrived, median of 7 page loads (budget ≤ 100 ms);
 *   3. scrolling all 10,000 rows: long tasks (budget: none over 50 ms) and the longest frame;
 *   4. live updates, database commit → row updated on screen, p50 / p95 of 30 (budget p95 ≤ 500 ms);
 *   5. the widget's first load, gzip, loader + element + shared chunks (budget ≤ 35 KB).
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import type { Page } from 'playwright-core';
import { createClient } from '@porttask/sdk';
import { insertChunks } from '../server/src/db/connection.ts';
import { syntheticImo } from '../server/src/demo/seed-schedules.ts';
import { ensurePort } from '../server/src/schedules/ports.queries.ts';
import type { DataScope } from '../server/src/tenants/data-scope.ts';
import { startStack } from '../test/e2e/support/stack.ts';
import { compressedSize, kilobytes } from './sizes.ts';

const ROWS = 10_000;
const LIVE_SAMPLES = 30;
/** Page loads for "first rows painted" (one sample has a start-up tail; see docs/benchmarks.md). */
const FIRST_ROWS_RUNS = 7;
/** The most one import takes (MAX_IMPORT_ROWS). */
const IMPORT_ROWS = 5_000;
/** New calls in the live burst at the open widget's port. */
const BURST_ROWS = 1_000;
const VESSEL_NAMES = ['MAERSK EINDHOVEN', 'MSC GULSUN', 'CMA CGM JACQUES SAADE', 'EVER ACE', 'HMM ALGECIRAS', 'ONE INNOVATION', 'COSCO SHIPPING UNIVERSE', 'OOCL HONG KONG', 'MOL TRIUMPH', 'YM WELLNESS'];

export interface ScheduleBenchResult {
  payloadPer1000Rows: { json: number; gzip: number; brotli: number };
  firstRowsPaintedMs: { median: number; max: number; runs: number[] };
  scroll: { longTasks: number; longestLongTaskMs: number; longestFrameMs: number; longestWidgetUpdateMs: number; frames: number };
  liveLatencyMs: { p50: number; p95: number; max: number };
  widgetFirstLoadGzip: number;
  importMs: { created: number; updated: number; rows: number };
  burst: { events: number; allShownMs: number; longTasks: number; longestTaskMs: number };
}

const progress = (step: string) => { if (process.env.BENCH_VERBOSE) console.error(`[schedules] ${step}`); };
const percentile = (values: number[], fraction: number) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.ceil(fraction * values.length) - 1)]!;

/** 10,000 realistic calls straight into the tables (setup, not the measurement: ids numbered in a shuffled order need SQL). */
export async function seedCalls(owner: import('../server/src/db/connection.ts').Sql, scope: DataScope): Promise<void> {
  const { tenantId, environment } = scope;
  await ensurePort(owner, scope, 'NLRTM');
  await owner`INSERT INTO terminals (tenant_id, environment, un_location_code, facility_smdg_code, terminal_name) VALUES (${tenantId}, ${environment}, 'NLRTM', 'ECTDE', 'ECT Delta') ON CONFLICT DO NOTHING`;
  const vessels = Array.from({ length: 300 }, (_, index) => ({ imo: syntheticImo(index), name: `${VESSEL_NAMES[index % VESSEL_NAMES.length]} ${Math.floor(index / VESSEL_NAMES.length) + 1}` }));
  await owner`INSERT INTO vessels ${owner(vessels.map((vessel) => ({ tenant_id: tenantId, environment, vessel_imo_number: vessel.imo, vessel_name: vessel.name })))} ON CONFLICT DO NOTHING`;
  const start = Date.now() - 2 * 86_400_000;
  // Calls are created in another order than they arrive: numbers shuffled over the rows.
  const numbers = Array.from({ length: ROWS }, (_, index) => index + 1);
  for (let index = numbers.length - 1; index > 0; index -= 1) {
    const other = Math.floor(Math.random() * (index + 1));
    [numbers[index], numbers[other]] = [numbers[other]!, numbers[index]!];
  }
  const rows = Array.from({ length: ROWS }, (_, index) => {
    const vessel = vessels[Math.floor(Math.random() * vessels.length)]!;
    const arrival = start + index * 7 * 60_000 + Math.floor(Math.random() * 5) * 60_000;
    const late = Math.random() < 0.3 ? Math.floor(Math.random() * 300) : 0;
    const past = arrival < Date.now();
    return {
      tenant_id: tenantId,
      environment,
      id: `pc_${numbers[index]!.toString(36)}`,
      transport_call_reference: `NLRTM-${vessel.imo}-${new Date(arrival).toISOString().slice(0, 10).replaceAll('-', '')}-${index}`,
      un_location_code: 'NLRTM',
      facility_smdg_code: 'ECTDE',
      berth: `DDE ${1 + (index % 9)}`,
      vessel_imo_number: vessel.imo,
      carrier_export_voyage_number: `${400 + (index % 90)}E`,
      status: past ? 'ARRIVED' : 'PLANNED',
      arrival_at: new Date(arrival + late * 60_000),
      arrival_classifier: past ? 'ACT' : late ? 'EST' : 'PLN',
      departure_at: new Date(arrival + (20 + (index % 30)) * 3_600_000),
      departure_classifier: 'PLN',
      planned_arrival_at: new Date(arrival),
      delay_minutes: late || null,
      // Rows change at different times; identical times would flatter the compression.
      updated_at: new Date(Date.now() - Math.floor(Math.random() * 3 * 86_400_000)),
      updated_by: index % 4 === 0 ? 'ECT Delta' : 'Maasvlakte Port Agency',
    };
  });
  for (const chunk of insertChunks(rows)) await owner`INSERT INTO port_calls ${owner(chunk)}`;
  await owner`INSERT INTO port_call_numbers (tenant_id, environment, last_number) VALUES (${tenantId}, ${environment}, ${ROWS})`;
  // The timestamps the rows' times are derived from, so a live update re-derives the same times.
  let timestampId = 0;
  const timestamps = rows.flatMap((row) => {
    const stamp = (event_type_code: string, classifier_code: string, facility_type_code: string, event_date_time: Date) =>
      ({ tenant_id: tenantId, environment, id: (timestampId += 1), port_call_id: row.id, event_type_code, classifier_code, facility_type_code, event_date_time, original_utc_offset_minutes: 60, source: 'bench' });
    return [
      stamp('ARRI', 'PLN', 'PBPL', row.planned_arrival_at),
      stamp('DEPA', 'PLN', 'BRTH', row.departure_at),
      ...(row.arrival_classifier === 'PLN' ? [] : [stamp('ARRI', row.arrival_classifier, 'PBPL', row.arrival_at)]),
    ];
  });
  for (const chunk of insertChunks(timestamps)) await owner`INSERT INTO port_call_timestamps ${owner(chunk)}`;
  // Timestamp ids are the scope's own numbers (migration 026): later writes continue after these.
  await owner`INSERT INTO scope_sequences (tenant_id, environment, name, last_value) VALUES (${tenantId}, ${environment}, 'port_call_timestamps', ${timestampId})`;
}

/**
 * From the end of the list's first response (Resource Timing) to the frame after the first
 * row exists, on the demo portal's line-up page (banner, schedule and the portal's own script
 * starting together). A new browser context per run: cold cache, as a first visit.
 */
async function firstRowsPainted(stack: Awaited<ReturnType<typeof startStack>>): Promise<ScheduleBenchResult['firstRowsPaintedMs']> {
  const runs: number[] = [];
  for (let attempt = 0; attempt < FIRST_ROWS_RUNS; attempt += 1) {
    const { page, context } = await stack.newPage();
    // A string, not a function: the TypeScript runner would wrap a function with helpers the page lacks.
    await page.addInitScript({
      content: `(() => {
        const watch = () => {
          const row = document.querySelector('porttask-vessel-schedule')?.shadowRoot?.querySelector('[part~="row"]');
          if (row) requestAnimationFrame(() => { globalThis.firstRowPaintedAt = performance.now(); }); // the frame after: painted
          else requestAnimationFrame(watch);
        };
        requestAnimationFrame(watch);
      })();`,
    });
    await page.setViewportSize({ width: 1400, height: 900 });
    await page.goto(`${stack.portalUrl}/index.html#line-up`);
    await page.waitForFunction(() => (globalThis as { firstRowPaintedAt?: number }).firstRowPaintedAt !== undefined, undefined, { timeout: 30_000 });
    runs.push(await page.evaluate(() => {
      const listResponse = performance.getEntriesByType('resource').find((entry) => entry.name.includes('/v1/port-calls?')) as PerformanceResourceTiming;
      return Math.round(((globalThis as unknown as { firstRowPaintedAt: number }).firstRowPaintedAt - listResponse.responseEnd) * 10) / 10;
    }));
    await context.close();
  }
  return { median: percentile(runs, 0.5), max: Math.max(...runs), runs };
}

export async function run(): Promise<ScheduleBenchResult> {
  const stack = await startStack();
  try {
    // The demo tenant's keys are test keys: its data is its test environment.
    await seedCalls(stack.db.owner, { tenantId: stack.keys.tenantId, environment: 'test' });
    progress('seeded');

    // 1. Payload: two pages of 500, as the widget asks for them.
    const headers = { 'X-PortTask-Key': stack.keys.publishableKey, Origin: stack.portalUrl };
    const first = await (await fetch(`${stack.apiUrl}/v1/port-calls?port=NLRTM&limit=500`, { headers })).json() as { data: unknown[]; nextCursor: string };
    const second = await (await fetch(`${stack.apiUrl}/v1/port-calls?port=NLRTM&limit=500&cursor=${first.nextCursor}`, { headers })).text();
    const pages = [Buffer.from(JSON.stringify(first)), Buffer.from(second)];
    if (process.env.BENCH_DUMP_PAYLOAD) await (await import('node:fs/promises')).writeFile(process.env.BENCH_DUMP_PAYLOAD, JSON.stringify([...first.data, ...JSON.parse(second).data]));
    const payload = {
      json: pages.reduce((sum, page) => sum + page.length, 0),
      gzip: pages.reduce((sum, page) => sum + gzipSync(page, { level: 6 }).length, 0),
      brotli: pages.reduce((sum, page) => sum + brotliCompressSync(page, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length, 0),
    };

    progress('payload measured');
    // 2. First rows painted after the first page of data arrived: a fresh page per run.
    const firstRows = await firstRowsPainted(stack);
    progress('first rows measured');
    const { page } = await stack.newPage();
    // tsx keeps function names with a `__name` helper, which functions sent to the page lack.
    await page.addInitScript({ content: 'globalThis.__name = (target) => target;' });
    await page.setViewportSize({ width: 1400, height: 900 });
    await page.goto(`${stack.portalUrl}/index.html#line-up`);
    await page.waitForFunction(() => (document.querySelector('porttask-vessel-schedule') as unknown as { visibleCalls?: unknown[] } | null)?.visibleCalls?.length === 10_000, undefined, { timeout: 60_000 });
    progress('10,000 rows loaded');
    // Let the page finish its other start-up work (the consent banner loads its preferences
    // chunk on idle; the live stream never lets the network go idle), so the scroll measures
    // scrolling.
    await page.waitForTimeout(1_500);
    // 3. Scroll through all 10,000 rows, 1,200 px a frame.
    const scroll = await page.evaluate(async () => {
      const element = document.querySelector('porttask-vessel-schedule')!;
      const viewport = element.shadowRoot!.querySelector<HTMLElement>('[part="table"]')!;
      viewport.scrollIntoView();
      const longTasks: number[] = [];
      const observer = new PerformanceObserver((list) => longTasks.push(...list.getEntries().map((entry) => entry.duration)));
      observer.observe({ type: 'longtask' });
      let longestFrameMs = 0;
      const slowFrames: string[] = [];
      // The widget's own share of each frame: its render + DOM update.
      let longestUpdateMs = 0;
      const widget = element as unknown as { performUpdate(): void };
      const performUpdate = widget.performUpdate.bind(widget);
      widget.performUpdate = () => {
        const started = performance.now();
        performUpdate();
        longestUpdateMs = Math.max(longestUpdateMs, performance.now() - started);
      };
      let frames = 0;
      let last = performance.now();
      await new Promise<void>((resolve) => {
        const step = (now: number) => {
          if (frames > 0) longestFrameMs = Math.max(longestFrameMs, now - last);
          if (frames > 0 && now - last > 50) slowFrames.push(`${frames}:${Math.round(now - last)}`);
          last = now;
          frames += 1;
          if (viewport.scrollTop + viewport.clientHeight >= viewport.scrollHeight - 1 || frames > 2_000) return resolve();
          viewport.scrollTop += 1_200;
          requestAnimationFrame(step);
        };
        requestAnimationFrame(step);
      });
      await new Promise((resolve) => setTimeout(resolve, 100));
      observer.disconnect();
      const lastRow = viewport.querySelector('[aria-rowindex="10001"]') !== null;
      viewport.scrollTop = 0;
      return { longTasks: longTasks.length, longestLongTaskMs: Math.max(0, ...longTasks), longestFrameMs, longestUpdateMs, frames, lastRow, slowFrames };
    });
    if (!scroll.lastRow) throw new Error('the last row was not rendered at the end of the scroll');

    progress(`scrolled; slow frames (index:ms) ${scroll.slowFrames.join(' ') || 'none'}; longest widget update ${scroll.longestUpdateMs.toFixed(1)} ms`);
    // 4. Live: a timestamp that keeps the row in place (cargo operations start) on a visible row.
    await page.waitForTimeout(300);
    const partner = createClient({ apiUrl: stack.apiUrl, secretKey: stack.keys.secretKey });
    const latencies: number[] = [];
    for (let sample = 0; sample < LIVE_SAMPLES; sample += 1) {
      const target = await page.evaluate((index) => {
        const rows = document.querySelector('porttask-vessel-schedule')!.shadowRoot!.querySelectorAll<HTMLElement>('[part~="row"]');
        const row = rows[index % 8]!;
        return { id: row.dataset['id']!, version: Number(row.dataset['version']) };
      }, sample);
      const seen = page.evaluate(({ id, version }) => new Promise<number>((resolve) => {
        const root = document.querySelector('porttask-vessel-schedule')!.shadowRoot!;
        const giveUp = Date.now() + 5_000;
        const check = () => {
          if (root.querySelector(`[data-id="${id}"][data-version="${version}"]`)) requestAnimationFrame(() => resolve(Date.now()));
          else if (Date.now() > giveUp) resolve(Number.NaN);
          else requestAnimationFrame(check);
        };
        check();
      }), { id: target.id, version: target.version + 1 });
      await page.waitForTimeout(20);
      const started = Date.now();
      await partner.portCalls.addTimestamp(target.id, { eventTypeCode: 'STRT', classifierCode: 'EST', facilityTypeCode: 'BRTH', dateTime: new Date(Date.now() + sample * 60_000).toISOString(), source: 'bench' });
      latencies.push((await seen) - started);
      await page.waitForTimeout(50);
    }

    progress('live measured');
    // 4b. A burst: one import of BURST_ROWS new calls at the open widget's port.
    const burst = await liveBurst(page, partner);

    progress('burst measured');
    // 5. First load of the widget.
    const manifest = JSON.parse(await readFile(path.resolve(import.meta.dirname, '../widgets/dist/cdn/manifest.json'), 'utf8')) as { loader: string; elements: Record<string, { file: string; imports: string[] }> };
    const element = manifest.elements['porttask-vessel-schedule']!;
    const size = await compressedSize([manifest.loader, element.file, ...element.imports]);

    progress('first load measured');
    // 6. A partner's line-up import through the SDK: new calls, then the same calls with an actual arrival each.
    const importMs = await importTimes(partner);

    const result: ScheduleBenchResult = {
      payloadPer1000Rows: payload,
      firstRowsPaintedMs: firstRows,
      scroll: {
        longTasks: scroll.longTasks,
        longestLongTaskMs: Math.round(scroll.longestLongTaskMs),
        longestFrameMs: Math.round(scroll.longestFrameMs * 10) / 10,
        longestWidgetUpdateMs: Math.round(scroll.longestUpdateMs * 10) / 10,
        frames: scroll.frames,
      },
      liveLatencyMs: { p50: percentile(latencies, 0.5), p95: percentile(latencies, 0.95), max: Math.max(...latencies) },
      widgetFirstLoadGzip: size.gzip,
      importMs,
      burst,
    };
    const verdict = (ok: boolean) => (ok ? 'OK' : 'OVER BUDGET');
    console.log(`list payload per 1,000 rows: ${kilobytes(payload.json)} JSON, ${kilobytes(payload.gzip)} gzip, ${kilobytes(payload.brotli)} brotli (budget 30 KB brotli) ${verdict(payload.brotli <= 30 * 1024)}`);
    console.log(`first rows painted after data arrived: median ${firstRows.median} ms over ${firstRows.runs.length} runs [${firstRows.runs.join(', ')}], max ${firstRows.max} ms (budget 100 ms) ${verdict(firstRows.median <= 100)}${firstRows.max > 100 ? ' (some runs over)' : ''}`);
    console.log(`scrolling ${ROWS} rows (${scroll.frames} frames): ${scroll.longTasks} tasks over 50 ms${scroll.longTasks ? ` (longest ${result.scroll.longestLongTaskMs} ms)` : ''}, longest frame ${result.scroll.longestFrameMs} ms, longest widget update ${result.scroll.longestWidgetUpdateMs} ms (budget: no task over 50 ms) ${verdict(scroll.longTasks === 0)}`);
    console.log(`live update, commit → row on screen (${LIVE_SAMPLES} samples): p50 ${result.liveLatencyMs.p50} ms, p95 ${result.liveLatencyMs.p95} ms, max ${result.liveLatencyMs.max} ms (budget p95 500 ms) ${verdict(result.liveLatencyMs.p95 <= 500)}`);
    console.log(`live burst, ${burst.events} new calls in one import at the open widget's port: all shown ${burst.allShownMs} ms after the import was sent; ` +
      `${burst.longTasks} tasks over 50 ms${burst.longTasks ? ` (longest ${burst.longestTaskMs} ms)` : ''}`);
    console.log(`import of ${importMs.rows.toLocaleString('en')} rows (NDJSON, per-row mode, one request): ${importMs.created} ms for new calls, ${importMs.updated} ms when each gains an actual arrival`);
    console.log(`<porttask-vessel-schedule> first load (loader + ${element.imports.length + 1} chunks): ${kilobytes(size.gzip)} gzip (budget 35 KB) ${verdict(size.gzip <= 35 * 1024)}`);
    return result;
  } finally {
    await stack.close();
  }
}

/**
 * A partner imports BURST_ROWS new calls at Rotterdam while the widget shows Rotterdam's
 * 10,000: they reach it as that many live events at once. Measures when the last is in the
 * widget's list and the main thread's long tasks meanwhile.
 */
async function liveBurst(page: Page, partner: ReturnType<typeof createClient>): Promise<ScheduleBenchResult['burst']> {
  // A string: the TypeScript runner would wrap a function with helpers the page lacks.
  await page.evaluate(`(() => {
    globalThis.burstTasks = [];
    new PerformanceObserver((list) => { for (const entry of list.getEntries()) globalThis.burstTasks.push(entry.duration); }).observe({ type: 'longtask' });
  })()`);
  const count = () => page.evaluate(() => (document.querySelector('porttask-vessel-schedule') as unknown as { visibleCalls: unknown[] }).visibleCalls.length);
  const before = await count();
  const arrival = Date.now() + 3_600_000;
  const lines = Array.from({ length: BURST_ROWS }, (_, index) => JSON.stringify({
    transportCallReference: `NLRTM-BURST-${index}`,
    UNLocationCode: 'NLRTM',
    facilitySMDGCode: 'ECTDE',
    vessel: { vesselIMONumber: syntheticImo(index % 300), vesselName: `${VESSEL_NAMES[index % VESSEL_NAMES.length]} ${Math.floor((index % 300) / VESSEL_NAMES.length) + 1}` },
    timestamps: [{ eventTypeCode: 'ARRI', classifierCode: 'EST', facilityTypeCode: 'PBPL', dateTime: new Date(arrival + index * 60_000).toISOString() }],
  }));
  const started = Date.now();
  await partner.portCalls.import({ ndjson: lines.join('\n') }, { mode: 'per-row' });
  await page.waitForFunction((expected) => (document.querySelector('porttask-vessel-schedule') as unknown as { visibleCalls: unknown[] }).visibleCalls.length >= expected, before + BURST_ROWS, { timeout: 120_000, polling: 50 });
  const allShownMs = Date.now() - started;
  await page.waitForTimeout(200);
  const tasks = await page.evaluate(() => (globalThis as unknown as { burstTasks: number[] }).burstTasks);
  return { events: BURST_ROWS, allShownMs, longTasks: tasks.length, longestTaskMs: Math.round(Math.max(0, ...tasks)) };
}

/** The import the bench times: IMPORT_ROWS new calls at Antwerp, then the same calls each with an actual arrival added. */
export function importLines(rowCount = IMPORT_ROWS): { created: object[]; updated: object[] } {
  const arrival = Date.UTC(2026, 11, 1);
  const created = Array.from({ length: rowCount }, (_, index) => ({
    transportCallReference: `BEANR-IMPORT-${index}`,
    UNLocationCode: 'BEANR',
    facilitySMDGCode: 'PSADGD',
    berth: `Q${1 + (index % 20)}`,
    vessel: { vesselIMONumber: syntheticImo(index % 300), vesselName: `${VESSEL_NAMES[index % VESSEL_NAMES.length]} ${index % 300}` },
    carrierExportVoyageNumber: `${500 + (index % 90)}E`,
    timestamps: [
      { eventTypeCode: 'ARRI', classifierCode: 'PLN', facilityTypeCode: 'PBPL', dateTime: new Date(arrival + index * 300_000).toISOString() },
      { eventTypeCode: 'DEPA', classifierCode: 'PLN', facilityTypeCode: 'BRTH', dateTime: new Date(arrival + index * 300_000 + 86_400_000).toISOString() },
    ],
  }));
  const updated = created.map((row, index) => ({
    ...row,
    timestamps: [...row.timestamps, { eventTypeCode: 'ARRI', classifierCode: 'ACT', facilityTypeCode: 'PBPL', dateTime: new Date(arrival + index * 300_000 + 600_000).toISOString() }],
  }));
  return { created, updated };
}

/** Milliseconds for one import of IMPORT_ROWS new calls at Antwerp, then for the same rows each with an actual arrival added. */
async function importTimes(partner: ReturnType<typeof createClient>): Promise<ScheduleBenchResult['importMs']> {
  const lines = importLines();
  const timed = async (rows: object[], outcome: 'created' | 'updated') => {
    const started = performance.now();
    const result = await partner.portCalls.import({ ndjson: rows.map((line) => JSON.stringify(line)).join('\n') }, { mode: 'per-row' });
    const elapsed = Math.round(performance.now() - started);
    if (result.results.some((row) => row.outcome !== outcome)) throw new Error(`The import bench expected every row ${outcome}: ${JSON.stringify(result.results.find((row) => row.outcome !== outcome))}`);
    return elapsed;
  };
  const created = await timed(lines.created, 'created');
  const updated = await timed(lines.updated, 'updated');
  return { created, updated, rows: IMPORT_ROWS };
}

// `node --conditions=source --import tsx bench/schedules.ts` runs this bench alone (after `npm run build`).
if (process.argv[1] && import.meta.filename === path.resolve(process.argv[1])) await run();
