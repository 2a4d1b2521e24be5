import englishTexts from '../consent/locales/en.ts';
import type { ConsentBanner } from '../elements/consent-banner/porttask-consent-banner.ts';
import { waitUntil } from './wait-until.ts';

/**
 * Waits until the banner shows its first layer in `locale` with that locale's words. Its `lang`
 * names the chosen locale at once, while English stands in until the locale's catalog has
 * loaded: a check made in between would look at English text.
 */
export async function bannerTextsLoaded(banner: ConsentBanner, locale: string): Promise<void> {
  const title = () => banner.shadowRoot!.querySelector('[part~="banner"] [part="title"]')?.textContent?.trim();
  await waitUntil(() => banner.shadowRoot!.querySelector('[part~="banner"]')?.getAttribute('lang') === locale &&
    (locale === 'en' || (title() && title() !== englishTexts.title)), `the banner in ${locale}`);
  await banner.updateComplete;
}
