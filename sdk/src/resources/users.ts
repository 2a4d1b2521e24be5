import type { Invitation, NewInvitation, Page, Role, User, UserSignOut } from '../schemas/index.ts';
import type { HttpCore, RequestOptions } from '../core/http.ts';
import { PageIterator } from '../core/pagination.ts';

/** Accounts of the key's tenant environment (`/v1/users`): secret key only. */
export class UsersResource {
  constructor(private readonly http: HttpCore) {}

  /** Accounts in email order: `await` a page, `for await` all of them. */
  list(query: { role?: Role; limit?: number } = {}, options: Pick<RequestOptions, 'signal'> = {}): PageIterator<User> {
    return new PageIterator((cursor) => this.http.get<Page<User>>('/v1/users', { role: query.role, limit: query.limit, cursor }, options));
  }

  setRole(userId: string, role: Role, options: Pick<RequestOptions, 'signal'> = {}): Promise<User> {
    return this.http.put<User>(`/v1/users/${encodeURIComponent(userId)}/role`, { role }, options);
  }

  /** Ends the account's sessions and refresh tokens at once; it can no longer sign in. */
  disable(userId: string, options: RequestOptions = {}): Promise<User> {
    return this.http.post<User>(`/v1/users/${encodeURIComponent(userId)}/disable`, {}, options);
  }

  /**
   * Signs the account out everywhere: its sessions and every sign-in of the embeddable login
   * end (the next token renewal is 401). It can sign in again; `disable` stops that too.
   */
  signOut(userId: string, options: RequestOptions = {}): Promise<UserSignOut> {
    return this.http.post<UserSignOut>(`/v1/users/${encodeURIComponent(userId)}/sign-out`, {}, options);
  }

  /**
   * Mails a 7-day link to set a password; the account gets the role when it is used. A new
   * account is made, or a member of the same email reused; staff already or disabled is 409.
   */
  invite(invitation: NewInvitation, options: RequestOptions = {}): Promise<Invitation> {
    return this.http.post<Invitation>('/v1/users/invitations', invitation, options);
  }

  /** Pending invitations, newest first: `await` a page, `for await` all of them. */
  invitations(query: { limit?: number } = {}, options: Pick<RequestOptions, 'signal'> = {}): PageIterator<Invitation> {
    return new PageIterator((cursor) => this.http.get<Page<Invitation>>('/v1/users/invitations', { limit: query.limit, cursor }, options));
  }

  /** Its link stops working at once. */
  revokeInvitation(invitationId: string, options: RequestOptions = {}): Promise<Invitation> {
    return this.http.post<Invitation>(`/v1/users/invitations/${encodeURIComponent(invitationId)}/revoke`, {}, options);
  }
}
