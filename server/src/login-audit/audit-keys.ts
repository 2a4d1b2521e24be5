import { createHash, createPrivateKey, createPublicKey, hkdfSync, sign, verify, type KeyObject } from 'node:crypto';
import { macFunction } from './chain-format.ts';

/** PKCS#8 DER prefix of an Ed25519 private key; the 32-byte seed follows it. */
const ED25519_PKCS8_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');

export interface AuditSigningKey {
  keyId: string;
  privateKey: KeyObject;
  publicKey: KeyObject;
}

/**
 * The login audit's secrets, all derived from PORTTASK_MASTER_KEY with HKDF, so nothing new
 * has to be stored or backed up, and none of it is ever in the database: the per-tenant MAC
 * key (a database owner can recompute hashes, not MACs) and the Ed25519 checkpoint key.
 */
export class AuditKeys {
  readonly signing: AuditSigningKey;
  private readonly macs = new Map<string, (canonical: string) => Buffer>();

  constructor(private readonly masterKey: Buffer) {
    if (masterKey.length < 32) throw new Error('The master key must be at least 32 bytes.');
    const seed = derive(masterKey, 'login-audit/signing/1');
    const privateKey = createPrivateKey({ key: Buffer.concat([ED25519_PKCS8_PREFIX, seed]), format: 'der', type: 'pkcs8' });
    const publicKey = createPublicKey(privateKey);
    this.signing = { keyId: auditKeyId(publicKey), privateKey, publicKey };
  }

  /** HMAC-SHA256 of a row's canonical text under the tenant's MAC key. */
  macFor(tenantId: string): (canonical: string) => Buffer {
    let mac = this.macs.get(tenantId);
    if (!mac) this.macs.set(tenantId, (mac = macFunction(this.macKeyFor(tenantId))));
    return mac;
  }

  /** The tenant's MAC key itself, for verifying worker threads (never leaves the process). */
  macKeyFor(tenantId: string): Buffer {
    return derive(this.masterKey, `login-audit/mac/1/${tenantId}`);
  }

  /** The tenant's interim key for sealing emails (see email-sealer.ts). */
  emailKeyFor(tenantId: string): Buffer {
    return derive(this.masterKey, `login-audit/email/1/${tenantId}`);
  }

  sign(checkpointHash: Buffer): Buffer {
    return sign(null, checkpointHash, this.signing.privateKey);
  }
}

/** `lak_` + the first 16 hex digits of SHA-256 of the raw public key: names the key in checkpoints. */
export function auditKeyId(publicKey: KeyObject): string {
  return `lak_${createHash('sha256').update(rawPublicKey(publicKey)).digest('hex').slice(0, 16)}`;
}

/** The 32 raw bytes of an Ed25519 public key (the `x` of its JWK). */
export function rawPublicKey(publicKey: KeyObject): Buffer {
  return Buffer.from(publicKey.export({ format: 'jwk' }).x!, 'base64url');
}

export function verifySignature(publicKey: KeyObject, checkpointHash: Buffer, signature: Buffer): boolean {
  try {
    return verify(null, checkpointHash, publicKey, signature);
  } catch {
    return false;
  }
}

function derive(masterKey: Buffer, info: string): Buffer {
  return Buffer.from(hkdfSync('sha256', masterKey, Buffer.from('porttask'), Buffer.from(info), 32));
}
