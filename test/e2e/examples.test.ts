import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { launchChromium } from './support/chromium.ts';
import { startDemoApi, type DemoApi } from './support/demo-api.ts';
import { reserveSiteOrigin, serveFolder } from './support/static-site.ts';

/**
 * examples/react and examples/vue as a partner builds them: type-checked against the JSX / Vue
 * types @porttask/widgets ships (and proven to reject a wrong prop), built by Vite, served on
 * their own origin and opened in Chromium against the real API with the demo tenant.
 * `npm run build` first: the examples import the widgets' built package, not its sources.
 */
const ROOT = path.resolve(import.meta.dirname, '../..');
const run = promisify(execFile);
const bin = (file: string) => path.join(ROOT, 'node_modules', file);

interface Example {
  name: 'react' | 'vue';
  typecheck: string;
  /** A file with one prop of the wrong type and one unknown event field: the check must refuse it. */
  wrongFile: { name: string; text: string };
}

const EXAMPLES: Example[] = [
  {
    name: 'react',
    typecheck: bin('typescript/bin/tsc'),
    wrongFile: {
      name: 'wrong-types.tsx',
      text: `export const wrong = <>
        <porttask-vessel-schedule live="yes" />
        <porttask-consent-banner onporttask-consent-change={(event) => event.detail.notAField} />
      </>;\n`,
    },
  },
  {
    name: 'vue',
    typecheck: bin('vue-tsc/bin/vue-tsc.js'),
    wrongFile: {
      name: 'WrongTypes.vue',
      text: `<template>
        <porttask-vessel-schedule :live="'yes'" />
        <porttask-consent-banner @porttask-consent-change="(event) => event.detail.notAField" />
      </template>\n`,
    },
  },
];

let browser: Browser;
let outputs: string;
before(async () => {
  browser = await launchChromium();
  outputs = await mkdtemp(path.join(os.tmpdir(), 'porttask-examples-'));
});
after(async () => {
  await browser?.close();
  await rm(outputs, { recursive: true, force: true });
});

for (const example of EXAMPLES) {
  describe(`examples/${example.name}`, () => {
    const directory = path.join(ROOT, 'examples', example.name);

    it('type-checks against the shipped element types, which refuse a wrong prop and an unknown event field', async () => {
      await run(process.execPath, [example.typecheck, '--noEmit', '-p', directory]).catch((error: { stdout: string }) => {
        assert.fail(`the example does not type-check:\n${error.stdout}`);
      });
      // The wrong file lives in the example's own folder (its tsconfig, its node_modules), never in src/.
      const scratch = path.join(directory, '.type-check-wrong');
      await mkdir(path.join(scratch, 'src'), { recursive: true });
      try {
        await writeFile(path.join(scratch, 'src', example.wrongFile.name), example.wrongFile.text);
        await writeFile(path.join(scratch, 'tsconfig.json'), JSON.stringify({ extends: '../tsconfig.json', include: ['../src/env.d.ts', '../src/shims-vue.d.ts', 'src'] }));
        const result = await run(process.execPath, [example.typecheck, '--noEmit', '-p', scratch]).then(
          () => ({ stdout: '', failed: false }),
          (error: { stdout: string }) => ({ stdout: error.stdout, failed: true }),
        );
        assert.ok(result.failed, 'a wrong prop type must not type-check');
        assert.match(result.stdout, /Type 'string' is not assignable to type 'boolean \| undefined'/);
        assert.match(result.stdout, /Property 'notAField' does not exist on type 'ConsentChangeDetail'/);
      } finally {
        await rm(scratch, { recursive: true, force: true });
      }
    });

    it('builds with Vite and shows the consent banner and the schedule\'s rows from the real API', async () => {
      const site = await reserveSiteOrigin();
      const api: DemoApi = await startDemoApi(site.url);
      const outDir = path.join(outputs, example.name);
      try {
        await run(process.execPath, [bin('vite/bin/vite.js'), 'build', directory, '--outDir', outDir, '--emptyOutDir', '--logLevel', 'warn'], {
          env: { ...process.env, VITE_PORTTASK_API_URL: api.apiUrl, VITE_PORTTASK_PUBLISHABLE_KEY: api.keys.publishableKey },
        });
        const server = await serveFolder(outDir, site.port);
        try {
          const context = await browser.newContext();
          const page = await context.newPage();
          const pageErrors: string[] = [];
          page.on('pageerror', (error) => pageErrors.push(error.message));
          await page.goto(server.url);

          const banner = page.getByRole('region', { name: 'Your privacy choices' });
          await banner.waitFor();
          assert.ok(await banner.isVisible(), 'the consent banner is visible');
          const rows = page.locator('porttask-vessel-schedule [part~="row"]');
          await rows.first().waitFor();
          assert.ok((await rows.count()) > 0, 'the schedule rendered rows');

          // The framework's own event binding hears the element's event: the page shows the decision.
          await page.getByRole('button', { name: 'Accept all' }).click();
          await page.locator('#consent-summary', { hasText: 'Analytics allowed' }).waitFor();
          assert.deepEqual(pageErrors, []);
          await context.close();
        } finally {
          await server.close();
        }
      } finally {
        await api.close();
      }
    });
  });
}
