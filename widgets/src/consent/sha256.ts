import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';

/**
 * SHA-256 for pages where `crypto.subtle` does not exist: it is only offered to secure
 * contexts, and partner portals inside port networks are sometimes plain http. Loaded only
 * there (a chunk of its own), so other pages never download it. @noble/hashes: audited,
 * dependency-free, and tree-shaken to the one hash we use.
 */
export function sha256Hex(text: string): string {
  return bytesToHex(sha256(utf8ToBytes(text)));
}
