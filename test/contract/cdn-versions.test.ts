import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { Hono } from 'hono';
import { DEFAULT_WIDGETS_DIRECTORY, createApp } from '../../server/src/app.ts';
import { createLogger } from '../../server/src/logger.ts';
import { listen, type Listening } from '../../server/src/runtime/listen.ts';
import { createTestDatabase, type TestDatabase } from '../../server/src/testing/test-database.ts';
import { launchChromium } from '../e2e/support/chromium.ts';

/**
 * The widgets' CDN paths over HTTP, as a partner's page and a browser meet them: the current
 * build (`npm run build` first) plus a releases directory holding other versions, so "newest
 * 1.x" has something to choose from.
 */
const ROOT = path.resolve(import.meta.dirname, '../..');
const CURRENT = JSON.parse(await readFile(path.join(ROOT, 'widgets/package.json'), 'utf8')).version as string;
const IMMUTABLE = /public, max-age=31536000, immutable/;

let db: TestDatabase;
let api: Listening;
let releases: string;

/** A copy of the real build relabelled as another version, its loader marked so tests can tell them apart. */
async function addRelease(version: string, folderName = version) {
  const directory = path.join(releases, folderName);
  await cp(DEFAULT_WIDGETS_DIRECTORY, directory, { recursive: true });
  const manifestFile = path.join(directory, 'manifest.json');
  const manifest = JSON.parse(await readFile(manifestFile, 'utf8'));
  await writeFile(manifestFile, JSON.stringify({ ...manifest, version }));
  await writeFile(path.join(directory, 'porttask.js'), `${await readFile(path.join(directory, 'porttask.js'), 'utf8')}\n// release ${version}\n`);
}

const sri = (bytes: ArrayBuffer | Buffer) => `sha384-${createHash('sha384').update(Buffer.from(bytes as ArrayBuffer)).digest('base64')}`;

before(async () => {
  releases = await mkdtemp(path.join(os.tmpdir(), 'porttask-widget-releases-'));
  await addRelease('0.9.0');
  await addRelease('1.2.0');
  await addRelease('1.3.0-rc.1');
  await addRelease('2.0.0');
  await addRelease('1.1.1', '1.1.0'); // folder and manifest disagree: never served
  db = await createTestDatabase();
  const app = createApp({ db, logger: createLogger('silent'), masterKey: randomBytes(32), widgetReleasesDirectory: releases });
  api = await listen(app.fetch, { port: 0, host: '127.0.0.1' });
});

after(async () => {
  await api?.close(500);
  await db?.drop();
  await rm(releases, { recursive: true, force: true });
});

describe('pinned /widgets/<version>/', () => {
  it('serves the current build immutable, and integrity.json holds the SHA-384 of every served script', async () => {
    const integrity = await (await fetch(`${api.url}/widgets/${CURRENT}/integrity.json`)).json() as { version: string; files: Record<string, string> };
    assert.equal(integrity.version, CURRENT);
    assert.ok(integrity.files['porttask.js'] && integrity.files['consent-mode.js'], JSON.stringify(integrity));
    assert.ok(Object.keys(integrity.files).filter((file) => file.startsWith('chunks/')).length >= 3, 'chunks are listed too');
    for (const [file, hash] of Object.entries(integrity.files)) {
      const response = await fetch(`${api.url}/widgets/${CURRENT}/${file}`, { headers: { Origin: 'https://portal.example' } });
      assert.equal(response.status, 200, file);
      assert.equal(sri(await response.arrayBuffer()), hash, `${file}: served bytes match integrity.json`);
      assert.match(response.headers.get('cache-control') ?? '', IMMUTABLE, file);
      assert.match(response.headers.get('content-type') ?? '', /javascript/, file);
      assert.equal(response.headers.get('access-control-allow-origin'), '*', file);
      assert.equal(response.headers.get('cross-origin-resource-policy'), 'cross-origin', file);
      assert.equal(response.headers.get('porttask-widgets-version'), CURRENT, file);
    }
  });

  it('names each module script\'s source map in a SourceMap header, not in a comment every visitor downloads', async () => {
    const manifest = await (await fetch(`${api.url}/widgets/${CURRENT}/manifest.json`)).json() as { elements: Record<string, { file: string }> };
    for (const file of ['porttask.js', manifest.elements['porttask-consent-banner']!.file]) {
      const response = await fetch(`${api.url}/widgets/${CURRENT}/${file}`);
      assert.doesNotMatch(await response.text(), /sourceMappingURL/, file);
      const map = response.headers.get('sourcemap');
      assert.equal(map, `${path.basename(file)}.map`, file);
      const served = await fetch(new URL(map!, response.url));
      assert.equal(served.status, 200, `${file}: its map is served`);
      assert.ok(((await served.json()) as { sources: string[] }).sources.length > 0, file);
    }
  });

  it('serves a kept release, a pre-release included, and nothing for unknown or mislabelled versions', async () => {
    const kept = await fetch(`${api.url}/widgets/1.2.0/porttask.js`);
    assert.equal(kept.status, 200);
    assert.match(await kept.text(), /\/\/ release 1\.2\.0\n$/);
    assert.match(kept.headers.get('cache-control') ?? '', IMMUTABLE);
    assert.equal((await fetch(`${api.url}/widgets/1.3.0-rc.1/porttask.js`)).status, 200);
    for (const missing of ['9.9.9', '1.1.0', '1.1.1', 'latest', 'v1.2']) {
      const response = await fetch(`${api.url}/widgets/${missing}/porttask.js`);
      assert.equal(response.status, 404, missing);
      assert.equal((await response.json() as { error: { code: string } }).error.code, 'NOT_FOUND', missing);
    }
  });

  it('never serves a file outside the release', async () => {
    for (const sneaky of [`/widgets/${CURRENT}/..%2f..%2fpackage.json`, `/widgets/${CURRENT}/%2e%2e/%2e%2e/package.json`, '/widgets/..%2f..%2f/package.json']) {
      const status = await new Promise<number>((resolve, reject) => {
        request(`${api.url}${sneaky}`, (response) => { response.resume(); resolve(response.statusCode ?? 0); }).on('error', reject).end();
      });
      assert.equal(status, 404, sneaky);
    }
  });
});

describe('always-latest /widgets/v<major>/', () => {
  it('serves the newest stable release of that major, with a short-lived loader and immutable chunks', async () => {
    const loader = await fetch(`${api.url}/widgets/v1/porttask.js`);
    assert.equal(loader.status, 200);
    assert.equal(loader.headers.get('porttask-widgets-version'), '1.2.0', 'newest 1.x, not the 1.3.0 pre-release or 2.0.0');
    assert.match(await loader.text(), /\/\/ release 1\.2\.0\n$/);
    assert.equal(loader.headers.get('cache-control'), 'public, max-age=300');
    for (const file of ['consent-mode.js', 'manifest.json', 'integrity.json']) {
      assert.equal((await fetch(`${api.url}/widgets/v1/${file}`)).headers.get('cache-control'), 'public, max-age=300', file);
    }
    const manifest = await (await fetch(`${api.url}/widgets/v1/manifest.json`)).json() as { version: string; elements: Record<string, { file: string }> };
    assert.equal(manifest.version, '1.2.0');
    const chunk = await fetch(`${api.url}/widgets/v1/${manifest.elements['porttask-consent-banner']!.file}`);
    assert.equal(chunk.status, 200);
    assert.match(chunk.headers.get('cache-control') ?? '', IMMUTABLE);

    assert.equal((await fetch(`${api.url}/widgets/v2/porttask.js`)).headers.get('porttask-widgets-version'), '2.0.0');
    assert.equal((await fetch(`${api.url}/widgets/v0/porttask.js`)).headers.get('porttask-widgets-version'), '0.9.0');
    assert.equal((await fetch(`${api.url}/widgets/v3/porttask.js`)).status, 404);
  });
});

describe('in Chromium', () => {
  it('runs the pinned loader with its published integrity and refuses it with a wrong one', async () => {
    const integrity = await (await fetch(`${api.url}/widgets/${CURRENT}/integrity.json`)).json() as { files: Record<string, string> };
    const loaderUrl = `${api.url}/widgets/${CURRENT}/porttask.js`;
    const wrong = sri(Buffer.from('not the loader'));
    const page = (hash: string) => `<!doctype html><title>pinned</title>
      <script type="module" src="${loaderUrl}" integrity="${hash}" crossorigin="anonymous"></script>`;
    // A second origin, as a partner's site is.
    const site = new Hono().get('/good', (c) => c.html(page(integrity.files['porttask.js']!))).get('/bad', (c) => c.html(page(wrong)));
    const partner = await listen(site.fetch, { port: 0, host: '127.0.0.1' });
    const browser = await launchChromium();
    try {
      const tab = await browser.newPage();
      await tab.goto(`${partner.url}/good`);
      assert.equal(await tab.waitForFunction(() => globalThis.PortTask?.version).then((handle) => handle.jsonValue()), CURRENT);

      const refused = await browser.newPage();
      const errors: string[] = [];
      refused.on('console', (message) => errors.push(message.text()));
      await refused.goto(`${partner.url}/bad`);
      await refused.waitForLoadState('load');
      assert.equal(await refused.evaluate(() => typeof globalThis.PortTask), 'undefined');
      assert.ok(errors.some((text) => /integrity/i.test(text)), errors.join('\n'));
    } finally {
      await browser.close();
      await partner.close(500);
    }
  });
});
