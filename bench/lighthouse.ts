/**
 * Lighthouse (pinned 12.2.3, a dev dependency) on the demo partner portal, as `npm start`
 * serves it (API and portal on two origins, strict CSP, the demo tenant's 350 port calls), in
 * Debian's Chromium (headless, no sandbox). Desktop and mobile settings, no CPU or network throttling
 * (the machine is shared; the numbers that matter here do not depend on speed): layout shift
 * and accessibility.
 *
 * Budgets: cumulative layout shift ≤ 0.02 (the schedule reserves its height, the banner is a
 * fixed overlay), accessibility score 100.
 */
import lighthouse from 'lighthouse';
import desktopConfig from 'lighthouse/core/config/desktop-config.js';
import { chromium } from 'playwright-core';
import { freePort } from '../server/src/db/local-postgres.ts';
import { findChromium, CHROMIUM_ARGS } from '../test/e2e/support/chromium.ts';
import { startStack } from '../test/e2e/support/stack.ts';

const CLS_BUDGET = 0.02;

export interface LighthouseResult { formFactor: 'desktop' | 'mobile'; performance: number; accessibility: number; cumulativeLayoutShift: number; failedAudits: string[] }

/** Lighthouse's desktop settings, and its default (a phone, 412 px wide), both without throttling. */
const FORM_FACTORS = [
  { formFactor: 'desktop', config: desktopConfig },
  { formFactor: 'mobile', config: { extends: 'lighthouse:default' } },
] as const;

export async function run(): Promise<LighthouseResult[]> {
  const stack = await startStack();
  // Lighthouse drives a Chromium through its DevTools port: one of its own, opened on a free port.
  const debuggingPort = await freePort();
  const chrome = await chromium.launch({ executablePath: findChromium(), headless: true, args: [...CHROMIUM_ARGS, `--remote-debugging-port=${debuggingPort}`] });
  const outcomes: LighthouseResult[] = [];
  try {
    const url = `${stack.portalUrl}/index.html`;
    for (const { formFactor, config } of FORM_FACTORS) {
      const settings = 'settings' in config ? config.settings : {};
      const result = await lighthouse(url, { port: debuggingPort, output: 'json', logLevel: 'error' }, {
        ...config,
        settings: { ...settings, throttlingMethod: 'provided', onlyCategories: ['performance', 'accessibility'] },
      });
      if (!result) throw new Error('Lighthouse returned no result.');
      const { lhr } = result;
      if (lhr.runtimeError) throw new Error(`Lighthouse could not audit ${url}: ${lhr.runtimeError.code} ${lhr.runtimeError.message}`);
      const score = (category: string) => Math.round((lhr.categories[category]?.score ?? 0) * 100);
      const cumulativeLayoutShift = Number(lhr.audits['cumulative-layout-shift']?.numericValue ?? Number.NaN);
      const failedAudits = (lhr.categories['accessibility']?.auditRefs ?? [])
        .map((ref) => lhr.audits[ref.id]!)
        .filter((audit) => audit.score !== null && audit.score < 1 && audit.scoreDisplayMode !== 'notApplicable' && audit.scoreDisplayMode !== 'informative')
        .map((audit) => `${audit.id} (${audit.title})`);
      const outcome = { formFactor, performance: score('performance'), accessibility: score('accessibility'), cumulativeLayoutShift, failedAudits };
      outcomes.push(outcome);
      console.log(`Lighthouse ${lhr.lighthouseVersion} on the demo portal (${formFactor}, no throttling, headless ${lhr.environment.hostUserAgent.match(/Chrome\/[\d.]+/)?.[0] ?? 'Chromium'}): ` +
        `performance ${outcome.performance}, accessibility ${outcome.accessibility} (budget 100) ${outcome.accessibility === 100 ? 'OK' : 'UNDER BUDGET'}, ` +
        `cumulative layout shift ${cumulativeLayoutShift.toFixed(3)} (budget ≤ ${CLS_BUDGET}) ${cumulativeLayoutShift <= CLS_BUDGET ? 'OK' : 'OVER BUDGET'}`);
      if (failedAudits.length > 0) console.log(`  accessibility audits not passed: ${failedAudits.join('; ')}`);
    }
    return outcomes;
  } finally {
    await chrome.close();
    await stack.close();
  }
}
