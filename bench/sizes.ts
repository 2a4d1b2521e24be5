import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const CDN = path.resolve(import.meta.dirname, '../widgets/dist/cdn');
const LOADER_BUDGET_BYTES = 2 * 1024;
const WIDGET_BUDGET_BYTES = 35 * 1024;
/** The consent banner's first load: loader, Lit, base and the banner's first layer in English. */
const BANNER_BUDGET_BYTES = 13 * 1024;

export interface CompressedSize { raw: number; gzip: number; brotli: number }

export async function compressedSize(files: string[]): Promise<CompressedSize> {
  // Each file is compressed on its own, as browsers fetch them.
  let raw = 0, gzip = 0, brotli = 0;
  for (const file of files) {
    const bytes = await readFile(path.join(CDN, file));
    raw += bytes.length;
    gzip += gzipSync(bytes, { level: 9 }).length;
    brotli += brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
  }
  return { raw, gzip, brotli };
}

export const kilobytes = (bytes: number) => `${(bytes / 1024).toFixed(2)} KB`;

/** Loader size, and each element's first load: loader + its chunk + every chunk it imports. */
export async function run(): Promise<void> {
  const manifest = JSON.parse(await readFile(path.join(CDN, 'manifest.json'), 'utf8')) as {
    loader: string;
    elements: Record<string, { file: string; imports: string[] }>;
  };
  const loader = await compressedSize([manifest.loader]);
  console.log(`loader porttask.js: ${kilobytes(loader.gzip)} gzip, ${kilobytes(loader.brotli)} brotli (budget ${kilobytes(LOADER_BUDGET_BYTES)} gzip) ${loader.gzip <= LOADER_BUDGET_BYTES ? 'OK' : 'OVER BUDGET'}`);
  for (const [tag, element] of Object.entries(manifest.elements)) {
    const chunks = [element.file, ...element.imports];
    const size = await compressedSize([manifest.loader, ...chunks]);
    const budget = tag === 'porttask-consent-banner' ? BANNER_BUDGET_BYTES : WIDGET_BUDGET_BYTES;
    const perChunk = (await Promise.all(chunks.map(async (chunk) => `${chunk.replace(/^chunks\//, '')} ${kilobytes((await compressedSize([chunk])).gzip)}`))).join(', ');
    console.log(`${tag} (loader + ${chunks.length} chunks: ${perChunk}): ${kilobytes(size.gzip)} gzip, ${kilobytes(size.brotli)} brotli (budget ${kilobytes(budget)} gzip) ${size.gzip <= budget ? 'OK' : 'OVER BUDGET'}`);
  }
  await loginFirstLoad(manifest);
  // Optional, for pages with Google tags; it blocks the page's parsing where it stands, so it
  // stays small (it has no budget of its own).
  const consentMode = await compressedSize(['consent-mode.js']);
  console.log(`consent-mode.js (classic script before the Google tag): ${kilobytes(consentMode.gzip)} gzip, ${kilobytes(consentMode.brotli)} brotli`);
  if (Object.keys(manifest.elements).length === 0) console.log('no elements built yet');
}

/**
 * The login's first load when signed out: the element (loader + its chunks) and the frame it
 * shows (the /embed/login page with its script and stylesheet), beside Clerk's SignIn
 * (≈ 400 KB gzip by Clerk's own bundle, a figure we cannot re-measure offline).
 */
async function loginFirstLoad(manifest: { loader: string; elements: Record<string, { file: string; imports: string[] }> }): Promise<void> {
  const element = manifest.elements['porttask-login'];
  if (!element) return;
  const { loginAssets } = await import('../server/src/embed/login-assets.ts');
  const { loginPage } = await import('../server/src/embed/login-page.ts');
  const { loginTexts } = await import('../server/src/embed/login-texts.ts');
  const page = (mode: 'sign-in' | 'security') => loginPage({
    locale: 'en', texts: loginTexts('en'), mode, signUp: { open: true, policy: { version: '2026-04-03', url: 'https://portal.example/privacy' }, terms: undefined, ageGate: 'self_declaration', minimumAge: 18, guardianConsent: true }, parentOrigin: 'https://portal.example', publishableKey: `pk_live_${'0'.repeat(52)}`,
    assets: { script: loginAssets.script.path, style: loginAssets.style.path, resetScript: loginAssets.resetScript.path, secondFactorScript: loginAssets.secondFactorScript.path, securityScript: loginAssets.securityScript.path },
  });
  const gzipped = (texts: string[]) => texts.reduce((sum, text) => sum + gzipSync(Buffer.from(text), { level: 9 }).length, 0);
  const shared = [loginAssets.script.body, loginAssets.resetScript.body, loginAssets.secondFactorScript.body, loginAssets.style.body];
  const frame = gzipped([String(await page('sign-in')), ...shared]);
  const widget = await compressedSize([manifest.loader, element.file, ...element.imports]);
  const total = widget.gzip + frame;
  console.log(`login first load, signed out: element ${kilobytes(widget.gzip)} + frame ${kilobytes(frame)} = ${kilobytes(total)} gzip (budget ${kilobytes(WIDGET_BUDGET_BYTES)} gzip) ${total <= WIDGET_BUDGET_BYTES ? 'OK' : 'OVER BUDGET'}; Clerk's SignIn ≈ 400 KB gzip`);
  // Opened by a signed-in person (the element is loaded already): two-step verification and the password change.
  const security = gzipped([String(await page('security')), ...shared, loginAssets.securityScript.body]);
  console.log(`login account-security view: frame ${kilobytes(security)} gzip (element + frame ${kilobytes(widget.gzip + security)})`);
}
