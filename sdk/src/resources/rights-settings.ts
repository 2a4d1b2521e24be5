import type { HttpCore, RequestOptions } from '../core/http.ts';
import type { RightsSettings, RightsSettingsInput } from '../schemas/index.ts';

type Signal = Pick<RequestOptions, 'signal'>;

/**
 * The tenant environment's settings for privacy-rights requests (`/v1/rights-settings`,
 * secret key): time zone and holidays of its deadlines, the DPDP response period, the
 * grievance officer and the privacy contact.
 */
export class RightsSettingsResource {
  constructor(private readonly http: HttpCore) {}

  get(options: Signal = {}): Promise<RightsSettings> {
    return this.http.get<RightsSettings>('/v1/rights-settings', undefined, options);
  }

  /** Replaces the settings as a whole: a field left out takes its default. */
  update(settings: RightsSettingsInput, options: Signal = {}): Promise<RightsSettings> {
    return this.http.put<RightsSettings>('/v1/rights-settings', settings, options);
  }
}
