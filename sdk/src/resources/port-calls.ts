import type {
  LineupDateOrder,
  ImportMode, ImportResult, PortCall, PortCallEvent, PortCallFilter, PortCallImportRow, PortCallInput, PortCallListItem,
  PortCallListQuery, PortCallStatus, TimestampInput,
} from '../schemas/index.ts';
import type { HttpCore, Query, RequestOptions } from '../core/http.ts';
import { LiveStream, type LiveStreamOptions } from '../core/event-stream.ts';
import { PageIterator } from '../core/pagination.ts';

/** Filters of the list and the stream; `status` may be one status or several. */
export type PortCallFilterParams = Omit<PortCallFilter, 'status'> & { status?: PortCallStatus | PortCallStatus[] | undefined };
export type PortCallListParams = PortCallFilterParams & Pick<PortCallListQuery, 'sort'> & { limit?: number };

export type PortCallImport =
  | { rows: PortCallImportRow[] }
  | { ndjson: string }
  | { csv: string };

export interface ImportOptions extends Pick<RequestOptions, 'signal' | 'idempotencyKey'> {
  mode?: ImportMode;
  /** Port of CSV rows that name none. */
  port?: string;
  /** How a CSV line-up writes dates like 03/04/2026: `dmy` (default) or `mdy` (US). */
  dates?: LineupDateOrder;
}

function filterQuery(filter: PortCallFilterParams): Query {
  const { status, ...rest } = filter;
  return { ...rest, status: Array.isArray(status) ? status.join(',') : status };
}

/**
 * Port calls (`/v1/port-calls`): read with a publishable or secret key, write with a secret key.
 *
 *   for await (const call of client.portCalls.list({ port: 'NLRTM' })) …
 *   for await (const event of client.portCalls.stream({ port: 'NLRTM' })) …
 */
export class PortCallsResource {
  constructor(private readonly http: HttpCore) {}

  /** `await` it for the first page, `for await` it for every call across pages. */
  list(params: PortCallListParams = {}, options: Pick<RequestOptions, 'signal'> = {}): PageIterator<PortCallListItem> {
    const query = { ...filterQuery(params), sort: params.sort, limit: params.limit };
    return new PageIterator((cursor) => this.http.get('/v1/port-calls', { ...query, cursor }, options));
  }

  /** One port call with its timestamp history. */
  get(id: string, options: Pick<RequestOptions, 'signal'> = {}): Promise<PortCall> {
    return this.http.get(`/v1/port-calls/${encodeURIComponent(id)}`, undefined, options);
  }

  /** Creates or replaces the call with this partner reference; repeating it changes nothing. */
  upsert(transportCallReference: string, portCall: PortCallInput, options: Pick<RequestOptions, 'signal'> = {}): Promise<PortCall> {
    return this.http.put(`/v1/port-calls/${encodeURIComponent(transportCallReference)}`, portCall, options);
  }

  addTimestamp(id: string, timestamp: TimestampInput, options: RequestOptions = {}): Promise<PortCall> {
    return this.http.post(`/v1/port-calls/${encodeURIComponent(id)}/timestamps`, timestamp, options);
  }

  /** Imports rows (JSON), an NDJSON text or a CSV vessel line-up. */
  import(source: PortCallImport, options: ImportOptions = {}): Promise<ImportResult> {
    const query = { mode: options.mode, port: options.port, dates: options.dates };
    if ('rows' in source) return this.http.post('/v1/port-calls/import', { rows: source.rows }, { ...options, query });
    const body = 'csv' in source ? { text: source.csv, contentType: 'text/csv' } : { text: source.ndjson, contentType: 'application/x-ndjson' };
    return this.http.postText('/v1/port-calls/import', body, { ...options, query });
  }

  /**
   * Live changes, filtered like the list: reconnects by itself and resumes after the last
   * event it delivered. Apply an event only if `event.portCall.version` is newer than yours.
   */
  stream(filter: PortCallFilterParams = {}, options: LiveStreamOptions = {}): LiveStream<PortCallEvent> {
    return new LiveStream<PortCallEvent>(this.http, '/v1/port-calls/stream', filterQuery(filter), 'port-call', options);
  }
}
