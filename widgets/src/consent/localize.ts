import type { ReactiveControllerHost } from 'lit';
import type { ConsentPurpose, ConsentTexts, WidgetConfig } from '@porttask/sdk';
import { gpcRefusedPurposes } from './model.ts';
import { readPageSettings } from '../core/page-settings.ts';
import en from './locales/en.ts';

type Messages = { readonly [Key in keyof typeof en]: string };
/** Every message; a tenant may override any of them in its configuration (`consent.texts`). */
export type TextKey = keyof typeof en & keyof ConsentTexts;

/** Our own catalogs; English is bundled, the others are chunks loaded when a page asks. */
const lazy: Record<string, () => Promise<{ default: Messages }>> = {
  da: () => import('./locales/da.ts'),
  de: () => import('./locales/de.ts'),
  hi: () => import('./locales/hi.ts'),
};
const loaded: Record<string, Messages> = { en };
const RIGHT_TO_LEFT = /^(ar|fa|he|ps|ur|yi)$/;

/**
 * The consent elements' own small localizer, instead of the core LocalizeController: the
 * banner's first load must fit 13 KB gzip with Lit and the loader, and this does what the
 * banner needs in a third of the size. It also accepts the locales a tenant supplies texts
 * for (`consent.texts`), rendering them with English for any message the tenant left out.
 *
 * The locale is the first of: the element's `locale`, the loader's `data-locale`, the page's
 * `lang`, the browser's languages, that we or the tenant have texts for; else English.
 */
export class ConsentLocalize {
  locale = 'en';
  dir: 'ltr' | 'rtl' = 'ltr';

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly requested: () => string | undefined,
    private readonly config: () => WidgetConfig | undefined = () => undefined,
  ) {}

  /** Picks the locale; call before rendering. */
  resolve(): void {
    // Tags compare without case (`pt-BR`, `pt-br`), but the tenant's key is kept to find its texts.
    const tenantLocales = new Map(Object.keys(this.config()?.consent.texts ?? {}).map((key) => [key.toLowerCase(), key]));
    const wanted = [this.requested(), readPageSettings()?.locale, this.host.closest('[lang]')?.getAttribute('lang'), ...navigator.languages];
    for (const tag of wanted) {
      const lower = tag?.toLowerCase();
      const base = lower?.split('-')[0];
      const match = [lower, base].find((candidate) => candidate && (candidate in loaded || candidate in lazy || tenantLocales.has(candidate)));
      if (match) return this.#select(tenantLocales.get(match) ?? match);
    }
    this.#select('en');
  }

  /** A calendar date (`2026-04-03`) as the locale writes it, e.g. "3 April 2026". */
  date(isoDate: string): string {
    try {
      return new Intl.DateTimeFormat(this.locale, { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(`${isoDate}T00:00:00Z`));
    } catch {
      return isoDate;
    }
  }

  /**
   * A message with its `{placeholders}` filled: the tenant's own text for this locale wins over
   * ours (it may also add locales we lack), then our catalog for the locale, then English.
   */
  text(key: TextKey, values?: Record<string, string>): string {
    const text = this.config()?.consent.texts[this.locale]?.[key] ?? (loaded[this.locale] ?? en)[key];
    return values ? text.replace(/\{(\w+)\}/g, (placeholder, name: string) => values[name] ?? placeholder) : text;
  }

  purposeText(purpose: ConsentPurpose): { name: string; description: string } {
    const texts = purpose.texts;
    return texts[this.locale] ?? texts[this.locale.split('-')[0]!] ?? texts['en'] ?? Object.values(texts)[0] ?? { name: purpose.key, description: '' };
  }

  /** Says which purposes Global Privacy Control turned off; empty when it turned off none. */
  gpcNotice(gpc: boolean): string {
    const consent = this.config()?.consent;
    const refused = consent ? gpcRefusedPurposes(consent, gpc) : [];
    return refused.length ? this.text('gpcNotice', { purposes: refused.map((purpose) => this.purposeText(purpose).name).join(', ') }) : '';
  }

  #select(wanted: string): void {
    const load = lazy[wanted];
    if (load && !loaded[wanted]) {
      load().then(
        (module) => {
          loaded[wanted] = module.default;
          this.host.requestUpdate();
        },
        () => {},
      );
    }
    // Until it arrives (or if it fails), English stands in, and `locale` says so: the banner's
    // `lang` and a decision's recorded locale name the texts the visitor actually saw.
    const locale = load && !loaded[wanted] ? 'en' : wanted;
    this.locale = locale;
    this.dir = RIGHT_TO_LEFT.test(locale.split('-')[0]!) ? 'rtl' : 'ltr';
  }
}
