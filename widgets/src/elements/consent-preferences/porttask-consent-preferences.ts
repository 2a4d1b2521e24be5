import { defineConsentElement } from '../consent-banner/consent-standalone.ts';
import { ConsentPreferences } from './consent-preferences.component.ts';

export { ConsentPreferences } from './consent-preferences.component.ts';

defineConsentElement('porttask-consent-preferences', ConsentPreferences);

declare global {
  interface HTMLElementTagNameMap {
    'porttask-consent-preferences': ConsentPreferences;
  }
}
