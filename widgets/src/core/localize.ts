import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { Message, MessageCatalog, MessageCatalogs, PluralMessage, TranslationOf } from './locales/catalog.ts';
import { resolveLocale, textDirection, type TenantLocales } from './resolve-locale.ts';
import { unwatchPageLanguage, watchPageLanguage } from './page-language.ts';

type MessageValues = Readonly<Record<string, string | number>>;

/** Plural messages need a `count`; other messages take optional placeholder values. */
type TermArguments<Entry> = Entry extends PluralMessage
  ? [values: MessageValues & { readonly count: number }]
  : [values?: MessageValues];

export interface LocalizeOptions<English extends MessageCatalog> {
  catalogs: MessageCatalogs<English>;
  /** The locale the element asks for (its `locale` property, or the loader's `data-locale`). */
  requestedLocale?: () => string | undefined;
  /** The tenant's locales, once its configuration has arrived; limits the choice. */
  tenantLocales?: () => TenantLocales | undefined;
}

type LocalizeHost = ReactiveControllerHost & HTMLElement;

/**
 * Translates an element's messages. The locale comes from the element (its `locale`), else
 * the nearest `lang` attribute (usually `<html lang>`), else the browser's languages, limited to
 * the catalogs we have and the locales the tenant offers; English is the fallback.
 * Non-English catalogs load on demand, and the element re-renders when one arrives or when
 * the page's language changes.
 */
export class LocalizeController<English extends MessageCatalog> implements ReactiveController {
  /** The locale messages are rendered in, e.g. `"da"`. Use it for `lang` in templates. */
  locale = 'en';
  /** The locale chosen for the element; differs from `locale` while its catalog downloads. */
  #wanted = 'en';
  /** `"rtl"` for right-to-left locales; use it for `dir` in templates. */
  dir: 'ltr' | 'rtl' = 'ltr';

  readonly #host: LocalizeHost;
  readonly #options: LocalizeOptions<English>;
  #messages: TranslationOf<English> | English;
  #pluralRules: Intl.PluralRules | undefined;
  #numberFormat: Intl.NumberFormat | undefined;
  #ready: Promise<void> = Promise.resolve();

  constructor(host: LocalizeHost, options: LocalizeOptions<English>) {
    this.#host = host;
    this.#options = options;
    this.#messages = options.catalogs.en;
    host.addController(this);
  }

  hostConnected(): void {
    watchPageLanguage(this.#host);
  }

  hostDisconnected(): void {
    unwatchPageLanguage(this.#host);
  }

  /** Runs before every render, so a changed `locale`, page language or tenant config applies at once. */
  hostUpdate(): void {
    this.#select(this.#resolve());
  }

  /** Resolves once the catalog of the current locale is loaded (at once for English). */
  whenReady(): Promise<void> {
    return this.#ready;
  }

  /** The message for `key` in the current locale, with `{placeholders}` filled in. */
  term<Key extends keyof English & string>(key: Key, ...[values]: TermArguments<English[Key]>): string {
    const message: Message | undefined = this.#messages[key] ?? this.#options.catalogs.en[key];
    if (message === undefined) return key;
    const text = typeof message === 'string' ? message : this.#pluralForm(message, values?.['count']);
    return values ? this.#interpolate(text, values) : text;
  }

  /** A number formatted for the current locale. */
  number(value: number, options?: Intl.NumberFormatOptions): string {
    return options ? new Intl.NumberFormat(this.locale, options).format(value) : this.#numbers().format(value);
  }

  #resolve(): string {
    const { catalogs, requestedLocale, tenantLocales } = this.#options;
    return resolveLocale(
      [requestedLocale?.(), nearestLanguageAttribute(this.#host), ...navigator.languages, navigator.language],
      ['en', ...Object.keys(catalogs.lazy)],
      tenantLocales?.(),
    );
  }

  #select(wanted: string): void {
    if (wanted === this.#wanted) return;
    this.#wanted = wanted;
    const { catalogs } = this.#options;
    const load = catalogs.lazy[wanted];
    const cached = load && (loadedCatalogs.get(load) as TranslationOf<English> | undefined);
    if (!load || cached) {
      this.#show(cached ? wanted : 'en', cached ?? catalogs.en);
      this.#ready = Promise.resolve();
      return;
    }
    // English stands in (and says so in `lang`) until the chunk arrives; then the element renders again.
    this.#show('en', catalogs.en);
    this.#ready = loadCatalog(load).then((messages) => {
      if (messages === undefined || this.#wanted !== wanted) return;
      this.#show(wanted, messages);
      this.#host.requestUpdate();
    });
  }

  #show(locale: string, messages: TranslationOf<English> | English): void {
    this.locale = locale;
    this.dir = textDirection(locale);
    this.#messages = messages;
    this.#pluralRules = undefined;
    this.#numberFormat = undefined;
  }

  #pluralForm(message: PluralMessage, count: string | number | undefined): string {
    if (typeof count !== 'number') return message.other;
    this.#pluralRules ??= new Intl.PluralRules(this.locale);
    return message[this.#pluralRules.select(count)] ?? message.other;
  }

  #interpolate(text: string, values: MessageValues): string {
    return text.replace(/\{(\w+)\}/g, (placeholder, name: string) => {
      const value = values[name];
      if (value === undefined) return placeholder;
      return typeof value === 'number' ? this.#numbers().format(value) : value;
    });
  }

  #numbers(): Intl.NumberFormat {
    return (this.#numberFormat ??= new Intl.NumberFormat(this.locale));
  }
}

/** Catalogs already downloaded, shared by every element on the page. */
const loadedCatalogs = new WeakMap<() => Promise<{ default: MessageCatalog }>, MessageCatalog>();

/** Never rejects: a translation that fails to download leaves the element in English. */
async function loadCatalog<Messages extends MessageCatalog>(
  load: () => Promise<{ default: Messages }>,
): Promise<Messages | undefined> {
  try {
    const { default: messages } = await load();
    loadedCatalogs.set(load, messages);
    return messages;
  } catch (error) {
    console.warn('PortTask: a translation could not be loaded; showing English instead.', error);
    return undefined;
  }
}

/** The nearest `lang` attribute, looking through shadow roots up to `<html>`. */
export function nearestLanguageAttribute(element: Element): string | null {
  let current: Element | null = element;
  while (current) {
    const withLang: Element | null = current.closest('[lang]');
    if (withLang) return withLang.getAttribute('lang');
    const root = current.getRootNode();
    current = root instanceof ShadowRoot ? root.host : null;
  }
  return null;
}
