import type { HttpCore, RequestOptions } from '../core/http.ts';
import type { SignUpSettings, SignUpSettingsInput } from '../schemas/index.ts';

type Signal = Pick<RequestOptions, 'signal'>;

/**
 * The tenant environment's sign-up rules (`/v1/sign-up-settings`, secret key or an owner's or
 * admin's access token): open or closed, the documents a new account accepts, and the age of
 * digital consent per law that the age gate derives from.
 */
export class SignUpSettingsResource {
  constructor(private readonly http: HttpCore) {}

  get(options: Signal = {}): Promise<SignUpSettings> {
    return this.http.get<SignUpSettings>('/v1/sign-up-settings', undefined, options);
  }

  /** Replaces the settings as a whole: a field left out takes its default. An age outside its law's range is a `ValidationError`. */
  update(settings: SignUpSettingsInput, options: Signal = {}): Promise<SignUpSettings> {
    return this.http.put<SignUpSettings>('/v1/sign-up-settings', settings, options);
  }
}
