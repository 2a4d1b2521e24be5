import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import { Hono } from 'hono';
import type { AppEnv } from '../app-env.ts';

/**
 * The API reference at `/docs`: Scalar's API reference (a maintained OpenAPI renderer) reading
 * `/openapi.json`. Its script is served from our own origin out of node_modules, so the page
 * needs no network but ours and runs under a CSP without inline scripts. Scalar puts its
 * styles in `<style>` elements at run time, hence `style-src 'unsafe-inline'` (styles only).
 */
// The package exports neither its package.json nor the browser bundle: find them from its entry (dist/index.js).
const scalarPackage = path.resolve(path.dirname(createRequire(import.meta.url).resolve('@scalar/api-reference')), '..');
const scalarVersion = (JSON.parse(readFileSync(path.join(scalarPackage, 'package.json'), 'utf8')) as { version: string }).version;
const SCALAR_SCRIPT = path.join(scalarPackage, 'dist/browser/standalone.js');
const SCALAR_PATH = `/docs/assets/scalar-${scalarVersion}.js`;
const CONFIG_PATH = `/docs/assets/reference-${scalarVersion}.js`;

export const REFERENCE_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/**
 * Runs before Scalar's script. Scalar bundles zod, which probes for `eval` with `Function('')`
 * (a CSP violation even when caught); zod's own switch turns the probe off. Scalar's options
 * allow nothing that calls out: telemetry, web fonts, its request proxy, the AI agent.
 */
const CONFIG_SCRIPT = `globalThis.__zod_globalConfig = { ...globalThis.__zod_globalConfig, jitless: true };
document.addEventListener('DOMContentLoaded', () => Scalar.createApiReference('#reference', ${JSON.stringify({
  url: '/openapi.json',
  telemetry: false,
  withDefaultFonts: false,
  hideClientButton: true,
  hideTestRequestButton: true,
  agent: { disabled: true },
  documentDownloadType: 'json',
  defaultOpenAllTags: true,
})}));\n`;

const PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>PortTask Embed API reference</title>
</head>
<body>
<div id="reference"></div>
<noscript>The reference needs JavaScript. The document itself is at <a href="/openapi.json">/openapi.json</a> (OpenAPI 3.1).</noscript>
<script src="${CONFIG_PATH}"></script>
<script src="${SCALAR_PATH}"></script>
</body>
</html>
`;

const IMMUTABLE = 'public, max-age=31536000, immutable';
let compressedScalar: Promise<Buffer> | undefined;

/** Routes of the reference: the page, Scalar's script (gzip, compressed once) and its options. */
export function apiReference() {
  return new Hono<AppEnv>()
    .get('/docs', (c) => {
      c.header('Content-Security-Policy', REFERENCE_CSP);
      return c.html(PAGE);
    })
    .get(CONFIG_PATH, (c) => c.body(CONFIG_SCRIPT, 200, { 'Content-Type': 'text/javascript; charset=utf-8', 'Cache-Control': IMMUTABLE }))
    .get(SCALAR_PATH, async (c) => {
      compressedScalar ??= readFile(SCALAR_SCRIPT).then((script) => promisify(gzip)(script));
      const body = await compressedScalar;
      // Every browser sends gzip; the rare client that does not gets it unpacked.
      const headers = { 'Content-Type': 'text/javascript; charset=utf-8', 'Cache-Control': IMMUTABLE, Vary: 'Accept-Encoding' };
      if (!/\bgzip\b/.test(c.req.header('Accept-Encoding') ?? '')) return c.body(new Uint8Array(await readFile(SCALAR_SCRIPT)), 200, headers);
      return c.body(new Uint8Array(body), 200, { ...headers, 'Content-Encoding': 'gzip' });
    });
}
