import type { Page, Port } from '../schemas/index.ts';
import type { HttpCore, RequestOptions } from '../core/http.ts';
import { PageIterator } from '../core/pagination.ts';

/** The tenant's ports (`GET /v1/ports?q=`), for type-ahead. */
export class PortsResource {
  constructor(private readonly http: HttpCore) {}

  list(query: { q?: string; limit?: number } = {}, options: Pick<RequestOptions, 'signal'> = {}): PageIterator<Port> {
    return new PageIterator((cursor) => this.http.get<Page<Port>>('/v1/ports', { ...query, cursor }, options));
  }
}
