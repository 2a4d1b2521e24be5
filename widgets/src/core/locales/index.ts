import type { MessageCatalogs } from './catalog.ts';
import en from './en.ts';

/**
 * The core's catalogs. English is bundled; each other locale is its own lazy chunk.
 * Adding a locale: write `locales/<tag>.ts` typed `TranslationOf<typeof english>` and add one
 * line here.
 */
export const coreCatalogs: MessageCatalogs<typeof en> = {
  en,
  lazy: {
    da: () => import('./da.ts'),
    de: () => import('./de.ts'),
    hi: () => import('./hi.ts'),
  },
};
