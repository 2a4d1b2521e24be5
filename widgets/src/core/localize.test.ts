import { expect, fixture, html } from '@open-wc/testing';
import { LitElement } from 'lit';
import { defineElement } from './define.ts';
import { LocalizeController } from './localize.ts';
import type { MessageCatalogs } from './locales/catalog.ts';
import { coreCatalogs } from './locales/index.ts';
import { resolveLocale, textDirection } from './resolve-locale.ts';

/** A bare host for the controller, so these tests need no API. */
class LocalizedProbe extends LitElement {
  static override properties = { locale: {} };
  declare locale: string | undefined;
  readonly localize = new LocalizeController(this, { catalogs: coreCatalogs, requestedLocale: () => this.locale });

  protected override render() {
    return html`<p lang=${this.localize.locale} dir=${this.localize.dir}>${this.localize.term('loading')}</p>`;
  }
}
defineElement('porttask-localized-probe', LocalizedProbe);

async function probe(locale?: string): Promise<LocalizedProbe> {
  const element = await fixture<LocalizedProbe>(html`<porttask-localized-probe .locale=${locale}></porttask-localized-probe>`);
  await element.localize.whenReady();
  await element.updateComplete;
  return element;
}

describe('resolveLocale', () => {
  const supported = ['en', 'da', 'de', 'hi'];

  it('takes the first requested locale it supports, matching regional variants by language', () => {
    expect(resolveLocale(['fr-FR', 'da-DK', 'de'], supported)).to.equal('da');
    expect(resolveLocale([undefined, '', 'DE-at'], supported)).to.equal('de');
  });

  it('is limited to the locales the tenant offers, falling back to its default, then English', () => {
    const tenant = { default: 'de', available: ['en', 'de'] };
    expect(resolveLocale(['da'], supported, tenant)).to.equal('de');
    expect(resolveLocale(['hi', 'en'], supported, tenant)).to.equal('en');
    expect(resolveLocale(['fr'], supported, { default: 'fr', available: ['fr'] })).to.equal('en');
  });

  it('knows which languages are written right to left', () => {
    expect(textDirection('ar')).to.equal('rtl');
    expect(textDirection('he-IL')).to.equal('rtl');
    expect(textDirection('hi')).to.equal('ltr');
  });
});

describe('LocalizeController', () => {
  afterEach(() => {
    document.documentElement.lang = 'en';
  });

  it('renders Danish, German and Hindi from their lazily loaded catalogs', async () => {
    const danish = await probe('da');
    await expect(danish).to.be.accessible();
    expect(danish.localize.term('retry')).to.equal('Prøv igen');
    expect(danish.shadowRoot!.textContent).to.contain('Indlæser…');
    expect((await probe('de-CH')).localize.term('retry')).to.equal('Erneut versuchen');
    expect((await probe('hi')).localize.term('retry')).to.equal('फिर से कोशिश करें');
  });

  it('follows <html lang> when the element names no locale, and updates when it changes', async () => {
    document.documentElement.lang = 'de';
    const element = await probe();
    await expect(element).to.be.accessible();
    expect(element.localize.locale).to.equal('de');
    document.documentElement.lang = 'da';
    await new Promise((resolve) => setTimeout(resolve));
    await element.updateComplete;
    await element.localize.whenReady();
    await element.updateComplete;
    expect(element.shadowRoot!.querySelector('p')!.textContent).to.equal('Indlæser…');
  });

  it('falls back to English for locales it has no catalog for', async () => {
    const element = await probe('fr');
    await expect(element).to.be.accessible();
    expect(element.localize.locale).to.equal('en');
    expect(element.localize.term('retry')).to.equal('Try again');
  });

  it('chooses plural forms with Intl.PluralRules', async () => {
    const english = await probe('en');
    await expect(english).to.be.accessible();
    expect([0, 1, 2].map((count) => english.localize.term('entryCount', { count }))).to.deep.equal([
      '0 entries',
      '1 entry',
      '2 entries',
    ]);
    const hindi = await probe('hi');
    // Hindi counts 0 and 1 alike ("one"); Danish and German do not.
    expect([0, 1, 2].map((count) => hindi.localize.term('entryCount', { count }))).to.deep.equal([
      '0 प्रविष्टि',
      '1 प्रविष्टि',
      '2 प्रविष्टियाँ',
    ]);
    const danish = await probe('da');
    expect([0, 1, 5].map((count) => danish.localize.term('entryCount', { count }))).to.deep.equal(['0 poster', '1 post', '5 poster']);
    const german = await probe('de');
    expect([1, 1200].map((count) => german.localize.term('entryCount', { count }))).to.deep.equal(['1 Eintrag', '1.200 Einträge']);
  });

  it('sets dir="rtl" for right-to-left locales', async () => {
    const arabic = { ...coreCatalogs.en, retry: 'أعد المحاولة' };
    const catalogs: MessageCatalogs<typeof coreCatalogs.en> = {
      en: coreCatalogs.en,
      lazy: { ar: () => Promise.resolve({ default: arabic }) },
    };
    class RightToLeftProbe extends LitElement {
      readonly localize = new LocalizeController(this, { catalogs, requestedLocale: () => 'ar-EG' });
      protected override render() {
        return html`<p dir=${this.localize.dir}>${this.localize.term('retry')}</p>`;
      }
    }
    defineElement('porttask-right-to-left-probe', RightToLeftProbe);
    const element = await fixture<RightToLeftProbe>(html`<porttask-right-to-left-probe></porttask-right-to-left-probe>`);
    await element.localize.whenReady();
    await element.updateComplete;
    await expect(element).to.be.accessible();
    expect(element.localize.dir).to.equal('rtl');
    expect(element.shadowRoot!.querySelector('p')!.getAttribute('dir')).to.equal('rtl');
    expect(element.shadowRoot!.querySelector('p')!.textContent).to.equal('أعد المحاولة');
  });
});
