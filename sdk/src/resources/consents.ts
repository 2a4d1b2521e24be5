import type { ConsentRecord, NewConsentRecord, Page } from '../schemas/index.ts';
import type { HttpCore, RequestOptions } from '../core/http.ts';
import { PageIterator } from '../core/pagination.ts';

/**
 * Consent records (`/v1/consents`). `record()` works with either key kind's client only where
 * the API allows it: publishable key (a visitor's decision). `get()` and `list()` read proof
 * and need a secret key.
 */
export class ConsentsResource {
  constructor(private readonly http: HttpCore) {}

  /**
   * Appends a decision and resolves with its receipt. Retried on network errors and 5xx with
   * one idempotency key; pass your own `idempotencyKey` to make retries across page loads safe.
   */
  record(decision: NewConsentRecord, options: RequestOptions = {}): Promise<ConsentRecord> {
    return this.http.post<ConsentRecord>('/v1/consents', decision, options);
  }

  /** The proof of one decision, by receipt id. */
  get(receiptId: string, options: Pick<RequestOptions, 'signal'> = {}): Promise<ConsentRecord> {
    return this.http.get<ConsentRecord>(`/v1/consents/${encodeURIComponent(receiptId)}`, undefined, options);
  }

  /** A subject's decisions, oldest first: `await` for a page, `for await` for all of them. */
  list(query: { subjectId: string; limit?: number }, options: Pick<RequestOptions, 'signal'> = {}): PageIterator<ConsentRecord> {
    return new PageIterator((cursor) =>
      this.http.get<Page<ConsentRecord>>('/v1/consents', { subjectId: query.subjectId, limit: query.limit, cursor }, options),
    );
  }
}
