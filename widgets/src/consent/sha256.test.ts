import { expect } from '@open-wc/testing';
import { sha256Hex } from './sha256.ts';

async function subtle(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return Array.from(new Uint8Array(digest), (byte) => byte.toString(16).padStart(2, '0')).join('');
}

describe('SHA-256 fallback for insecure contexts', () => {
  it('matches the known vectors and WebCrypto on every block boundary and on non-ASCII text', async () => {
    expect(sha256Hex('')).to.equal('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(sha256Hex('abc')).to.equal('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    for (const length of [55, 56, 63, 64, 65, 119, 120, 1000]) {
      const text = 'x'.repeat(length);
      expect(sha256Hex(text), `length ${length}`).to.equal(await subtle(text));
    }
    const hindi = 'आपकी गोपनीयता संबंधी पसंद — Datenschutz-Einstellungen';
    expect(sha256Hex(hindi)).to.equal(await subtle(hindi));
  });
});
