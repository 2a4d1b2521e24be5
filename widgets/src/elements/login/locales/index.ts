import type { MessageCatalogs } from '../../../core/locales/catalog.ts';
import en from './en.ts';

export const loginCatalogs: MessageCatalogs<typeof en> = {
  en,
  lazy: {
    da: () => import('./da.ts'),
    de: () => import('./de.ts'),
    hi: () => import('./hi.ts'),
  },
};
