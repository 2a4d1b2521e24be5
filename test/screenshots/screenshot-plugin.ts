/**
 * Server commands for the widget suite's screenshot tests (web-test-runner.config.mjs): take a
 * Chromium screenshot of the test page (or one element of it), compare it with the committed
 * baseline `test/screenshots/baselines/<name>.png` with a tolerance, and run a script inside a
 * frame of another origin (the login frame), which the test page itself may not read.
 *
 * `UPDATE_SCREENSHOTS=1` (or `npm run test:update-screenshots`) writes the baselines instead of
 * comparing. On a mismatch the actual screenshot and a diff (changed pixels in red) are written
 * to `test/screenshots/failed/`, which git ignores.
 */
import { existsSync } from 'node:fs';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import pixelmatch from 'pixelmatch';
import { PNG } from 'pngjs';
import type { Page } from 'playwright-core';

const DIRECTORY = import.meta.dirname;
export const BASELINES = path.join(DIRECTORY, 'baselines');
export const FAILED = path.join(DIRECTORY, 'failed');
/** Per pixel: how far two colours may be apart (pixelmatch's colour distance, 0 = same, 1 = black vs white) and still count as equal. */
const PIXEL_THRESHOLD = 0.1;
/**
 * Per screenshot: the share of pixels that may differ. Anti-aliasing is already ignored by
 * pixelmatch; this absorbs a glyph rendered a shade differently, while a moved box (a changed
 * padding shifts every line below it) differs in far more pixels.
 */
const MAX_DIFFERENT_PIXELS = 0.002;

export interface ScreenshotRequest {
  /** File name of the baseline, without `.png`: letters, digits, `-` and `.` only. */
  name: string;
  /** CSS selector (open shadow roots are pierced) of the element to capture; the whole viewport without one. */
  selector?: string;
  /** Selectors of parts whose content changes from run to run (dates, countdowns): painted over in one colour. */
  mask?: string[];
  /** `prefers-color-scheme` while the picture is taken: light unless asked. */
  colorScheme?: 'light' | 'dark';
  /** Compare only, even when updating baselines, and never fail: for the test that proves a change is caught. */
  probe?: boolean;
}

export interface ScreenshotResult {
  outcome: 'match' | 'mismatch' | 'missing-baseline' | 'updated';
  differentPixels: number;
  totalPixels: number;
  /** Where the actual screenshot and the diff were written, on a mismatch. */
  written?: string[];
}

export const updatingScreenshots = ['1', 'true'].includes(process.env.UPDATE_SCREENSHOTS ?? '');

/** What the same page always renders the same way: no motion, one colour scheme, no blinking caret. */
async function stillScreenshot(page: Page, request: ScreenshotRequest): Promise<Buffer> {
  await page.emulateMedia({ reducedMotion: 'reduce', colorScheme: request.colorScheme ?? 'light' });
  // Restyled after a scheme change, in the page and in its frames.
  await Promise.all(page.frames().map((frame) => frame.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)))).catch(() => {})));
  const options = {
    animations: 'disabled' as const,
    caret: 'hide' as const,
    scale: 'css' as const,
    mask: (request.mask ?? []).map((selector) => page.locator(selector)),
    maskColor: '#888888',
  };
  return request.selector ? page.locator(request.selector).first().screenshot(options) : page.screenshot(options);
}

export function compareImages(baseline: PNG, actual: PNG): { differentPixels: number; diff: PNG } {
  const { width, height } = actual;
  const diff = new PNG({ width, height });
  if (baseline.width !== width || baseline.height !== height) {
    // Another size is a layout change: every pixel counts as different.
    return { differentPixels: width * height, diff };
  }
  const differentPixels = pixelmatch(baseline.data, actual.data, diff.data, width, height, { threshold: PIXEL_THRESHOLD });
  return { differentPixels, diff };
}

async function compareScreenshot(page: Page, request: ScreenshotRequest): Promise<ScreenshotResult> {
  if (!/^[a-z0-9][a-z0-9.-]*$/i.test(request.name)) throw new Error(`Screenshot name "${request.name}": use letters, digits, "-" and "." only.`);
  const png = await stillScreenshot(page, request);
  const actual = PNG.sync.read(png);
  const totalPixels = actual.width * actual.height;
  const baselineFile = path.join(BASELINES, `${request.name}.png`);
  const baseline = existsSync(baselineFile) ? PNG.sync.read(await readFile(baselineFile)) : undefined;
  const { differentPixels, diff } = baseline ? compareImages(baseline, actual) : { differentPixels: totalPixels, diff: undefined };
  const matches = differentPixels <= totalPixels * MAX_DIFFERENT_PIXELS;
  if (updatingScreenshots && !request.probe) {
    // A baseline that still matches stays as it is: regenerating leaves no churn in git.
    if (matches) return { outcome: 'match', differentPixels, totalPixels };
    await mkdir(BASELINES, { recursive: true });
    await writeFile(baselineFile, png);
    return { outcome: 'updated', differentPixels, totalPixels };
  }
  const failedFiles = [path.join(FAILED, `${request.name}.actual.png`), path.join(FAILED, `${request.name}.diff.png`)] as const;
  if (!baseline || !diff) {
    await mkdir(FAILED, { recursive: true });
    await writeFile(failedFiles[0], png);
    return { outcome: 'missing-baseline', differentPixels, totalPixels, written: [failedFiles[0]] };
  }
  if (matches) {
    if (!request.probe) await Promise.all(failedFiles.map((file) => rm(file, { force: true })));
    return { outcome: 'match', differentPixels, totalPixels };
  }
  if (request.probe) return { outcome: 'mismatch', differentPixels, totalPixels };
  await mkdir(FAILED, { recursive: true });
  await Promise.all([writeFile(failedFiles[0], png), writeFile(failedFiles[1], PNG.sync.write(diff))]);
  return { outcome: 'mismatch', differentPixels, totalPixels, written: [...failedFiles] };
}

/** Runs `expression` (a script returning a JSON value) in the page's frame whose address contains `urlIncludes`. */
async function evaluateInFrame(page: Page, { urlIncludes, expression }: { urlIncludes: string; expression: string }): Promise<{ value: unknown }> {
  // A frame of another origin runs in its own process: Playwright may learn of it, or of its
  // new document, a moment after the page did, and the address it keeps for a frame can be
  // that of the document before. So each frame is asked for its address, for up to 5 s.
  const deadline = Date.now() + 5_000;
  for (;;) {
    const addresses = await Promise.all(page.frames().filter((frame) => frame !== page.mainFrame() && !frame.isDetached())
      .map(async (frame) => ({ frame, href: await frame.evaluate('location.href').then(String, () => '') })));
    const target = addresses.filter(({ href }) => href.includes(urlIncludes)).at(-1)?.frame;
    try {
      if (!target) throw new Error(`No frame at an address containing "${urlIncludes}" (frames: ${addresses.map(({ href }) => href).join(', ')}).`);
      // Wrapped: web-test-runner reads a null or undefined answer as "no plugin handled this command".
      return { value: await target.evaluate(expression) };
    } catch (error) {
      if (Date.now() > deadline || !/no frame at|context was destroyed|frame was detached/i.test(String(error))) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

interface CommandContext {
  command: string;
  payload: unknown;
  session: { id: string; browser: { type: string; getPage?(id: string): Page } };
}

/** The web-test-runner plugin: `porttask-screenshot` and `porttask-evaluate-in-frame`. */
export function screenshotPlugin() {
  return {
    name: 'porttask-screenshots',
    async executeCommand({ command, payload, session }: CommandContext) {
      if (command !== 'porttask-screenshot' && command !== 'porttask-evaluate-in-frame') return undefined;
      if (session.browser.type !== 'playwright' || !session.browser.getPage) throw new Error('Screenshots need the Playwright launcher.');
      const page = session.browser.getPage(session.id);
      if (command === 'porttask-screenshot') return compareScreenshot(page, payload as ScreenshotRequest);
      return evaluateInFrame(page, payload as { urlIncludes: string; expression: string });
    },
  };
}
