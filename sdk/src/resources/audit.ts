import type { AuditVerification, LoginAuditEvent, LoginOutcome, Page } from '../schemas/index.ts';
import type { HttpCore, RequestOptions } from '../core/http.ts';
import { PageIterator } from '../core/pagination.ts';

/**
 * The login audit trail (`/v1/audit/…`), for a partner's server: secret key only.
 */
export class AuditResource {
  constructor(private readonly http: HttpCore) {}

  /** Sign-in attempts and account events, newest first: `await` a page, `for await` all of them. */
  loginEvents(query: { outcome?: LoginOutcome; limit?: number } = {}, options: Pick<RequestOptions, 'signal'> = {}): PageIterator<LoginAuditEvent> {
    return new PageIterator((cursor) =>
      this.http.get<Page<LoginAuditEvent>>('/v1/audit/login-events', { outcome: query.outcome, limit: query.limit, cursor }, options),
    );
  }

  /** Recomputes the whole trail of the key's environment; `intact` false names the first bad record. */
  verify(options: Pick<RequestOptions, 'signal'> = {}): Promise<AuditVerification> {
    return this.http.get<AuditVerification>('/v1/audit/verify', undefined, options);
  }
}
