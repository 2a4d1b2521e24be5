import { defineConsentElement } from './consent-standalone.ts';
import { ConsentBanner } from './consent-banner.component.ts';

export { ConsentBanner } from './consent-banner.component.ts';
export type { ConsentChangeDetail, ConsentState } from './consent-state.ts';

defineConsentElement('porttask-consent-banner', ConsentBanner);

declare global {
  interface HTMLElementTagNameMap {
    'porttask-consent-banner': ConsentBanner;
  }
}
