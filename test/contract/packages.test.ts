import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
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
const ELEMENTS = ['consent-banner', 'consent-preferences', 'vessel-schedule', 'login'] as const;

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

/** The elements, as the build defines them: `widgets/src/elements/<name>/porttask-<name>.ts`. */
async function elementFolders(): Promise<string[]> {
  const entries = await readdir(path.join(ROOT, 'widgets/src/elements'), { withFileTypes: true });
  return entries.filter((entry) => entry.isDirectory() && existsSync(path.join(entry.parentPath, entry.name, `porttask-${entry.name}.ts`))).map((entry) => entry.name).sort();
}

interface ManifestModule {
  path: string;
  declarations?: { kind: string; name: string; tagName?: string; customElement?: boolean; attributes?: { name: string }[] }[];
  exports?: { kind: string; name: string; declaration: { name: string; module?: string } }[];
}

it('custom-elements.json defines every element\'s tag, on its class, at files the package ships', async () => {
  const widgets = path.join(ROOT, 'widgets');
  const manifest = JSON.parse(await readFile(path.join(widgets, 'custom-elements.json'), 'utf8')) as { modules: ManifestModule[] };
  const definitions = manifest.modules.flatMap((module) => (module.exports ?? []).filter((entry) => entry.kind === 'custom-element-definition'));
  assert.deepEqual(definitions.map((definition) => definition.name).sort(), (await elementFolders()).map((name) => `porttask-${name}`));
  for (const definition of definitions) {
    const module = manifest.modules.find((candidate) => candidate.path === definition.declaration.module);
    const declaration = module?.declarations?.find((candidate) => candidate.name === definition.declaration.name);
    assert.equal(declaration?.tagName, definition.name, `${definition.name} → ${definition.declaration.name} in ${definition.declaration.module}`);
    assert.equal(declaration?.customElement, true, definition.name);
    assert.ok(declaration.attributes?.some((attribute) => attribute.name === 'publishable-key'), `${definition.name} documents its attributes`);
  }
  const { files } = JSON.parse(await readFile(path.join(widgets, 'package.json'), 'utf8')) as { files: string[] };
  for (const module of manifest.modules) {
    assert.match(module.path, /^dist\/npm\/.+\.js$/, module.path);
    assert.ok(files.some((pattern) => module.path.startsWith(`${pattern}/`)), `${module.path} is in the package's files`);
    assert.ok(existsSync(path.join(widgets, module.path)), `${module.path} is built`);
  }
});

it('every element has a subpath export, node10 types, and React JSX and Vue template types', async () => {
  const elements = await elementFolders();
  const pkg = JSON.parse(await readFile(path.join(ROOT, 'widgets/package.json'), 'utf8')) as { exports: Record<string, unknown>; typesVersions: { '*': Record<string, string[]> } };
  for (const name of elements) {
    assert.ok(pkg.exports[`./${name}`], `exports ./${name}`);
    assert.deepEqual(pkg.typesVersions['*'][name], [`./dist/types/${name}.d.ts`], `typesVersions ${name}`);
  }
  const tagsIn = (text: string, block: RegExp) => [...(block.exec(text)?.[1] ?? '').matchAll(/^\s*'(porttask-[a-z-]+)':/gm)].map((match) => match[1]).sort();
  const react = await readFile(path.join(ROOT, 'widgets/dist/types/react.d.ts'), 'utf8');
  const vue = await readFile(path.join(ROOT, 'widgets/dist/types/vue.d.ts'), 'utf8');
  const expected = elements.map((name) => `porttask-${name}`);
  assert.deepEqual(tagsIn(react, /interface IntrinsicElements \{([\s\S]*?)\n {4}\}/), expected, 'react.d.ts');
  assert.deepEqual(tagsIn(vue, /interface GlobalComponents \{([\s\S]*?)\n {2}\}/), expected, 'vue.d.ts');
});

it('the React and Vue types compile on their own (no skipLibCheck) and type a partner\'s code', async () => {
  const project = await mkdtemp(path.join(os.tmpdir(), 'porttask-framework-types-'));
  try {
    await symlink(path.join(ROOT, 'node_modules'), path.join(project, 'node_modules'), 'dir');
    await writeFile(path.join(project, 'package.json'), JSON.stringify({ type: 'module' }));
    await writeFile(path.join(project, 'react-page.tsx'), `/// <reference types="@porttask/widgets/react" />
      export const page = <porttask-vessel-schedule port="NLRTM" live apiUrl="https://api.example" onporttask-ready={(event) => event.detail.config.tenant.id} />;
    `);
    await writeFile(path.join(project, 'vue-types.ts'), `/// <reference types="@porttask/widgets/vue" />
      import type { GlobalComponents } from 'vue';
      type Schedule = GlobalComponents['porttask-vessel-schedule'];
      export type ScheduleProps = InstanceType<Schedule>['$props'];
      export const props: ScheduleProps = { port: 'NLRTM', live: true };
    `);
    await writeFile(path.join(project, 'tsconfig.json'), JSON.stringify({
      compilerOptions: { noEmit: true, strict: true, module: 'esnext', moduleResolution: 'bundler', jsx: 'react-jsx', target: 'es2022', lib: ['es2022', 'dom', 'dom.iterable'], types: [], skipLibCheck: false },
      files: ['react-page.tsx', 'vue-types.ts'],
    }));
    const tsc = path.join(ROOT, 'node_modules/typescript/bin/tsc');
    const result = await run(process.execPath, [tsc, '-p', '.'], { cwd: project }).catch((error: { stdout: string }) => ({ stdout: error.stdout, failed: true }));
    assert.ok(!('failed' in result), `tsc found errors:\n${result.stdout}`);
  } finally {
    await rm(project, { recursive: true, force: true });
  }
});
