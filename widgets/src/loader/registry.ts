/** Loads the module that defines one element (its chunk, in the CDN build). */
export type ElementModuleLoader = () => Promise<unknown>;

/** Tag name → loader of the module that defines it. */
export type ElementRegistry = { readonly [tagName: `porttask-${string}`]: ElementModuleLoader };

/**
 * Every element the CDN loader (`porttask.js`) can load, by tag. The loader fetches an
 * element's chunk only once its tag appears in the page, so a page pays only for what it uses.
 *
 * Adding an element is one line, pointing at the module that registers its tag:
 *
 *   'porttask-consent-banner': () => import('../elements/consent-banner/porttask-consent-banner.ts'),
 *
 * Rollup turns each import into a content-hashed chunk (`chunks/porttask-consent-banner-<hash>.js`,
 * cached immutably) and lists it in `manifest.json`; nothing else needs to change.
 */
export const elementRegistry: ElementRegistry = {
  'porttask-consent-banner': () => import('../elements/consent-banner/porttask-consent-banner.ts'),
  'porttask-consent-preferences': () => import('../elements/consent-preferences/porttask-consent-preferences.ts'),
  'porttask-vessel-schedule': () => import('../elements/vessel-schedule/porttask-vessel-schedule.ts'),
  'porttask-rights-request': () => import('../elements/rights-request/porttask-rights-request.ts'),
  'porttask-request-status': () => import('../elements/request-status/porttask-request-status.ts'),
  'porttask-login': () => import('../elements/login/porttask-login.ts'),
};
