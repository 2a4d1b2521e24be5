import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startStack, type Stack } from './support/stack.ts';

let stack: Stack;
before(async () => { stack = await startStack(); });
after(async () => { await stack?.close(); });

describe('embedding across origins', () => {
  it('loads the loader on the partner portal under its strict CSP and fetches the config from the API origin', async () => {
    const { page, cspViolations, context } = await stack.newPage();
    // The key travels as ?key=: a GET without custom headers, which the browser sends without a preflight.
    const configResponse = page.waitForResponse((response) => response.url() === `${stack.apiUrl}/v1/config?key=${encodeURIComponent(stack.keys.publishableKey)}`);
    const pageResponse = await page.goto(stack.portalUrl);
    assert.match(pageResponse!.headers()['content-security-policy'] ?? '', /script-src 'self' http:\/\/localhost:\d+/);
    assert.doesNotMatch(pageResponse!.headers()['content-security-policy'] ?? '', /unsafe-inline/);

    const response = await configResponse;
    assert.equal(response.status(), 200);
    assert.equal(response.headers()['access-control-allow-origin'], stack.portalUrl);
    const config = await response.json();
    assert.equal(config.tenant.id, stack.keys.tenantId);

    await page.getByText(/Connected to PortTask: Maasvlakte Port Agency/).waitFor();
    const loaderConfig = await page.evaluate(() => globalThis.PortTask?.config.then((value) => value.tenant.id));
    assert.equal(loaderConfig, stack.keys.tenantId);
    assert.deepEqual(await cspViolations(), []);
    await context.close();
  });

  it('refuses the same page served from an origin the key does not allow', async () => {
    const foreignUrl = await stack.startForeignPortal();
    const { page, consoleMessages, context } = await stack.newPage();
    await page.goto(foreignUrl);
    await page.getByText(/PortTask is unavailable/).waitFor();
    const outcome = await page.evaluate(() => globalThis.PortTask?.config.then(() => 'loaded', (error: { code?: string }) => error.code));
    // No preflight stands in the way of the config request any more: the API itself refuses the
    // origin, and lets the page read why (the refusal carries no tenant data), never the config.
    assert.equal(outcome, 'ORIGIN_NOT_ALLOWED', 'the browser must not expose the config to a foreign origin');
    assert.ok(consoleMessages.some((message) => /PortTask: this page's origin .* is not allowed for the publishable key/.test(message)), consoleMessages.join('\n'));
    await context.close();
  });

  it('serves widget chunks cross-origin with the right caching', async () => {
    const loader = await fetch(`${stack.apiUrl}/widgets/v1/porttask.js`, { headers: { Origin: stack.portalUrl } });
    assert.equal(loader.status, 200);
    assert.match(loader.headers.get('content-type') ?? '', /javascript/);
    assert.equal(loader.headers.get('access-control-allow-origin'), '*');
    assert.equal(loader.headers.get('cross-origin-resource-policy'), 'cross-origin');
    assert.match(loader.headers.get('cache-control') ?? '', /max-age=300/);
    const manifest = await (await fetch(`${stack.apiUrl}/widgets/v1/manifest.json`)).json();
    const chunks = new Set<string>(JSON.stringify(manifest).match(/chunks\/[\w.-]+\.js/g) ?? []);
    for (const chunk of chunks) {
      const response = await fetch(`${stack.apiUrl}/widgets/v1/${chunk}`);
      assert.equal(response.status, 200, chunk);
      assert.match(response.headers.get('cache-control') ?? '', /immutable/, chunk);
      assert.equal(response.headers.get('access-control-allow-origin'), '*', chunk);
    }
  });
});

