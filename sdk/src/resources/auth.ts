import type { TokenPair, TokenRevocation } from '../schemas/index.ts';
import type { HttpCore, RequestOptions } from '../core/http.ts';

/**
 * The embeddable login's tokens (`/v1/auth/…`), for the page (or app) they were handed to:
 * publishable key, from the origin the sign-in happened on. `<porttask-login>` uses this; an
 * SPA or a native app without the element can too. Verifying an access token belongs on a
 * server: `verifyAccessToken` of `@porttask/sdk/server`.
 */
export class AuthResource {
  constructor(private readonly http: HttpCore) {}

  /**
   * A new access token (5 minutes) and the next refresh token; the one sent stops working, so
   * store the new one before anything else. A refresh token sent twice ends its whole sign-in
   * (401, `INVALID_REFRESH_TOKEN`, like an expired or revoked one): this call is therefore
   * never repeated after a timeout or a lost connection (the first may have been applied), only
   * after an answer that kept nothing (429, 5xx).
   */
  refresh(refreshToken: string, options: Pick<RequestOptions, 'signal'> = {}): Promise<TokenPair> {
    return this.http.post<TokenPair>('/v1/auth/token', { refreshToken }, { signal: options.signal, retryUnanswered: false });
  }

  /**
   * Signs out: the refresh token and every token of its sign-in end (access tokens already
   * issued expire within 5 minutes). `revoked: false` when nothing changed (unknown, already
   * revoked, or issued to another site). Safe to repeat.
   */
  revoke(refreshToken: string, options: Pick<RequestOptions, 'signal'> = {}): Promise<TokenRevocation> {
    return this.http.post<TokenRevocation>('/v1/auth/revoke', { refreshToken }, { signal: options.signal });
  }
}
