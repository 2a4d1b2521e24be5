import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { it } from 'node:test';

/**
 * The npm packages as a partner's project sees them: without this workspace's `source`
 * condition, so their `exports` must point at built files and declarations (`npm test`
 * builds first).
 */
const ROOT = path.resolve(import.meta.dirname, '../..');
const run = promisify(execFile);
const ELEMENTS = ['consent-banner', 'consent-preferences', 'vessel-schedule'] as const;

it('resolves @porttask/widgets and each element subpath to built modules', async () => {
  for (const specifier of ['@porttask/widgets', ...ELEMENTS.map((name) => `@porttask/widgets/${name}`), '@porttask/sdk']) {
    const { stdout } = await run(process.execPath, ['--input-type=module', '-e', `console.log(import.meta.resolve(${JSON.stringify(specifier)}))`], { cwd: ROOT });
    const file = fileURLToPath(stdout.trim());
    assert.match(file, /\/dist\//, `${specifier} → ${file}`);
    assert.ok(existsSync(file), `${specifier} → ${file} exists (run npm run build first)`);
  }
});

it('type-checks a partner\'s code against the published declarations of each element', async () => {
  const project = await mkdtemp(path.join(os.tmpdir(), 'porttask-consumer-'));
  try {
    await symlink(path.join(ROOT, 'node_modules'), path.join(project, 'node_modules'), 'dir');
    await writeFile(path.join(project, 'package.json'), JSON.stringify({ type: 'module' }));
    await writeFile(path.join(project, 'consumer.ts'), `
      import type { ConsentBanner, ConsentState } from '@porttask/widgets/consent-banner';
      import type { ConsentPreferences } from '@porttask/widgets/consent-preferences';
      import type { VesselSchedule } from '@porttask/widgets/vessel-schedule';
      import '@porttask/widgets/consent-banner';

      const banner: ConsentBanner | null = document.querySelector('porttask-consent-banner');
      const state: ConsentState | undefined = banner?.getConsent();
      const granted: boolean = state?.choices['analytics'] ?? false;
      banner?.addEventListener('porttask-consent-change', (event) => console.log(event.detail.consent.decided));
      const preferences: ConsentPreferences | null = document.querySelector('porttask-consent-preferences');
      const schedule: VesselSchedule | null = document.querySelector('porttask-vessel-schedule');
      export const used = [granted, preferences, schedule?.visibleCalls.length];
    `);
    const tsc = path.join(ROOT, 'node_modules/typescript/bin/tsc');
    const args = ['--noEmit', '--strict', '--module', 'nodenext', '--moduleResolution', 'nodenext', '--target', 'es2022', '--lib', 'es2022,dom,dom.iterable', 'consumer.ts'];
    const result = await run(process.execPath, [tsc, ...args], { cwd: project }).catch((error: { stdout: string }) => ({ stdout: error.stdout, failed: true }));
    assert.ok(!('failed' in result), `tsc found errors:\n${result.stdout}`);
  } finally {
    await rm(project, { recursive: true, force: true });
  }
});
