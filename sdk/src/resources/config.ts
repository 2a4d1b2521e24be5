import type { WidgetConfig } from '../schemas/index.ts';
import type { HttpCore, RequestOptions } from '../core/http.ts';

/** The tenant's widget configuration (`GET /v1/config`). */
export class ConfigResource {
  constructor(private readonly http: HttpCore) {}

  get(options: Pick<RequestOptions, 'signal'> = {}): Promise<WidgetConfig> {
    return this.http.get<WidgetConfig>('/v1/config', undefined, options);
  }
}
