import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createClient, type PortCall } from '@porttask/sdk';
import { samplePortCall, SAMPLE_VESSELS } from '../../server/src/schedules/testing/sample-port-calls.ts';
import { startStack, type Stack } from './support/stack.ts';

/**
 * The live vessel schedule on the demo partner portal (second origin, strict CSP, real API
 * and PostgreSQL, headless Chromium): an update ingested through the SDK appears in the open
 * widget.
 */
let stack: Stack;
before(async () => { stack = await startStack(); });
after(async () => { await stack?.close(); });

const hoursFromNow = (hours: number) => new Date(Date.now() + hours * 3_600_000).toISOString().replace(/\.\d{3}Z$/, 'Z');

describe('vessel schedule on the partner portal', () => {
  it('shows the port\'s calls and applies an update ingested through the SDK while it is open', async () => {
    const partner = createClient({ apiUrl: stack.apiUrl, secretKey: stack.keys.secretKey });
    const calls: PortCall[] = [];
    for (const [index, vessel] of SAMPLE_VESSELS.entries()) {
      calls.push(await partner.portCalls.upsert(`E2E-${index}`, samplePortCall({
        vessel: { ...vessel },
        timestamps: [
          { eventTypeCode: 'ARRI', classifierCode: 'PLN', facilityTypeCode: 'PBPL', dateTime: hoursFromNow(2 + index) },
          { eventTypeCode: 'DEPA', classifierCode: 'PLN', facilityTypeCode: 'BRTH', dateTime: hoursFromNow(30 + index) },
        ],
      })));
    }
    const { page, cspViolations, consoleMessages } = await stack.newPage();
    const failedRequests: string[] = [];
    page.on('response', (response) => { if (response.status() >= 400) failedRequests.push(`${response.status()} ${response.url()}`); });
    await page.goto(`${stack.portalUrl}/index.html#line-up`);
    const rows = page.locator('porttask-vessel-schedule [part~="row"]');
    await rows.first().waitFor();
    assert.equal(await rows.count(), SAMPLE_VESSELS.length);
    await page.locator('porttask-vessel-schedule [part="live-status"]', { hasText: 'Live' }).waitFor();

    const target = calls[2]!;
    const row = page.locator(`porttask-vessel-schedule [data-id="${target.id}"]`);
    assert.match(await row.locator('.cell--status').innerText(), /Planned/);
    const updated = await partner.portCalls.addTimestamp(target.id, {
      eventTypeCode: 'ARRI', classifierCode: 'ACT', facilityTypeCode: 'PBPL', dateTime: hoursFromNow(-0.5), source: 'e2e pilot', publisherRole: 'PLT',
    });
    await page.locator(`porttask-vessel-schedule [data-id="${target.id}"][data-version="${updated.version}"]`).waitFor({ timeout: 5_000 });
    assert.match(await row.locator('.cell--status').innerText(), /Arrived/);
    assert.match(await row.locator('.cell--arrival').innerText(), /ACT/);
    assert.match(await row.locator('.cell--updated').innerText(), /e2e pilot/);
    assert.deepEqual(await cspViolations(), []);
    assert.deepEqual(failedRequests, []);
    // Failed loads are checked above by URL; the console also reports the portal's missing favicon.
    assert.deepEqual(consoleMessages.filter((message) => message.startsWith('error') && !message.includes('Failed to load resource')), []);
  });
});
