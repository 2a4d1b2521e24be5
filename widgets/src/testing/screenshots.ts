import { executeServerCommand } from '@web/test-runner-commands';

/*
 * The page side of the screenshot tests: asks web-test-runner.config.mjs
 * (test/screenshots/screenshot-plugin.ts) to capture this page with Chromium and compare it
 * with a committed baseline, or to run a script in the cross-origin login frame.
 */

export interface ScreenshotOptions {
  /** CSS selector (shadow roots are pierced) of the element to capture; the whole viewport without one. */
  selector?: string;
  /** Parts whose content changes from run to run (dates, countdowns), painted over before comparing. */
  mask?: string[];
  /** `prefers-color-scheme` while the picture is taken: light unless asked. */
  colorScheme?: 'light' | 'dark';
}

interface ScreenshotResult {
  outcome: 'match' | 'mismatch' | 'missing-baseline' | 'updated';
  differentPixels: number;
  totalPixels: number;
  written?: string[];
}

async function screenshot(name: string, options: ScreenshotOptions, probe: boolean): Promise<ScreenshotResult> {
  // Fonts loaded and the last change painted.
  await document.fonts.ready;
  await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
  return executeServerCommand<ScreenshotResult, unknown>('porttask-screenshot', { name, ...options, probe });
}

/** Fails when the screenshot differs from `test/screenshots/baselines/<name>.png` beyond the tolerance. */
export async function expectScreenshot(name: string, options: ScreenshotOptions = {}): Promise<void> {
  const result = await screenshot(name, options, false);
  if (result.outcome === 'missing-baseline') {
    throw new Error(`No baseline ${name}.png: run \`npm run test:update-screenshots\` and review the new file (the screenshot is in ${result.written?.[0]}).`);
  }
  if (result.outcome === 'mismatch') {
    throw new Error(`${name}: ${result.differentPixels} of ${result.totalPixels} pixels differ from the baseline; see ${result.written?.join(' and ')}. ` +
      'If the change is intended, run `npm run test:update-screenshots` and commit the new baseline.');
  }
}

/** Compares without ever failing or writing a baseline: how the test that proves a change is caught asks. */
export async function screenshotMatches(name: string, options: ScreenshotOptions = {}): Promise<boolean> {
  const result = await screenshot(name, options, true);
  if (result.outcome === 'missing-baseline') throw new Error(`No baseline ${name}.png to compare with.`);
  return result.outcome === 'match';
}

/**
 * Runs `script` with `args` (JSON values) in the frame whose address contains `urlIncludes`,
 * and returns what it returns: for frames of another origin, which this page may not read.
 * Only the function's source travels, so it may use nothing from its module's scope.
 */
export async function evaluateInFrame<Args extends unknown[], Result>(urlIncludes: string, script: (...args: Args) => Result | Promise<Result>, ...args: Args): Promise<Result> {
  const expression = `(${script.toString()})(...${JSON.stringify(args)})`;
  const answer = await executeServerCommand<{ value: Result }, unknown>('porttask-evaluate-in-frame', { urlIncludes, expression });
  return answer.value;
}
