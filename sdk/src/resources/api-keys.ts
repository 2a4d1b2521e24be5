import type { ApiKey, ApiKeyRoll, ApiKeyUpdate, Page, RolledApiKey } from '../schemas/index.ts';
import type { HttpCore, RequestOptions } from '../core/http.ts';
import { PageIterator } from '../core/pagination.ts';

/**
 * The API keys of the secret key's tenant and environment (`/v1/api-keys`), for partner
 * servers: list them, change a publishable key's allowed origins, roll a key.
 */
export class ApiKeysResource {
  constructor(private readonly http: HttpCore) {}

  /** Every key, oldest first: `await` for a page, `for await` for all of them. */
  list(query: { limit?: number } = {}, options: Pick<RequestOptions, 'signal'> = {}): PageIterator<ApiKey> {
    return new PageIterator((cursor) => this.http.get<Page<ApiKey>>('/v1/api-keys', { limit: query.limit, cursor }, options));
  }

  /**
   * Adds and removes allowed origins (normalised by the API) and sets the label. Check
   * `warnings` on the answer, e.g. a publishable key left with no origin.
   */
  update(keyId: string, change: ApiKeyUpdate, options: Pick<RequestOptions, 'signal'> = {}): Promise<ApiKey> {
    return this.http.patch<ApiKey>(`/v1/api-keys/${encodeURIComponent(keyId)}`, change, options);
  }

  /**
   * Creates a replacement (same kind, environment, origins, label) and gives the old key an
   * expiry (default 24 h, at most 7 days). The new key's `token` is in this answer only.
   */
  roll(keyId: string, roll: ApiKeyRoll = {}, options: RequestOptions = {}): Promise<RolledApiKey> {
    return this.http.post<RolledApiKey>(`/v1/api-keys/${encodeURIComponent(keyId)}/roll`, roll, options);
  }
}
