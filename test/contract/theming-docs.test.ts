import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { before, describe, it } from 'node:test';

/**
 * docs/theming.md is the partner's reference for tokens, parts, events, slots and the loader's
 * attributes. This reads them from the widgets' source, so the page cannot drift from the code.
 */
const ROOT = path.resolve(import.meta.dirname, '../..');
const SOURCE = path.join(ROOT, 'widgets/src');

let source = '';
let docs = '';

async function shippedSources(): Promise<string> {
  const entries = await readdir(SOURCE, { recursive: true, withFileTypes: true });
  const files = entries
    .filter((entry) => entry.isFile() && entry.name.endsWith('.ts') && !entry.name.includes('.test'))
    .map((entry) => path.join(entry.parentPath, entry.name))
    .filter((file) => !file.includes(`${path.sep}testing${path.sep}`) && !file.includes('test-fixtures'));
  return (await Promise.all(files.map((file) => readFile(file, 'utf8')))).join('\n');
}

const all = (text: string, pattern: RegExp) => new Set([...text.matchAll(pattern)].map((match) => match[1]!));
const section = (heading: string) => docs.split(/^## /m).find((part) => part.startsWith(heading)) ?? '';

before(async () => {
  source = await shippedSources();
  docs = await readFile(path.join(ROOT, 'docs/theming.md'), 'utf8');
});

describe('docs/theming.md against the widgets\' source', () => {
  it('lists every --porttask-* token the elements read, and no other', () => {
    const inSource = all(source, /var\(\s*(--porttask-[a-z0-9-]+)/g);
    const inDocs = all(section('Design tokens'), /`(--porttask-[a-z0-9-]+)`/g);
    assert.ok(inSource.size >= 20, `found ${inSource.size} tokens`);
    assert.deepEqual([...inSource].filter((token) => !inDocs.has(token)), [], 'tokens missing from the docs');
    assert.deepEqual([...inDocs].filter((token) => !inSource.has(token)), [], 'tokens the docs list that the code does not read');
  });

  it('lists every shadow part, and no other', () => {
    const inSource = new Set([...all(source, /\bpart="([^"]+)"/g)].flatMap((names) => names.split(/\s+/)));
    const inDocs = all(section('Shadow parts'), /^\| `([a-z-]+)` \|/gm);
    assert.ok(inSource.size >= 25, `found ${inSource.size} parts`);
    assert.deepEqual([...inSource].filter((part) => !inDocs.has(part)), [], 'parts missing from the docs');
    assert.deepEqual([...inDocs].filter((part) => !inSource.has(part)), [], 'parts the docs list that the code does not render');
  });

  it('lists every event, and no other', () => {
    const inSource = all(source, /'(porttask-[a-z-]+)': CustomEvent/g);
    const inDocs = all(section('Events'), /^\| `(porttask-[a-z-]+)` \|/gm);
    assert.deepEqual([...inSource].sort(), [...inDocs].sort());
    assert.ok(inSource.has('porttask-ready') && inSource.has('porttask-error'));
  });

  it('lists every data-* attribute the loader reads, and every slot', async () => {
    const loader = await readFile(path.join(SOURCE, 'loader/porttask.ts'), 'utf8');
    const attributes = [...all(loader, /settings\['(\w+)'\]/g)].map((name) => `data-${name.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`)}`);
    assert.ok(attributes.includes('data-publishable-key') && attributes.includes('data-api-url') && attributes.includes('data-locale'), attributes.join());
    const documented = all(section('The loader'), /^\| `(data-[a-z-]+)` \|/gm);
    assert.deepEqual(attributes.sort(), [...documented].sort());
    for (const slot of all(source, /<slot name="([a-z-]+)"/g)) assert.match(section('Slots'), new RegExp(`\\| \`${slot}\` \\|`), `slot ${slot}`);
  });
});
