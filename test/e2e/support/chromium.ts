import { existsSync, readdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';

/**
 * Finds a Chromium: CHROME_PATH, else Debian's /usr/bin/chromium, else Playwright's cache.
 * Test tools' own browser downloads do not work everywhere, so we never rely on them.
 */
export function findChromium(): string {
  const candidates = [process.env.CHROME_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser', ...playwrightCache()];
  const found = candidates.find((candidate): candidate is string => Boolean(candidate && existsSync(candidate)));
  if (!found) {
    throw new Error('No Chromium found. Install one (Debian/Ubuntu: apt-get install -y chromium) or set CHROME_PATH to a Chrome/Chromium binary.');
  }
  return found;
}

function playwrightCache(): string[] {
  const cache = path.join(os.homedir(), '.cache', 'ms-playwright');
  if (!existsSync(cache)) return [];
  return readdirSync(cache)
    .filter((name) => name.startsWith('chromium'))
    .map((name) => path.join(cache, name, 'chrome-linux', 'chrome'));
}

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export function launchChromium(extraArgs: string[] = []): Promise<Browser> {
  return chromium.launch({ executablePath: findChromium(), args: [...CHROMIUM_ARGS, ...extraArgs], headless: true });
}
