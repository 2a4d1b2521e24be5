import type { HttpCore, RequestOptions } from '../core/http.ts';
import { PageIterator } from '../core/pagination.ts';
import { errorFromResponse } from '../errors.ts';
import type {
  NewRightsRequest, Page, RightsRequest, RightsRequestCodeResent, RightsRequestData, RightsRequestDataStored, RightsRequestCreated, RightsRequestStatus, RightsRequestStatusView, RightsRequestType, RightsRequestWithEvents,
} from '../schemas/index.ts';

type Signal = Pick<RequestOptions, 'signal'>;

export interface RightsRequestListQuery {
  status?: RightsRequestStatus;
  type?: RightsRequestType;
  /** Only requests due before this day (YYYY-MM-DD). */
  dueBefore?: string;
  /** Only open requests past their due date. */
  overdue?: boolean;
  /** Only open requests with this deadline flag today. */
  flag?: 'due_within_7_days' | 'due_within_2_days' | 'overdue';
  limit?: number;
}

/**
 * Privacy-rights requests (`/v1/rights-requests`). With a publishable key: a visitor's
 * `create`, `verify`, `resendCode`, `status` and `cancel` (the last three with the requester token
 * `create` returned). With a secret key: staff's `list`, `get`, `approve`, `deny`, `extend`,
 * `addNote`, `complete` and `putData`; either key's `downloadExport`.
 */
export class RightsRequestsResource {
  constructor(private readonly http: HttpCore) {}

  /** Records the request and mails the code; keep the returned `requesterToken`. */
  create(request: NewRightsRequest, options: RequestOptions = {}): Promise<RightsRequestCreated> {
    return this.http.post<RightsRequestCreated>('/v1/rights-requests', request, options);
  }

  verify(id: string, requesterToken: string, code: string, options: Signal = {}): Promise<RightsRequestStatusView> {
    return this.http.post<RightsRequestStatusView>(`${this.#path(id)}/verify`, { code }, { ...options, headers: { 'X-PortTask-Requester-Token': requesterToken } });
  }

  /** What the requester sees: status, due date, timeline. */
  status(id: string, requesterToken: string, options: Signal = {}): Promise<RightsRequestStatusView> {
    return this.http.get<RightsRequestStatusView>(this.#path(id), undefined, { ...options, headers: { 'X-PortTask-Requester-Token': requesterToken } });
  }

  /**
   * Mails a new code (the old one stops working). Limited per request and per address: past
   * the limit a `RateLimitError` says how long to wait (`retryAfterSeconds`).
   */
  resendCode(id: string, requesterToken: string, options: Signal = {}): Promise<RightsRequestCodeResent> {
    return this.http.post<RightsRequestCodeResent>(`${this.#path(id)}/resend-code`, undefined, { ...options, headers: { 'X-PortTask-Requester-Token': requesterToken } });
  }

  cancel(id: string, requesterToken: string, options: Signal = {}): Promise<RightsRequestStatusView> {
    return this.http.post<RightsRequestStatusView>(`${this.#path(id)}/cancel`, undefined, { ...options, headers: { 'X-PortTask-Requester-Token': requesterToken } });
  }

  /** Newest first: `await` for a page, `for await` for all of them. */
  list(query: RightsRequestListQuery = {}, options: Signal = {}): PageIterator<RightsRequest> {
    return new PageIterator((cursor) =>
      this.http.get<Page<RightsRequest>>('/v1/rights-requests', {
        status: query.status, type: query.type, due_before: query.dueBefore, overdue: query.overdue === undefined ? undefined : String(query.overdue), flag: query.flag, limit: query.limit, cursor,
      }, options),
    );
  }

  /** The whole request, decrypted, with every event (secret key). */
  get(id: string, options: Signal = {}): Promise<RightsRequestWithEvents> {
    return this.http.get<RightsRequestWithEvents>(this.#path(id), undefined, options);
  }

  approve(id: string, options: RequestOptions = {}): Promise<RightsRequestWithEvents> {
    return this.http.post<RightsRequestWithEvents>(`${this.#path(id)}/approve`, undefined, options);
  }

  /** Refuses the request; the reasons are mailed to the requester. */
  deny(id: string, reason: string, options: RequestOptions = {}): Promise<RightsRequestWithEvents> {
    return this.http.post<RightsRequestWithEvents>(`${this.#path(id)}/deny`, { reason }, options);
  }

  /** The one extension the law may allow; the reasons and the new due date are mailed. */
  extend(id: string, reason: string, options: RequestOptions = {}): Promise<RightsRequestWithEvents> {
    return this.http.post<RightsRequestWithEvents>(`${this.#path(id)}/extend`, { reason }, options);
  }

  /** A note for staff, never shown to the requester. */
  addNote(id: string, note: string, options: RequestOptions = {}): Promise<RightsRequestWithEvents> {
    return this.http.post<RightsRequestWithEvents>(`${this.#path(id)}/notes`, { note }, options);
  }

  /**
   * Marks the request answered. A deletion erases the requester; a correction, restriction or
   * objection needs `description` (what was done), which the requester is mailed.
   */
  complete(id: string, completion: { description?: string } = {}, options: RequestOptions = {}): Promise<RightsRequestWithEvents> {
    return this.http.post<RightsRequestWithEvents>(`${this.#path(id)}/complete`, completion, options);
  }

  /**
   * What you hold about the requester, as named tables of rows (secret key): it goes into the
   * export bundle of an access or export request. Replaces what an earlier call stored, until
   * the request is closed.
   */
  putData(id: string, data: RightsRequestData, options: Signal = {}): Promise<RightsRequestDataStored> {
    return this.http.put<RightsRequestDataStored>(`${this.#path(id)}/data`, data, options);
  }

  /**
   * Fetches the export bundle (a ZIP) from the `downloadUrl` of the status answer, with this
   * client's key. Expired links reject with status 410, forged ones with 403.
   */
  async downloadExport(downloadUrl: string, options: Signal = {}): Promise<Blob> {
    const response = await this.http.fetch(downloadUrl, { method: 'GET', headers: { Accept: 'application/zip' }, ...(options.signal ? { signal: options.signal } : {}) });
    if (!response.ok) throw errorFromResponse(response.status, await response.json().catch(() => null), response.headers.get('X-Request-Id'));
    return response.blob();
  }

  #path(id: string): string {
    return `/v1/rights-requests/${encodeURIComponent(id)}`;
  }
}
