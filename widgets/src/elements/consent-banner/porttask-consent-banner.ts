import { defineElement } from '../../core/define.ts';
import { ConsentBanner } from './consent-banner.component.ts';

export { ConsentBanner } from './consent-banner.component.ts';
export type { ConsentChangeDetail, ConsentState } from '../../consent/state.ts';

defineElement('porttask-consent-banner', ConsentBanner);

declare global {
  interface HTMLElementTagNameMap {
    'porttask-consent-banner': ConsentBanner;
  }
}
