import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { documentationApp } from '../../server/src/openapi/print-document.ts';
import { listen, type Listening } from '../../server/src/runtime/listen.ts';
import { launchChromium } from './support/chromium.ts';

/*
 * The API reference (/docs) in a real Chromium, under the CSP the API sends with it: Scalar
 * loads from our own origin, renders every operation with its example and code samples, and
 * asks nothing of any other host. It reads only /openapi.json, so no database is needed.
 */
let api: Listening;
let browser: Browser;
before(async () => {
  const app = documentationApp();
  api = await listen(app.fetch, { port: 0, host: '127.0.0.1' });
  browser = await launchChromium();
});
after(async () => {
  await browser?.close();
  await api?.close(500);
});

describe('API reference at /docs', () => {
  it('renders the operations with examples and samples under its CSP, with no other host and no raw $ref', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const violations: string[] = [];
    const foreignRequests: string[] = [];
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await page.exposeFunction('__reportCspViolation', (violation: string) => { violations.push(violation); });
    await page.addInitScript(() => {
      const report = (globalThis as unknown as { __reportCspViolation(violation: string): void }).__reportCspViolation;
      document.addEventListener('securitypolicyviolation', (event) => report(`${event.violatedDirective} ${event.blockedURI}`));
    });
    await context.route('**/*', (route) => {
      if (new URL(route.request().url()).origin === api.url) return route.continue();
      foreignRequests.push(route.request().url());
      return route.abort();
    });

    const started = Date.now();
    await page.goto(`${api.url}/docs#tag/consents/POST/v1/consents`);
    await page.getByText('Record a visitor\'s consent decision').first().waitFor({ timeout: 60_000 });
    const renderMs = Date.now() - started;
    const section = page.locator('[id$="tag/consents/POST/v1/consents"]').first();
    await section.getByText('v_8c1f2e4a9b7d4c3e').filter({ visible: true }).first().waitFor();
    // The samples, while the operation is in view: curl is shown first; the SDK's is the
    // picker's other choice. (Checked before the walk below: after it, Scalar may leave the
    // view on another operation when the hash comes back to this one.)
    await section.getByTestId('client-picker').first().click();
    await page.getByText('@porttask/sdk', { exact: true }).first().click();
    await section.getByText('client.consents.record(').filter({ visible: true }).first().waitFor();
    let text = await page.locator('body').innerText();
    // Scalar renders sections as they scroll into view: visit every operation to read them all.
    const openapi = await (await fetch(`${api.url}/openapi.json`)).json() as { paths: Record<string, Record<string, { tags: string[]; summary: string }>> };
    for (const [path, operations] of Object.entries(openapi.paths)) {
      for (const [method, operation] of Object.entries(operations)) {
        await page.evaluate((hash) => { location.hash = hash; }, `tag/${operation.tags[0]}/${method.toUpperCase()}${path}`);
        await page.getByText(operation.summary, { exact: true }).filter({ visible: true }).first().waitFor();
        text += await page.locator('body').innerText();
      }
    }
    assert.deepEqual(violations, [], 'no CSP violation');
    assert.deepEqual(foreignRequests, [], 'no request to another host');
    assert.deepEqual(pageErrors, []);
    assert.doesNotMatch(text, /\$ref/, 'no raw $ref shown');
    assert.doesNotMatch(text, /`/, 'Markdown rendered, no literal backticks');
    assert.match(text, /v_8c1f2e4a9b7d4c3e/, 'the recordConsent example (its subjectId) is shown');
    assert.match(text, /curl/, 'a curl sample is shown');
    console.log(`/docs: first operation rendered ${renderMs} ms after navigation`);
    await context.close();
  });
});
