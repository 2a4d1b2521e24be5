/**
 * Shapes shared by every message catalog. A message is either a string with `{name}`
 * placeholders, or one string per plural category of `Intl.PluralRules` for messages with a
 * `{count}` ("1 entry" / "2 entries"; Hindi puts 0 with 1, other languages have more forms).
 */
export type PluralMessage = { readonly [Category in Intl.LDMLPluralRule]?: string } & { readonly other: string };

export type Message = string | PluralMessage;

export type MessageCatalog = { readonly [key: string]: Message };

/**
 * The same keys as the English catalog, each with the same kind of message. Translations are
 * typed against English, so a missing or misspelt key fails the type check.
 */
export type TranslationOf<English extends MessageCatalog> = {
  readonly [Key in keyof English]: English[Key] extends string ? string : PluralMessage;
};

/**
 * A set of catalogs for one element (or the core). English is bundled with the code that uses
 * it and is the fallback for everything; other locales are separate chunks, loaded only when a
 * page asks for them, so a page in English never downloads Danish.
 */
export interface MessageCatalogs<English extends MessageCatalog> {
  readonly en: English;
  readonly lazy: { readonly [locale: string]: () => Promise<{ default: TranslationOf<English> }> };
}
