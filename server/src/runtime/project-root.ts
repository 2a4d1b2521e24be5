import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The folder a relative PORTTASK_DATA_DIR is resolved from, the same for `npm start`, the
 * server and every CLI command, wherever the shell stands: the project that holds this
 * package. In a checkout that is the workspace root (the package.json with `workspaces`);
 * installed from npm it is the folder above `node_modules`.
 */
export function projectRoot(from: string = path.dirname(fileURLToPath(import.meta.url))): string {
  const parts = from.split(path.sep);
  const nodeModules = parts.indexOf('node_modules');
  if (nodeModules > 0) return parts.slice(0, nodeModules).join(path.sep) || path.sep;
  let nearestPackage: string | undefined;
  for (let folder = from; ; folder = path.dirname(folder)) {
    const manifest = path.join(folder, 'package.json');
    if (existsSync(manifest)) {
      nearestPackage ??= folder;
      if (hasWorkspaces(manifest)) return folder;
    }
    if (folder === path.dirname(folder)) return nearestPackage ?? process.cwd();
  }
}

function hasWorkspaces(manifest: string): boolean {
  try {
    return 'workspaces' in (JSON.parse(readFileSync(manifest, 'utf8')) as object);
  } catch {
    return false;
  }
}
