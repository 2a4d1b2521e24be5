import path from 'node:path';

/**
 * The analyzer reads the TypeScript sources (`widgets/src/…/x.ts`, from the repository root);
 * the manifest ships in the npm package, where paths are relative to the package root and
 * must name the files that are published: `dist/npm/…/x.js`, the build's one-to-one output.
 * Relative references (`./x.ts` in re-exports) are resolved against their module first, and
 * modules of types only are left out: they have no JavaScript file.
 */
export function shippedPaths({ sourceRoot, shippedRoot }) {
  const toShipped = (file) => {
    if (!file.startsWith(`${sourceRoot}/`)) return file;
    return `${shippedRoot}/${file.slice(sourceRoot.length + 1)}`.replace(/\.ts$/, '.js');
  };
  const rewrite = (value, modulePath) => {
    if (Array.isArray(value)) return value.forEach((item) => rewrite(item, modulePath));
    if (!value || typeof value !== 'object') return;
    for (const [key, child] of Object.entries(value)) {
      if ((key === 'module' || key === 'path') && typeof child === 'string') {
        const absolute = child.startsWith('.') ? path.posix.join(path.posix.dirname(modulePath), child) : child;
        value[key] = toShipped(absolute);
      } else {
        rewrite(child, modulePath);
      }
    }
  };
  return {
    name: 'porttask-shipped-paths',
    packageLinkPhase({ customElementsManifest }) {
      // A module of types only (no declaration, no export the analyzer saw) emits no JavaScript.
      customElementsManifest.modules = customElementsManifest.modules.filter((module) => module.declarations?.length || module.exports?.length);
      for (const module of customElementsManifest.modules) {
        const modulePath = module.path;
        rewrite(module, modulePath);
      }
    },
  };
}
