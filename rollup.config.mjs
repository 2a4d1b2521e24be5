// Builds everything the browser and npm consumers get:
//   1. the SDK                → sdk/dist/                 (ESM; ky and zod stay external)
//   2. the CDN widgets        → widgets/dist/cdn/         (porttask.js loader + hashed chunks,
//                                                          manifest.json, integrity.json)
//   3. the npm widgets        → widgets/dist/npm/         (one file per module; lit and the SDK external)
// Workspace packages expose TypeScript through the "source" export condition, so every build
// resolves with it first.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import esbuild from 'rollup-plugin-esbuild';
import { dts } from 'rollup-plugin-dts';
import { transformSync } from 'esbuild';
import MagicString from 'magic-string';

const exportConditions = ['source', 'browser', 'import', 'default'];
const extensions = ['.ts', '.mjs', '.js', '.json'];
const widgetsVersion = JSON.parse(readFileSync('widgets/package.json', 'utf8')).version;

/** TypeScript through esbuild; ES2022 is what Lit 3 and every supported browser run natively. */
function typescript(tsconfig) {
  return esbuild({
    tsconfig,
    target: 'es2022',
    sourceMap: true,
    define: { __PORTTASK_VERSION__: JSON.stringify(widgetsVersion) },
  });
}

/**
 * Minifies the CSS inside our `css\`…\`` templates with esbuild's CSS minifier: terser leaves
 * template strings alone, and the stylesheets' indentation and comments otherwise ship to every
 * visitor (the consent banner has a 13 KB gzip first-load budget). Templates with `${…}` are
 * left as they are.
 */
function minifyCssTemplates() {
  const template = /\bcss`([^`$\\]*)`/g;
  return {
    name: 'minify-css-templates',
    transform(code, id) {
      if (!/[\\/]widgets[\\/]src[\\/]/.test(id) || !code.includes('css`')) return null;
      const output = new MagicString(code);
      for (const match of code.matchAll(template)) {
        const minified = transformSync(match[1], { loader: 'css', minify: true }).code.trim();
        output.overwrite(match.index, match.index + match[0].length, `css\`${minified}\``);
      }
      return output.hasChanged() ? { code: output.toString(), map: output.generateMap({ hires: true }) } : null;
    },
  };
}

/**
 * Renames the private `--_porttask-*` custom properties (the copies elements read inside their
 * shadow roots; pages theme with the public `--porttask-*` ones, which keep their names) to
 * short names in the CDN build: `--_porttask-color-primary` → `--_a`. They appear in every
 * stylesheet and cost the banner's first load about 0.1 KB gzip. The names are numbered in the
 * sorted order of every private token in widgets/src, so one build names a token the same in
 * every chunk, and a build is reproducible.
 */
function shortPrivateTokens() {
  const token = /--_porttask-([a-z0-9]+(?:-[a-z0-9]+)*)/g;
  let shortNames = new Map();
  const sourceFiles = (directory) =>
    readdirSync(directory, { withFileTypes: true }).flatMap((entry) =>
      entry.isDirectory() ? sourceFiles(path.join(directory, entry.name)) : /\.ts$/.test(entry.name) ? [path.join(directory, entry.name)] : [],
    );
  return {
    name: 'short-private-tokens',
    buildStart() {
      const names = new Set();
      for (const file of sourceFiles('widgets/src')) for (const match of readFileSync(file, 'utf8').matchAll(token)) names.add(match[1]);
      shortNames = new Map([...names].sort().map((name, index) => [name, index.toString(36)]));
    },
    transform(code, id) {
      if (!/[\\/]widgets[\\/]src[\\/]/.test(id) || !code.includes('--_porttask-')) return null;
      const output = new MagicString(code);
      for (const match of code.matchAll(token)) output.overwrite(match.index, match.index + match[0].length, `--_${shortNames.get(match[1])}`);
      return { code: output.toString(), map: output.generateMap({ hires: true }) };
    },
  };
}

/** Empties an output directory first: hashed chunks of earlier builds must not pile up. */
function cleanDirectory(directory) {
  return {
    name: 'clean-directory',
    buildStart() {
      rmSync(directory, { recursive: true, force: true });
    },
  };
}

/**
 * Fails the build when a module that must never reach browsers slips into a widget bundle.
 * Widgets import only types from the SDK's schemas; zod alone is ~15 KB gzip.
 */
function forbidModules(pattern, reason) {
  return {
    name: 'forbid-modules',
    generateBundle(_options, bundle) {
      for (const output of Object.values(bundle)) {
        if (output.type !== 'chunk') continue;
        const offender = Object.keys(output.modules).find((id) => pattern.test(id));
        if (offender) this.error(`${output.fileName} contains ${offender}: ${reason}`);
      }
    },
  };
}

/**
 * The loader must import nothing: a shared chunk imported by porttask.js would make the
 * mutable, short-cached loader and the immutable element chunks depend on each other.
 */
function loaderStandsAlone(loaderFileName) {
  return {
    name: 'loader-stands-alone',
    generateBundle(_options, bundle) {
      const loader = bundle[loaderFileName];
      if (loader?.type === 'chunk' && loader.imports.length > 0) {
        this.error(`${loaderFileName} imports ${loader.imports.join(', ')}; keep the loader self-contained.`);
      }
    },
  };
}

/**
 * Which chunk defines which tag, with every chunk it imports (transitively), and each lazy
 * locale chunk, from a CDN bundle.
 */
function elementChunks(bundle) {
  const chunks = Object.values(bundle).filter((output) => output.type === 'chunk');
  const byFileName = new Map(chunks.map((chunk) => [chunk.fileName, chunk]));
  const withImports = (chunk, seen = new Set()) => {
    for (const imported of chunk.imports) {
      if (seen.has(imported)) continue;
      seen.add(imported);
      withImports(byFileName.get(imported), seen);
    }
    return [...seen];
  };
  const elements = {};
  const locales = {};
  const elementEntry = /\/elements\/[^/]+\/(porttask-[a-z0-9-]+)\.ts$/;
  for (const chunk of chunks) {
    const id = chunk.facadeModuleId ?? '';
    // A dynamic entry whose chunk also exports to a lazy chunk of its own (the banner's
    // sender) has no facadeModuleId; it is found by the element module it holds.
    const elementModule = chunk.isDynamicEntry ? chunk.moduleIds.find((moduleId) => elementEntry.test(moduleId)) : undefined;
    const element = (elementModule ?? id).match(elementEntry);
    if (element) elements[element[1]] = { file: chunk.fileName, imports: withImports(chunk) };
    const locale = id.match(/\/core\/locales\/([a-z]{2,3}(?:-[A-Za-z0-9]+)*)\.ts$/);
    if (locale && chunk.isDynamicEntry) locales[locale[1]] = chunk.fileName;
  }
  return { elements, locales };
}

/**
 * Writes manifest.json: which chunk defines which tag (with every chunk it imports), and each
 * lazy locale chunk. The bench measures first-load sizes from it; tools can preload from it.
 */
function cdnManifest() {
  return {
    name: 'cdn-manifest',
    generateBundle(_options, bundle) {
      const { elements, locales } = elementChunks(bundle);
      this.emitFile({
        type: 'asset',
        fileName: 'manifest.json',
        source: `${JSON.stringify({ version: widgetsVersion, loader: 'porttask.js', elements, locales }, null, 2)}\n`,
      });
    },
  };
}

/**
 * Writes each element's imported chunks into the loader (over the placeholder in
 * widgets/src/loader/preload-imports.ts), so it can ask for them with the element's own chunk
 * instead of a round trip later. Only hashed names go in: the loader stays self-contained.
 */
function preloadImportsInLoader(loaderFileName) {
  const placeholder = /(["'`])__PORTTASK_ELEMENT_IMPORTS__\1/;
  return {
    name: 'preload-imports',
    generateBundle(_options, bundle) {
      const loader = bundle[loaderFileName];
      if (loader?.type !== 'chunk') return;
      if (!placeholder.test(loader.code)) this.error(`${loaderFileName} has no __PORTTASK_ELEMENT_IMPORTS__ placeholder to fill.`);
      const compact = (file) => {
        const name = /^chunks\/([\w-]+)\.js$/.exec(file)?.[1];
        if (!name) this.error(`${file} is not a chunks/<name>.js file: preload-imports.ts cannot name it.`);
        return name;
      };
      // tag:chunk,chunk;… (the format preload-imports.ts reads)
      const imports = Object.entries(elementChunks(bundle).elements)
        .map(([tag, element]) => `${tag.replace(/^porttask-/, '')}:${element.imports.map(compact).join(',')}`)
        .join(';');
      loader.code = loader.code.replace(placeholder, JSON.stringify(imports));
    },
  };
}

/**
 * Writes integrity.json: the Subresource Integrity hash (SHA-384) of every script in the CDN
 * build, so a page that pins `/widgets/<version>/porttask.js` can add `integrity="…"`, and
 * prints the loader's and consent-mode.js's. Runs after the last CDN file is written, over the
 * bytes on disk: exactly what the server sends.
 */
function cdnIntegrity(directory) {
  return {
    name: 'cdn-integrity',
    writeBundle() {
      const files = readdirSync(directory, { recursive: true })
        .map((file) => String(file).split(path.sep).join('/'))
        .filter((file) => file.endsWith('.js'))
        .sort();
      const integrity = Object.fromEntries(
        files.map((file) => [file, `sha384-${createHash('sha384').update(readFileSync(path.join(directory, file))).digest('base64')}`]),
      );
      writeFileSync(path.join(directory, 'integrity.json'), `${JSON.stringify({ version: widgetsVersion, algorithm: 'sha384', files: integrity }, null, 2)}\n`);
      const pinned = ['porttask.js', 'consent-mode.js'].map((file) => `  /widgets/${widgetsVersion}/${file.padEnd(16)} ${integrity[file]}`);
      console.log(`PortTask widgets ${widgetsVersion}, pinned URLs and their integrity (also in integrity.json):\n${pinned.join('\n')}`);
    },
  };
}

/** Modules that register an element's tag: `widgets/src/elements/<name>/porttask-<name>.ts`. */
function elementEntryModules() {
  const elementsDirectory = 'widgets/src/elements';
  if (!existsSync(elementsDirectory)) return [];
  return readdirSync(elementsDirectory, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => `${elementsDirectory}/${entry.name}/porttask-${entry.name}.ts`)
    .filter((file) => existsSync(file));
}

/**
 * Named chunks, laid out for the consent banner's first load (every script before it is visible
 * ≤ 13 KB gzip; each file is compressed on its own, so fewer files compress better):
 *   - `base`: Lit's core and the thin base every element needs (base element, theme tokens,
 *     guarded define, events, loader settings, page language) and the consent storage the banner
 *     and the rights form read; one file, since every element loads all of it.
 *   - `consent-banner`: the banner's first layer with the consent model, its English texts and
 *     localizer and the page effects; the preferences control (whose only job is to open the
 *     banner) imports it from there.
 *   - `core`: the PortTask base class with English, @lit/task, the SDK and its transport, which
 *     the banner does not load. Translations stay out of `core`: each is its own lazy chunk.
 * Lit's directives (only the rights form uses one) are left to Rollup.
 */
function sharedChunk(id) {
  if (/[\\/]node_modules[\\/](lit|lit-html|lit-element|@lit[\\/]reactive-element)[\\/](?!directive)/.test(id)) return 'base';
  if (/[\\/]widgets[\\/]src[\\/](core[\\/](theme-tokens|define|events|page-settings|page-language|porttask-base)|consent[\\/]storage)\.ts$/.test(id)) return 'base';
  if (/[\\/]widgets[\\/]src[\\/](consent[\\/](model|localize|locales[\\/]en|google-consent-mode|config-fetch)|elements[\\/]consent-banner[\\/](porttask-consent-banner|consent-banner\.component|consent-banner\.styles|deep-active-element))\.ts$/.test(id)) return 'consent-banner';
  // @lit/task serves the PortTask base class (data-fetching widgets), not the consent banner.
  if (/[\\/]node_modules[\\/]@lit[\\/]task[\\/]/.test(id)) return 'core';
  // The one close button: its own small chunk, shared by the banner's lazy dialog and the schedule.
  if (/[\\/]widgets[\\/]src[\\/]core[\\/]close-button\.ts$/.test(id)) return 'close-button';
  const isTranslation = /[\\/]widgets[\\/]src[\\/]core[\\/]locales[\\/](?!en\.ts|index\.ts|catalog\.ts)/.test(id);
  if (/[\\/]widgets[\\/]src[\\/]core[\\/]/.test(id) && !isTranslation) return 'core';
  if (/[\\/]sdk[\\/]src[\\/]/.test(id)) return 'core';
  return undefined;
}

const sdk = {
  input: { index: 'sdk/src/index.ts', schemas: 'sdk/src/schemas/index.ts', server: 'sdk/src/server/index.ts' },
  external: (id) => /^(ky|zod|jose|standardwebhooks)(\/|$)/.test(id),
  // Only the chunks folder is cleaned: sdk/dist may also hold declarations built by tsc.
  plugins: [cleanDirectory('sdk/dist/chunks'), nodeResolve({ exportConditions, extensions }), typescript('sdk/tsconfig.json')],
  output: {
    dir: 'sdk/dist',
    format: 'es',
    entryFileNames: '[name].js',
    chunkFileNames: 'chunks/[name]-[hash].js',
    sourcemap: true,
  },
};

/**
 * Type declarations for npm consumers, bundled into one file per entry by rollup-plugin-dts
 * (which reads our `.ts` import specifiers as they are).
 */
const widgetsExternal = /^(lit|@lit|@porttask\/sdk)(\/|$)/;
const declarations = [
  { input: 'sdk/src/index.ts', file: 'sdk/dist/index.d.ts', external: /^zod(\/|$)/ },
  { input: 'sdk/src/schemas/index.ts', file: 'sdk/dist/schemas/index.d.ts', external: /^zod(\/|$)/ },
  { input: 'sdk/src/server/index.ts', file: 'sdk/dist/server/index.d.ts', external: /^(zod|jose|standardwebhooks)(\/|$)/ },
  { input: 'widgets/src/index.ts', file: 'widgets/dist/types/index.d.ts', external: widgetsExternal },
  // One per element, for its subpath export (`@porttask/widgets/consent-banner`).
  ...elementEntryModules().map((input) => ({ input, file: `widgets/dist/types/${path.basename(path.dirname(input))}.d.ts`, external: widgetsExternal })),
].map(({ input, file, external }) => ({
  input,
  external: (id) => external.test(id),
  plugins: [dts({ respectExternal: false, compilerOptions: { customConditions: ['source'] } })],
  output: { file, format: 'es' },
}));

// The CDN build has one input, the loader: each element (and each locale) is reached through a
// dynamic import in the registry, so Rollup gives it its own chunk, and code two elements share
// (Lit, the core, the SDK) lands in shared chunks instead of being repeated.
const loaderFileName = 'porttask.js';
const cdn = {
  input: { porttask: 'widgets/src/loader/porttask.ts' },
  preserveEntrySignatures: false,
  plugins: [
    cleanDirectory('widgets/dist/cdn'),
    nodeResolve({ browser: true, exportConditions, extensions }),
    typescript('widgets/tsconfig.json'),
    shortPrivateTokens(),
    minifyCssTemplates(),
    forbidModules(/[\\/]node_modules[\\/]zod[\\/]/, 'widgets may import only types from @porttask/sdk/schemas.'),
    loaderStandsAlone(loaderFileName),
    cdnManifest(),
    preloadImportsInLoader(loaderFileName),
  ],
  output: {
    dir: 'widgets/dist/cdn',
    format: 'es',
    // The loader keeps its name (partners link to it; served with a short cache). Everything it
    // loads is content-hashed, so the server can cache chunks as immutable.
    entryFileNames: (chunk) => (chunk.name === 'porttask' ? loaderFileName : 'chunks/[name]-[hash].js'),
    chunkFileNames: (chunk) =>
      /[\\/]core[\\/]locales[\\/]/.test(chunk.facadeModuleId ?? '') ? 'chunks/locale-[name]-[hash].js' : 'chunks/[name]-[hash].js',
    manualChunks: sharedChunk,
    // The maps are written, but no `//# sourceMappingURL` comment ends each file: the server
    // names the map in a `SourceMap` header instead (server/src/widgets/widget-assets.ts), which
    // takes those bytes out of every visitor's download (about 0.1 KB gzip of the banner's first load).
    sourcemap: 'hidden',
    plugins: [terser({ module: true, ecma: 2020, compress: { passes: 2 }, format: { comments: false } })],
  },
};

// consent-mode.js: a classic script (not a module: it must run where it stands in <head>,
// before the Google tag), self-contained, next to the loader and cached like it.
const consentMode = {
  input: 'widgets/src/consent-mode/consent-mode.ts',
  plugins: [nodeResolve({ browser: true, exportConditions, extensions }), typescript('widgets/tsconfig.json'), cdnIntegrity('widgets/dist/cdn')],
  output: {
    file: 'widgets/dist/cdn/consent-mode.js',
    format: 'iife',
    plugins: [terser({ ecma: 2020, compress: { passes: 2 }, format: { comments: false } })],
  },
};

// The npm build mirrors the sources file for file, so bundlers of partner apps tree-shake and
// split it themselves; dependencies stay imports.
const npm = {
  // core/index.ts is only re-exported by index.ts; as an input it stays a file of its own, as
  // custom-elements.json (which documents that barrel) says.
  input: ['widgets/src/index.ts', 'widgets/src/core/index.ts', ...elementEntryModules()],
  external: (id) => /^(lit|@lit\/[^/]+|@porttask\/sdk)(\/|$)/.test(id),
  plugins: [cleanDirectory('widgets/dist/npm'), typescript('widgets/tsconfig.json')],
  output: {
    dir: 'widgets/dist/npm',
    format: 'es',
    preserveModules: true,
    preserveModulesRoot: 'widgets/src',
    entryFileNames: '[name].js',
    sourcemap: true,
  },
};

const sdkDeclarations = declarations.filter((config) => config.input.startsWith('sdk/'));
const widgetsDeclarations = declarations.filter((config) => config.input.startsWith('widgets/'));

// `rollup -c --configCdnOnly` builds just what the running API serves (used by `npm start`);
// `--configPackage=sdk|widgets` just what that npm package ships (its `prepack`).
// consentMode after cdn: the CDN build empties widgets/dist/cdn first, and consentMode writes
// integrity.json once every CDN file is there.
export default (commandLineArgs) => {
  const cdnBuild = [cdn, consentMode];
  if (commandLineArgs.configCdnOnly) return cdnBuild;
  if (commandLineArgs.configPackage === 'sdk') return [sdk, ...sdkDeclarations];
  if (commandLineArgs.configPackage === 'widgets') return [npm, ...widgetsDeclarations];
  if (commandLineArgs.configPackage) throw new Error(`--configPackage must be sdk or widgets, not ${commandLineArgs.configPackage}`);
  return [sdk, ...cdnBuild, npm, ...declarations];
};
