import type { HttpCore, RequestOptions } from '../core/http.ts';
import { PageIterator } from '../core/pagination.ts';
import type { DeletedWebhookEndpoint, NewWebhookEndpoint, Page, RolledWebhookEndpoint, WebhookDelivery, WebhookEndpoint, WebhookEndpointWithSecret } from '../schemas/index.ts';

type Signal = Pick<RequestOptions, 'signal'>;

/**
 * Webhook endpoints of the secret key's environment (`/v1/webhook-endpoints`). To check a
 * delivery on your server, use `verifyWebhook` from `@porttask/sdk/server`.
 */
export class WebhookEndpointsResource {
  constructor(private readonly http: HttpCore) {}

  /** Registers an endpoint; the answer's `secret` (`whsec_…`) is shown only now. */
  create(endpoint: NewWebhookEndpoint, options: RequestOptions = {}): Promise<WebhookEndpointWithSecret> {
    return this.http.post<WebhookEndpointWithSecret>('/v1/webhook-endpoints', endpoint, options);
  }

  /** Oldest first: `await` for a page, `for await` for all of them. */
  list(query: { limit?: number } = {}, options: Signal = {}): PageIterator<WebhookEndpoint> {
    return new PageIterator((cursor) => this.http.get<Page<WebhookEndpoint>>('/v1/webhook-endpoints', { limit: query.limit, cursor }, options));
  }

  get(id: string, options: Signal = {}): Promise<WebhookEndpoint> {
    return this.http.get<WebhookEndpoint>(this.#path(id), undefined, options);
  }

  /** Stops every delivery to it, retries included. */
  delete(id: string, options: Signal = {}): Promise<DeletedWebhookEndpoint> {
    return this.http.delete<DeletedWebhookEndpoint>(this.#path(id), options);
  }

  /** The endpoint's delivery log, newest first. */
  deliveries(id: string, query: { limit?: number } = {}, options: Signal = {}): PageIterator<WebhookDelivery> {
    return new PageIterator((cursor) => this.http.get<Page<WebhookDelivery>>(`${this.#path(id)}/deliveries`, { limit: query.limit, cursor }, options));
  }

  /**
   * A new signing secret (`secret`, shown only now). Until `previousSecretExpiresAt` (24 hours)
   * deliveries are signed with both the new and the replaced secret, so your receiver verifies
   * with either while you switch it over.
   */
  rollSecret(id: string, options: RequestOptions = {}): Promise<RolledWebhookEndpoint> {
    return this.http.post<RolledWebhookEndpoint>(`${this.#path(id)}/roll-secret`, undefined, options);
  }

  #path(id: string): string {
    return `/v1/webhook-endpoints/${encodeURIComponent(id)}`;
  }
}
