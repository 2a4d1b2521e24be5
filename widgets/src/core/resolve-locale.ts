/** The locales a tenant offers, as `GET /v1/config` lists them. */
export interface TenantLocales {
  readonly default: string;
  readonly available: readonly string[];
}

/** Languages written right to left. Their base language tag is enough to decide. */
const RIGHT_TO_LEFT_LANGUAGES = new Set(['ar', 'arc', 'ckb', 'dv', 'fa', 'he', 'ks', 'ps', 'sd', 'ug', 'ur', 'yi']);

export function baseLanguage(locale: string): string {
  return locale.toLowerCase().split('-')[0] ?? '';
}

export function textDirection(locale: string): 'ltr' | 'rtl' {
  return RIGHT_TO_LEFT_LANGUAGES.has(baseLanguage(locale)) ? 'rtl' : 'ltr';
}

/**
 * Picks the locale to render in. `requested` is in order of preference (element, page,
 * browser); the result is one of `supported` (the catalogs we have) and, once the tenant's
 * configuration is known, one the tenant offers. A request for a regional variant we do not
 * have ("de-AT") falls back to its language ("de"). When nothing matches: the tenant's
 * default, then English, which every catalog set has.
 */
export function resolveLocale(
  requested: readonly (string | null | undefined)[],
  supported: readonly string[],
  tenant?: TenantLocales,
): string {
  const tenantOffers = tenant?.available.map((locale) => locale.toLowerCase());
  const allowed = supported.filter(
    (locale) => tenantOffers === undefined || tenantOffers.includes(locale.toLowerCase()) || tenantOffers.includes(baseLanguage(locale)),
  );
  const find = (candidate: string): string | undefined => {
    const wanted = candidate.toLowerCase();
    return (
      allowed.find((locale) => locale.toLowerCase() === wanted) ??
      allowed.find((locale) => locale.toLowerCase() === baseLanguage(wanted))
    );
  };
  for (const candidate of requested) {
    if (!candidate) continue;
    const match = find(candidate);
    if (match) return match;
  }
  return (tenant && find(tenant.default)) ?? 'en';
}
