import type { MessageCatalogs } from '../../core/locales/catalog.ts';
import en from './en.ts';

/** The rights widgets' catalogs: English bundled, each other locale its own lazy chunk. */
export const rightsCatalogs: MessageCatalogs<typeof en> = {
  en,
  lazy: {
    da: () => import('./da.ts'),
    de: () => import('./de.ts'),
    hi: () => import('./hi.ts'),
  },
};

export type RightsMessages = typeof en;
