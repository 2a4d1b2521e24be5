import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const CDN = path.resolve(import.meta.dirname, '../widgets/dist/cdn');
const LOADER_BUDGET_BYTES = 2 * 1024;
const WIDGET_BUDGET_BYTES = 35 * 1024;

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
    console.log(`${tag} (loader + ${chunks.length} chunks): ${kilobytes(size.gzip)} gzip, ${kilobytes(size.brotli)} brotli (budget ${kilobytes(WIDGET_BUDGET_BYTES)} gzip unless stricter) ${size.gzip <= WIDGET_BUDGET_BYTES ? 'OK' : 'OVER BUDGET'}`);
  }
  // Optional, for pages with Google tags; it blocks the page's parsing where it stands, so it
  // stays small (it has no budget of its own).
  const consentMode = await compressedSize(['consent-mode.js']);
  console.log(`consent-mode.js (classic script before the Google tag): ${kilobytes(consentMode.gzip)} gzip, ${kilobytes(consentMode.brotli)} brotli`);
  if (Object.keys(manifest.elements).length === 0) console.log('no elements built yet');
}
