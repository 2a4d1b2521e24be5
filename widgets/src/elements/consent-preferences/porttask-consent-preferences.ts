import { defineElement } from '../../core/define.ts';
import { ConsentPreferences } from './consent-preferences.component.ts';

export { ConsentPreferences } from './consent-preferences.component.ts';

defineElement('porttask-consent-preferences', ConsentPreferences);

declare global {
  interface HTMLElementTagNameMap {
    'porttask-consent-preferences': ConsentPreferences;
  }
}
