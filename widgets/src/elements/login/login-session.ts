import { AuthenticationError, type TokenPair } from '@porttask/sdk';
import { sharedClient } from '../../core/client-cache.ts';

/** What the login frame hands over and `POST /v1/auth/token` answers. */
export type { TokenPair };

/** The access token's claims, decoded for display and events (the partner's server verifies it). */
export interface AccessTokenClaims {
  sub: string;
  tenant: string;
  environment: 'test' | 'live';
  role: string;
  email: string;
  email_verified: boolean;
  aud: string;
  azp: string;
  iss: string;
  exp: number;
  iat: number;
}

export type SessionChange =
  | { signedIn: true; accessToken: string; claims: AccessTokenClaims; renewed: boolean }
  | { signedIn: false; reason: 'sign-out' | 'expired' | 'revoked' };

/** Renew this long before the access token expires. */
const RENEW_AHEAD_MS = 60_000;
/** After a failed renewal (network, API down), try again this soon. */
const RETRY_MS = 15_000;

export interface SessionSettings {
  apiUrl: string;
  publishableKey: string;
  /** Where the refresh token is kept (see docs/accounts.md: localStorage by default). */
  storage: Storage;
  onChange(change: SessionChange): void;
}

/**
 * Keeps a signed-in session on the partner's page without any cookie: the refresh token in
 * the page's own storage, the access token in memory, renewed a minute before it expires.
 * Renewals of one key take turns across the page's tabs (Web Locks) and each reads the
 * newest refresh token inside the lock: a refresh token is good for one use, and a second
 * use would revoke the whole sign-in.
 */
export class LoginSession {
  readonly #settings: SessionSettings;
  readonly #storageKey: string;
  #timer: ReturnType<typeof setTimeout> | undefined;
  accessToken: string | undefined;
  claims: AccessTokenClaims | undefined;

  constructor(settings: SessionSettings) {
    this.#settings = settings;
    this.#storageKey = `porttask.login.${settings.publishableKey}`;
  }

  get hasStoredSession(): boolean {
    return this.#settings.storage.getItem(this.#storageKey) !== null;
  }

  /** The frame's tokens after a sign-in or sign-up, or (`replaced`) the same sign-in's new ones after a password change. */
  accept(pair: TokenPair, replaced = false): void {
    this.#settings.storage.setItem(this.#storageKey, pair.refreshToken);
    this.#use(pair, replaced);
  }

  /** On page load, or when another tab changed the stored token. */
  async renew(): Promise<void> {
    await this.#exclusively(async () => {
      const refreshToken = this.#settings.storage.getItem(this.#storageKey);
      if (!refreshToken) return this.#end('expired');
      let pair: TokenPair;
      try {
        pair = await this.#auth.refresh(refreshToken);
      } catch (error) {
        // 401: revoked, expired, or reused elsewhere. Anything else (offline, API down): later.
        return error instanceof AuthenticationError ? this.#end('revoked') : this.#schedule(RETRY_MS);
      }
      this.#settings.storage.setItem(this.#storageKey, pair.refreshToken);
      this.#use(pair, true);
    });
  }

  /** Revokes the sign-in on the server (all its tokens), then forgets it here. */
  async signOut(): Promise<void> {
    await this.#exclusively(async () => {
      const refreshToken = this.#settings.storage.getItem(this.#storageKey);
      this.#settings.storage.removeItem(this.#storageKey);
      if (refreshToken) await this.#auth.revoke(refreshToken).catch(() => undefined);
    });
    this.#end('sign-out');
  }

  dispose(): void {
    clearTimeout(this.#timer);
  }

  #use(pair: TokenPair, renewed: boolean): void {
    this.accessToken = pair.accessToken;
    this.claims = decodeClaims(pair.accessToken);
    this.#schedule(Math.max(pair.expiresIn * 1000 - RENEW_AHEAD_MS, 5_000));
    this.#settings.onChange({ signedIn: true, accessToken: pair.accessToken, claims: this.claims, renewed });
  }

  #end(reason: 'sign-out' | 'expired' | 'revoked'): void {
    clearTimeout(this.#timer);
    const wasSignedIn = this.accessToken !== undefined;
    this.accessToken = undefined;
    this.claims = undefined;
    if (reason !== 'sign-out') this.#settings.storage.removeItem(this.#storageKey);
    if (wasSignedIn || reason === 'sign-out' || reason === 'revoked') this.#settings.onChange({ signedIn: false, reason });
  }

  #schedule(delayMs: number): void {
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => void this.renew(), delayMs);
  }

  /** The SDK's `client.auth`, on the page's one client for this API and key. */
  get #auth() {
    return sharedClient(this.#settings.apiUrl, this.#settings.publishableKey).auth;
  }

  #exclusively(work: () => Promise<void>): Promise<void> {
    const locks = (navigator as Navigator & { locks?: LockManager }).locks;
    return locks ? locks.request(`porttask-login:${this.#settings.publishableKey}`, work).then(() => undefined) : work();
  }
}

function decodeClaims(token: string): AccessTokenClaims {
  const payload = token.split('.')[1] ?? '';
  const text = atob(payload.replace(/-/g, '+').replace(/_/g, '/'));
  const bytes = Uint8Array.from(text, (character) => character.charCodeAt(0));
  return JSON.parse(new TextDecoder().decode(bytes)) as AccessTokenClaims;
}
