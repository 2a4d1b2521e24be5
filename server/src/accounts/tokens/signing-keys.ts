import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, hkdfSync, type KeyObject } from 'node:crypto';
import type { Queryable, Sql } from '../../db/connection.ts';
import { open, seal } from '../../secrets/aes-gcm.ts';
import { ACCESS_TOKEN_SECONDS } from './token-lifetimes.ts';

/** How long a process keeps using the key it read before looking again (a rotation elsewhere). */
const CURRENT_KEY_CACHE_MS = 60_000;
/**
 * A retired key stays in the JWKS while tokens it signed can still be valid: their lifetime,
 * plus the time another process may go on signing with it, plus clock skew.
 */
export const RETIRED_KEY_PUBLISHED_SECONDS = ACCESS_TOKEN_SECONDS + CURRENT_KEY_CACHE_MS / 1000 + 120;

export interface SigningKey {
  kid: string;
  privateKey: KeyObject;
}

/** One key of `/.well-known/jwks.json` (RFC 7517 / RFC 8037). */
export interface PublicJwk {
  kty: 'OKP';
  crv: 'Ed25519';
  x: string;
  kid: string;
  alg: 'EdDSA';
  use: 'sig';
}

/**
 * The deployment's Ed25519 keys for access tokens. The private key is created on first use,
 * stored sealed under a key derived from the master key, and never leaves this process in
 * clear; `rotate` retires it and starts a new one, and the old public key stays published
 * for as long as tokens it signed live.
 */
export class SigningKeys {
  readonly #wrapKey: Buffer;
  #current: { key: SigningKey; readAt: number } | undefined;

  constructor(private readonly sql: Sql, masterKey: Buffer) {
    this.#wrapKey = Buffer.from(hkdfSync('sha256', masterKey, Buffer.from('porttask'), Buffer.from('accounts/signing-key-wrap/1'), 32));
  }

  async current(): Promise<SigningKey> {
    if (this.#current && Date.now() - this.#current.readAt < CURRENT_KEY_CACHE_MS) return this.#current.key;
    let [row] = await this.sql<{ kid: string; private_key_sealed: Buffer }[]>`
      SELECT kid, private_key_sealed FROM auth_signing_keys WHERE retired_at IS NULL`;
    if (!row) {
      await this.#insertNew(this.sql, true);
      [row] = await this.sql<{ kid: string; private_key_sealed: Buffer }[]>`
        SELECT kid, private_key_sealed FROM auth_signing_keys WHERE retired_at IS NULL`;
    }
    const key = { kid: row!.kid, privateKey: this.#open(row!.kid, row!.private_key_sealed) };
    this.#current = { key, readAt: Date.now() };
    return key;
  }

  /** The keys a verifier needs: the current one and those retired too recently to drop. */
  async publicKeys(): Promise<PublicJwk[]> {
    const rows = await this.sql<{ kid: string; public_key: string }[]>`
      SELECT kid, public_key FROM auth_signing_keys
      WHERE retired_at IS NULL OR retired_at > now() - make_interval(secs => ${RETIRED_KEY_PUBLISHED_SECONDS})
      ORDER BY created_at DESC`;
    return rows.map((row) => ({ kty: 'OKP', crv: 'Ed25519', x: row.public_key, kid: row.kid, alg: 'EdDSA', use: 'sig' }));
  }

  /** Retires the signing key and makes a new one (`porttask auth rotate-signing-key`). */
  async rotate(): Promise<string> {
    const kid = await this.sql.begin(async (transaction) => {
      await transaction`UPDATE auth_signing_keys SET retired_at = now() WHERE retired_at IS NULL`;
      return this.#insertNew(transaction, false);
    });
    this.#current = undefined;
    return kid;
  }

  async #insertNew(sql: Queryable, onlyIfNone: boolean): Promise<string> {
    const { publicKey, privateKey } = generateKeyPairSync('ed25519');
    const x = publicKey.export({ format: 'jwk' }).x!;
    const kid = `ak_${createHash('sha256').update(Buffer.from(x, 'base64url')).digest('hex').slice(0, 16)}`;
    const sealed = seal(this.#wrapKey, privateKey.export({ format: 'der', type: 'pkcs8' }), `auth_signing_keys/${kid}`);
    // Two processes starting at once: the partial unique index lets one key win.
    await sql`
      INSERT INTO auth_signing_keys (kid, algorithm, public_key, private_key_sealed)
      VALUES (${kid}, 'EdDSA', ${x}, ${sealed})
      ${onlyIfNone ? sql`ON CONFLICT ((true)) WHERE retired_at IS NULL DO NOTHING` : sql``}`;
    return kid;
  }

  #open(kid: string, sealed: Buffer): KeyObject {
    return createPrivateKey({ key: open(this.#wrapKey, sealed, `auth_signing_keys/${kid}`), format: 'der', type: 'pkcs8' });
  }
}

/** For tests and tools: the public key object of a JWK. */
export function publicKeyOf(jwk: PublicJwk): KeyObject {
  return createPublicKey({ key: { kty: jwk.kty, crv: jwk.crv, x: jwk.x }, format: 'jwk' });
}
