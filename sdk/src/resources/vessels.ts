import type { Page, Vessel } from '../schemas/index.ts';
import type { HttpCore, RequestOptions } from '../core/http.ts';
import { PageIterator } from '../core/pagination.ts';

/** The tenant's vessels (`GET /v1/vessels?q=`): by name, IMO or MMSI, for type-ahead. */
export class VesselsResource {
  constructor(private readonly http: HttpCore) {}

  list(query: { q?: string; limit?: number } = {}, options: Pick<RequestOptions, 'signal'> = {}): PageIterator<Vessel> {
    return new PageIterator((cursor) => this.http.get<Page<Vessel>>('/v1/vessels', { ...query, cursor }, options));
  }
}
