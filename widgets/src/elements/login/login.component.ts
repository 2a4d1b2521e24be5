import { html, type CSSResultGroup, type PropertyDeclarations } from 'lit';
import { dispatchPortTaskEvent } from '../../core/events.ts';
import { LocalizeController } from '../../core/localize.ts';
import { readPageSettings } from '../../core/page-settings.ts';
import { PortTaskBase } from '../../core/porttask-base.ts';
import { themeTokens } from '../../core/theme-tokens.ts';
import { loginCatalogs } from './locales/index.ts';
import { LoginSession, type AccessTokenClaims, type SessionChange, type TokenPair } from './login-session.ts';
import { loginStyles } from './login.styles.ts';

/** Detail of `porttask-login`: on sign-in, on a page load that restored the sign-in, and on each renewal (`renewed`). */
export interface PortTaskLoginDetail {
  accessToken: string;
  claims: AccessTokenClaims;
  renewed: boolean;
}

/** Detail of `porttask-logout`: `sign-out` (asked for), `revoked` (ended elsewhere, or its token was reused) or `expired`. */
export interface PortTaskLogoutDetail {
  reason: 'sign-out' | 'expired' | 'revoked';
}

declare global {
  interface GlobalEventHandlersEventMap {
    'porttask-login': CustomEvent<PortTaskLoginDetail>;
    'porttask-logout': CustomEvent<PortTaskLogoutDetail>;
  }
}

type FrameMessage =
  /** `replaced`: the same person's sign-in goes on with new tokens (the password changed; every other sign-in ended). */
  | { type: 'porttask-login:tokens'; tokens: TokenPair; replaced?: boolean }
  | { type: 'porttask-login:resize'; height: number }
  | { type: 'porttask-login:ready' }
  | { type: 'porttask-login:security-ready' }
  | { type: 'porttask-login:security-done' };

/**
 * Sign-in and sign-up for a partner's portal. Credentials are typed only in a frame of the
 * PortTask API's origin (`/embed/login`), which hands this element an access token (5 min)
 * and a refresh token over `postMessage`, addressed to this page's origin only. The element
 * keeps the refresh token in the page's `localStorage` (or `sessionStorage` with
 * `storage="session"`), renews the access token before it expires, and needs no cookie at
 * all: it works with third-party cookies blocked.
 *
 * @tagname porttask-login
 * @summary Sign-in and sign-up that keeps working without third-party cookies.
 *
 * @event porttask-login - Signed in (or restored, or renewed): `{ accessToken, claims, renewed }`.
 * @event porttask-logout - Signed out: `{ reason }`.
 * @csspart frame - The sign-in frame.
 * @csspart status - "Signed in as …".
 * @csspart sign-out - The sign-out button.
 * @csspart security - The "Account security" button (opens the account-security view).
 */
export class PortTaskLogin extends PortTaskBase {
  static override styles: CSSResultGroup = [themeTokens, loginStyles];
  static override properties: PropertyDeclarations = {
    ...PortTaskBase.properties,
    mode: { reflect: true },
    storage: {},
    state: { state: true },
    frameHeight: { state: true },
  };

  /** Which form the frame opens with: `sign-in` (default) or `sign-up`. */
  declare mode: 'sign-in' | 'sign-up';
  /** Where the refresh token is kept: `local` (default; signed in across tabs and restarts) or `session` (this tab only). */
  declare storage: 'local' | 'session';
  /** @internal */
  declare state: 'restoring' | 'signed-out' | 'signed-in' | 'security' | 'unavailable';
  /** @internal */
  declare frameHeight: number | undefined;

  protected readonly messages = new LocalizeController(this, {
    catalogs: loginCatalogs,
    requestedLocale: () => this.locale ?? readPageSettings()?.locale,
  });

  #session: LoginSession | undefined;
  #apiOrigin: string | undefined;
  readonly #onMessage = (event: MessageEvent) => this.#frameMessage(event);
  readonly #onStorage = (event: StorageEvent) => {
    // Another tab signed in, renewed or signed out: follow it.
    if (event.key === `porttask.login.${this.connectionSettings.publishableKey}`) void this.#session?.renew();
  };

  constructor() {
    super();
    this.mode = 'sign-in';
    this.storage = 'local';
    this.state = 'restoring';
  }

  /** The current access token (renewed before it expires), or undefined when signed out. Send it to your server. */
  get accessToken(): string | undefined {
    return this.#session?.accessToken;
  }

  /** The signed-in account's claims (decoded, not verified: your server verifies the token). */
  get claims(): AccessTokenClaims | undefined {
    return this.#session?.claims;
  }

  /**
   * Opens the account-security view (signed in only): in the frame, the person turns two-step
   * verification (TOTP, with backup codes) on or off, or changes the password (which signs out
   * every other device and site; this page goes on, with a `porttask-login` event of `renewed:
   * true`). The secret and the passwords stay in the frame.
   */
  openAccountSecurity(): void {
    if (this.state === 'signed-in') this.state = 'security';
  }

  /** Signs out: the server revokes the refresh token and every token of this sign-in. */
  async signOut(): Promise<void> {
    await this.#session?.signOut();
  }

  override connectedCallback(): void {
    super.connectedCallback();
    const { apiUrl, publishableKey } = this.connectionSettings;
    if (!apiUrl || !publishableKey) {
      this.state = 'unavailable';
      return;
    }
    this.#apiOrigin = new URL(apiUrl).origin;
    this.#session = new LoginSession({
      apiUrl,
      publishableKey,
      storage: this.storage === 'session' ? sessionStorage : localStorage,
      onChange: (change) => this.#sessionChanged(change),
    });
    addEventListener('message', this.#onMessage);
    addEventListener('storage', this.#onStorage);
    if (this.#session.hasStoredSession) void this.#session.renew();
    else this.state = 'signed-out';
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    removeEventListener('message', this.#onMessage);
    removeEventListener('storage', this.#onStorage);
    this.#session?.dispose();
  }

  #frameMessage(event: MessageEvent): void {
    const frame = this.renderRoot.querySelector('iframe');
    // Only our own frame, from the API's origin, is listened to.
    if (!frame || event.source !== frame.contentWindow || event.origin !== this.#apiOrigin) return;
    const message = event.data as FrameMessage;
    if (message?.type === 'porttask-login:tokens') this.#session?.accept(message.tokens, message.replaced === true);
    else if (message?.type === 'porttask-login:security-ready') this.#handFrameAccessToken();
    else if (message?.type === 'porttask-login:security-done' && this.state === 'security') this.state = 'signed-in';
    else if (message?.type === 'porttask-login:resize' && Number.isFinite(message.height)) this.frameHeight = Math.min(Math.max(message.height, 200), 2000);
  }

  #sessionChanged(change: SessionChange): void {
    if (change.signedIn) {
      // A renewal while the security view is open: it keeps working with the new token.
      if (this.state === 'security') this.#handFrameAccessToken();
      else this.state = 'signed-in';
      dispatchPortTaskEvent(this, 'porttask-login', { accessToken: change.accessToken, claims: change.claims, renewed: change.renewed });
    } else {
      this.state = 'signed-out';
      dispatchPortTaskEvent(this, 'porttask-logout', { reason: change.reason });
    }
  }

  /** The security view acts for the signed-in account: its frame gets the access token, by message to the API's origin only. */
  #handFrameAccessToken(): void {
    const frame = this.renderRoot.querySelector('iframe');
    if (this.state === 'security' && this.#apiOrigin) frame?.contentWindow?.postMessage({ type: 'porttask-login:access-token', accessToken: this.accessToken }, this.#apiOrigin);
  }

  #frameUrl(mode: string): string {
    const { apiUrl, publishableKey } = this.connectionSettings;
    const query = new URLSearchParams({ key: publishableKey!, origin: location.origin, locale: this.messages.locale, mode });
    return `${apiUrl}/embed/login?${query}`;
  }

  protected override updated(): void {
    // Through the CSSOM, not a style attribute: a strict CSP (no 'unsafe-inline') refuses those.
    const frame = this.renderRoot.querySelector('iframe');
    if (frame && this.frameHeight) frame.style.height = `${this.frameHeight}px`;
  }

  override render() {
    const t = this.messages;
    switch (this.state) {
      case 'signed-in':
        return html`<p class="signed-in" lang=${t.locale}>
          <span part="status">${t.term('signedInAs', { email: this.claims?.email ?? '' })}</span>
          <button type="button" part="security" @click=${() => this.openAccountSecurity()}>${t.term('accountSecurity')}</button>
          <button type="button" part="sign-out" @click=${() => this.signOut()}>${t.term('signOut')}</button>
        </p>`;
      case 'signed-out':
        return html`<iframe part="frame" title=${t.term('frameTitle')} src=${this.#frameUrl(this.mode)}></iframe>`;
      case 'security':
        return html`<iframe part="frame" title=${t.term('accountSecurity')} src=${this.#frameUrl('security')}></iframe>`;
      case 'unavailable':
        return html`<p class="muted" role="status" lang=${t.locale}>${t.term('unavailable')}</p>`;
      default:
        return html`<p class="muted" role="status" lang=${t.locale}>${t.term('restoring')}</p>`;
    }
  }
}
