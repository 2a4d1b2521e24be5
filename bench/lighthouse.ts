/**
 * Lighthouse (pinned 12.2.3, a dev dependency) on the demo partner portal, as `npm start`
 * serves it (API and portal on two origins, strict CSP, the demo tenant's 350 port calls), in
 * Debian's Chromium (headless, no sandbox). Desktop settings, no CPU or network throttling
 * (the machine is shared; the numbers that matter here do not depend on speed): layout shift
 * and accessibility.
 *
 * Budgets: cumulative layout shift ≤ 0.02 (the schedule reserves its height, the banner is a
 * fixed overlay), accessibility score 100.
 */
import { launch } from 'chrome-launcher';
import lighthouse from 'lighthouse';
import desktopConfig from 'lighthouse/core/config/desktop-config.js';
import { findChromium, CHROMIUM_ARGS } from '../test/e2e/support/chromium.ts';
import { startStack } from '../test/e2e/support/stack.ts';

const CLS_BUDGET = 0.02;

export interface LighthouseResult { performance: number; accessibility: number; cumulativeLayoutShift: number; failedAudits: string[] }

export async function run(): Promise<LighthouseResult> {
  const stack = await startStack();
  // Lighthouse drives its own Chromium over the DevTools protocol; the stack's Playwright one is not used.
  const chrome = await launch({ chromePath: findChromium(), chromeFlags: ['--headless=new', ...CHROMIUM_ARGS] });
  try {
    const url = `${stack.portalUrl}/index.html`;
    const result = await lighthouse(url, { port: chrome.port, output: 'json', logLevel: 'error', onlyCategories: ['performance', 'accessibility'] }, {
      ...desktopConfig,
      settings: { ...desktopConfig.settings, throttlingMethod: 'provided', onlyCategories: ['performance', 'accessibility'] },
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
    const outcome = { performance: score('performance'), accessibility: score('accessibility'), cumulativeLayoutShift, failedAudits };
    console.log(`Lighthouse ${lhr.lighthouseVersion} on the demo portal (desktop, headless ${lhr.environment.hostUserAgent.match(/Chrome\/[\d.]+/)?.[0] ?? 'Chromium'}): ` +
      `performance ${outcome.performance}, accessibility ${outcome.accessibility} (budget 100) ${outcome.accessibility === 100 ? 'OK' : 'UNDER BUDGET'}, ` +
      `cumulative layout shift ${cumulativeLayoutShift.toFixed(3)} (budget ≤ ${CLS_BUDGET}) ${cumulativeLayoutShift <= CLS_BUDGET ? 'OK' : 'OVER BUDGET'}`);
    if (failedAudits.length > 0) console.log(`  accessibility audits not passed: ${failedAudits.join('; ')}`);
    // Which elements moved, and by how much (the audit lists the largest shifts).
    const shifts = lhr.audits['layout-shifts']?.details as { items?: { node?: { snippet?: string; selector?: string }; score?: number; subItems?: { items?: { cause?: string }[] } }[] } | undefined;
    for (const item of shifts?.items ?? []) {
      const causes = (item.subItems?.items ?? []).map((sub) => sub.cause).filter(Boolean).join(', ');
      console.log(`  layout shift ${item.score?.toFixed(3)}: ${item.node?.snippet ?? item.node?.selector ?? '(element unknown)'}${causes ? ` (${causes})` : ''}`);
    }
    if (process.env.BENCH_VERBOSE) console.log(JSON.stringify(lhr.audits['layout-shifts'], null, 1).slice(0, 3000));
    return outcome;
  } finally {
    chrome.kill();
    await stack.close();
  }
}
