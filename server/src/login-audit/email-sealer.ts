import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import type { ChainScope } from './chain-format.ts';
import type { AuditKeys } from './audit-keys.ts';

/**
 * How the login audit keeps the email that was tried: sealed, never in plaintext. The trail
 * hashes the sealed text, so destroying the key later (crypto-shredding) leaves the chain
 * verifiable. The API seals under a key per person (subject-email-sealer.ts), so a deletion
 * request can shred one person's address; the interim per-tenant key below still opens rows
 * sealed before that.
 */
export interface EmailSealer {
  seal(scope: ChainScope, email: string): string | Promise<string>;
  /** The email, or null when it can no longer be opened (key destroyed, other format). */
  open(scope: ChainScope, sealed: string): string | null | Promise<string | null>;
}

/** A sealer that needs no database: the interim per-tenant one below. */
export interface LocalEmailSealer extends EmailSealer {
  seal(scope: ChainScope, email: string): string;
  open(scope: ChainScope, sealed: string): string | null;
}

const PREFIX = 'aesgcm1';

/**
 * Interim sealer: AES-256-GCM under a per-tenant key derived from the master key, with the
 * tenant, environment and key id as associated data (a sealed email moved to another
 * tenant's trail does not open). Text: `aesgcm1.<keyId>.<base64url(iv ‖ ciphertext ‖ tag)>`.
 */
export function tenantKeyEmailSealer(keys: AuditKeys): LocalEmailSealer {
  const keyIdOf = (key: Buffer) => createHash('sha256').update(key).digest('hex').slice(0, 12);
  return {
    seal(scope, email) {
      const key = keys.emailKeyFor(scope.tenantId);
      const keyId = keyIdOf(key);
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv).setAAD(Buffer.from(`${scope.tenantId}/${scope.environment}/${keyId}`));
      const sealed = Buffer.concat([iv, cipher.update(email.trim().toLowerCase(), 'utf8'), cipher.final(), cipher.getAuthTag()]);
      return `${PREFIX}.${keyId}.${sealed.toString('base64url')}`;
    },
    open(scope, sealed) {
      const [prefix, keyId, body] = sealed.split('.');
      const key = keys.emailKeyFor(scope.tenantId);
      if (prefix !== PREFIX || !body || keyId !== keyIdOf(key)) return null;
      const bytes = Buffer.from(body, 'base64url');
      if (bytes.length < 28) return null;
      try {
        const decipher = createDecipheriv('aes-256-gcm', key, bytes.subarray(0, 12)).setAAD(Buffer.from(`${scope.tenantId}/${scope.environment}/${keyId}`));
        decipher.setAuthTag(bytes.subarray(bytes.length - 16));
        return Buffer.concat([decipher.update(bytes.subarray(12, bytes.length - 16)), decipher.final()]).toString('utf8');
      } catch {
        return null;
      }
    },
  };
}
