import { createHash, createHmac, hkdfSync, randomBytes, timingSafeEqual } from 'node:crypto';
import type { DataScope } from '../../tenants/data-scope.ts';

/**
 * The guardian mail's link: `<secret>.<signature>`. The secret (256 random bits) is stored only
 * as its SHA-256, so reading the table gives no working link; the signature (HMAC-SHA-256 of
 * tenant, environment and secret under a key derived from the master key) lets a forged or
 * altered link, or one moved to another tenant or environment, be refused before any lookup.
 * The link works once and until the request expires (guardian-consents.ts).
 */
export class GuardianLinks {
  readonly #key: Buffer;

  constructor(masterKey: Buffer) {
    this.#key = Buffer.from(hkdfSync('sha256', masterKey, Buffer.from('porttask'), Buffer.from('accounts/guardian-link/1'), 32));
  }

  /** A new link's token and the hash the request stores. */
  issue(scope: DataScope): { token: string; tokenHash: Buffer } {
    const secret = randomBytes(32).toString('base64url');
    return { token: `${secret}.${this.#sign(scope, secret)}`, tokenHash: hashSecret(secret) };
  }

  /** The stored hash of a token signed for this scope; undefined for anything else. */
  check(scope: DataScope, token: string): Buffer | undefined {
    const [secret, signature, extra] = token.split('.');
    if (!secret || !signature || extra !== undefined) return undefined;
    const expected = Buffer.from(this.#sign(scope, secret));
    const given = Buffer.from(signature);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) return undefined;
    return hashSecret(secret);
  }

  #sign(scope: DataScope, secret: string): string {
    return createHmac('sha256', this.#key).update(`${scope.tenantId}|${scope.environment}|${secret}`).digest('base64url');
  }
}

const hashSecret = (secret: string) => createHash('sha256').update(secret).digest();

/** The link of a guardian mail: the consent page of the API's origin. */
export function guardianConsentLink(baseUrl: string, scope: DataScope, token: string, locale: string): string {
  return `${baseUrl}/embed/guardian-consent?${new URLSearchParams({ tenant: scope.tenantId, environment: scope.environment, token, locale })}`;
}

/** `ida@agency.example` → `i••@agency.example`: enough for a parent to recognise, not to harvest. */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf('@');
  if (at < 1) return '•••';
  return `${email[0]}••@${email.slice(at + 1)}`;
}
