import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

const axeSource = readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/**
 * axe-core's violations inside the given elements (their shadow roots included), WCAG 2.x A and
 * AA rules. axe is evaluated through the DevTools protocol, which the page's CSP does not govern,
 * so checking adds no violation of its own.
 */
export async function axeViolations(page: Page, selectors: string[]): Promise<string[]> {
  await page.evaluate(await axeSource);
  return page.evaluate(async (include) => {
    type Rule = { id: string; nodes: Array<{ target: unknown }> };
    const axe = (globalThis as unknown as { axe: { run(context: unknown, options: unknown): Promise<{ violations: Rule[]; passes: Rule[] }> } }).axe;
    const result = await axe.run({ include: include.map((selector) => [selector]) }, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] } });
    // Nothing checked would pass silently: the elements must have been found and examined.
    if (!result.passes.some((rule) => rule.id === 'color-contrast' && rule.nodes.length > 0)) throw new Error(`axe checked no text in ${include.join(', ')}`);
    return result.violations.map((violation) => `${violation.id}: ${JSON.stringify(violation.nodes.map((node) => node.target))}`);
  }, selectors);
}
