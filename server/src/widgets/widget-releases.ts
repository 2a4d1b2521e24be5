import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import semver from 'semver';

export interface WidgetRelease {
  version: string;
  directory: string;
}

export interface WidgetReleases {
  all: WidgetRelease[];
  /** The exact release, pre-releases included (`/widgets/1.3.0-rc.1/` pins one). */
  byVersion(version: string): WidgetRelease | undefined;
  /** The newest stable release of a major version: what `/widgets/v1/` serves. */
  newestOfMajor(major: number): WidgetRelease | undefined;
}

/**
 * The widget releases this server can serve: the current build (its version is in its
 * manifest.json) and every folder of the releases directory named after the version its own
 * manifest.json states. Read once at start: a release added later is served after a restart.
 */
export function findWidgetReleases(currentBuild: string, releasesDirectory?: string): WidgetReleases {
  const byVersion = new Map<string, WidgetRelease>();
  if (releasesDirectory && existsSync(releasesDirectory)) {
    for (const entry of readdirSync(releasesDirectory, { withFileTypes: true })) {
      if (!entry.isDirectory()) continue;
      const directory = path.join(releasesDirectory, entry.name);
      // A folder whose name and manifest disagree is a copy mistake: serving it would pin the wrong bytes.
      if (versionOf(directory) === entry.name) byVersion.set(entry.name, { version: entry.name, directory });
    }
  }
  const current = versionOf(currentBuild);
  if (current) byVersion.set(current, { version: current, directory: currentBuild }); // the build wins over a copy of itself
  const all = [...byVersion.values()];
  return {
    all,
    byVersion: (version) => byVersion.get(version),
    newestOfMajor(major) {
      const newest = semver.maxSatisfying(all.map((release) => release.version), `${major}.x`);
      return newest ? byVersion.get(newest) : undefined;
    },
  };
}

function versionOf(directory: string): string | undefined {
  try {
    const { version } = JSON.parse(readFileSync(path.join(directory, 'manifest.json'), 'utf8')) as { version?: unknown };
    return typeof version === 'string' && semver.valid(version) === version ? version : undefined;
  } catch {
    return undefined; // not built, or not a widget build
  }
}
