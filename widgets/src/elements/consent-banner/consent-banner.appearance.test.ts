import { expect, fixture, html } from '@open-wc/testing';
import { emulateMedia, setViewport } from '@web/test-runner-commands';
import { waitUntil } from '../../testing/wait-until.ts';
import '../../testing/test-widget.ts';
import type { ConsentBanner } from './porttask-consent-banner.ts';
import { loaderSettings, tenantConfig, mountBanner, part, dialogOf, resetBetweenTests } from '../../testing/consent-banner-fixtures.ts';

resetBetweenTests();

describe('<porttask-consent-banner>: languages and theme', () => {
  // First in this file: no other test has loaded the German catalog yet in this page.
  it('names the language its texts are in, also while a catalog is still loading', async () => {
    const element = await mountBanner();
    const seen: string[] = [];
    const record = () => {
      const banner = part(element, 'banner');
      if (banner) seen.push(`${banner.getAttribute('lang')}:${part(element, 'accept-button')?.textContent?.trim()}`);
    };
    const observer = new MutationObserver(record);
    observer.observe(element.shadowRoot!, { subtree: true, childList: true, attributes: true, characterData: true });
    try {
      element.locale = 'de';
      await waitUntil(() => part(element, 'accept-button')?.textContent?.trim() === 'Alle akzeptieren', 'German arrived');
      record();
    } finally {
      observer.disconnect();
    }
    expect(seen.filter((pair) => pair === 'de:Accept all'), seen.join(' → ')).to.deep.equal([]);
    expect(seen.at(-1)).to.equal('de:Alle akzeptieren');
  });

  it('shows the partner\'s logo from its logo slot above the title', async () => {
    loaderSettings(await tenantConfig());
    const element = await fixture<ConsentBanner>(html`<porttask-consent-banner><img slot="logo" alt="Port of Example" width="96" height="24"
      src="data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' width='96' height='24'/%3E"></porttask-consent-banner>`);
    await waitUntil(() => part(element, 'banner'), 'the banner');
    const slot = element.shadowRoot!.querySelector<HTMLSlotElement>('slot[name="logo"]')!;
    expect(slot.assignedElements()).to.have.length(1);
    const logo = slot.assignedElements()[0]!.getBoundingClientRect();
    expect(logo.height).to.be.greaterThan(0);
    expect(logo.bottom).to.be.at.most(part(element, 'title')!.getBoundingClientRect().top + 1);
    await expect(element).to.be.accessible();
  });

  it('takes at most a third of a 390 x 844 phone screen, in every shipped language', async () => {
    await setViewport({ width: 390, height: 844 });
    try {
      const element = await mountBanner();
      for (const locale of ['en', 'da', 'de', 'hi']) {
        element.locale = locale;
        await waitUntil(() => part(element, 'banner')?.getAttribute('lang') === locale, `${locale} arrived`);
        await element.updateComplete;
        const { height, top, bottom } = part(element, 'banner')!.getBoundingClientRect();
        expect(height, `${locale}: ${height}px`).to.be.at.most(844 / 3);
        expect(bottom, `${locale}: on screen`).to.be.at.most(844);
        expect(top, `${locale}: on screen`).to.be.at.least(0);
      }
    } finally {
      await setViewport({ width: 800, height: 600 });
    }
  });

  it('follows <html lang> when the page changes its language after load, like every other element', async () => {
    const before = document.documentElement.getAttribute('lang');
    try {
      const element = await mountBanner();
      expect(part(element, 'accept-button')!.textContent!.trim()).to.equal('Accept all');
      document.documentElement.setAttribute('lang', 'da');
      await waitUntil(() => part(element, 'accept-button')?.textContent?.trim() === 'Accepter alle', 'the first layer switched to Danish');
      expect(part(element, 'banner')!.getAttribute('lang')).to.equal('da');
    } finally {
      if (before === null) document.documentElement.removeAttribute('lang');
      else document.documentElement.setAttribute('lang', before);
    }
  });

  it('speaks Danish on a Danish page, and the tenant\'s own locale when it supplies texts', async () => {
    const config = await tenantConfig((value) => {
      value.consent.texts = {
        fr: { title: 'Vos choix de confidentialité', acceptAll: 'Tout accepter' },
        ar: { title: 'خيارات الخصوصية' },
        'pt-BR': { title: 'Suas escolhas de privacidade', policyLink: 'Política de privacidade (versão {version})', close: 'Fechar', alwaysOn: 'Sempre ativo' },
      };
    });
    const danish = await mountBanner(config);
    danish.locale = 'da';
    await waitUntil(() => part(danish, 'accept-button')?.textContent?.trim() === 'Accepter alle', 'Danish arrived');
    await expect(danish).to.be.accessible();
    expect(part(danish, 'banner')!.getAttribute('lang')).to.equal('da');
    expect(part(danish, 'policy-link')!.textContent).to.contain('3. april 2026');
    danish.locale = 'fr';
    await danish.updateComplete;
    expect(part(danish, 'title')!.textContent).to.equal('Vos choix de confidentialité');
    expect(part(danish, 'accept-button')!.textContent!.trim()).to.equal('Tout accepter');
    expect(part(danish, 'reject-button')!.textContent!.trim()).to.equal('Reject all', 'English for what the tenant left out');
    danish.locale = 'ar';
    await danish.updateComplete;
    expect(part(danish, 'title')!.textContent).to.equal('خيارات الخصوصية');
    expect(part(danish, 'banner')!.getAttribute('dir')).to.equal('rtl');
    await expect(danish).to.be.accessible();
    // A tenant locale with a region, asked for in any case, and every message overridable.
    danish.locale = 'pt-br';
    await danish.updateComplete;
    expect(part(danish, 'title')!.textContent).to.equal('Suas escolhas de privacidade');
    expect(part(danish, 'banner')!.getAttribute('lang')).to.equal('pt-BR');
    expect(part(danish, 'policy-link')!.textContent).to.equal(`Política de privacidade (versão ${config.policy!.version})`);
    await danish.showPreferences();
    expect(dialogOf(danish)!.querySelector('[part~="close-button"]')!.getAttribute('aria-label')).to.equal('Fechar');
    expect(dialogOf(danish)!.textContent).to.contain('Sempre ativo');
  });

  it('uses the same theme tokens as every other element, and takes the page\'s --porttask-* values', async () => {
    const element = await mountBanner();
    await expect(element).to.be.accessible();
    const reference = await fixture<HTMLElement>(html`<porttask-test-widget></porttask-test-widget>`);
    const tokens = ['font-family', 'font-size', 'line-height', 'color-background', 'color-surface', 'color-text', 'color-text-muted',
      'color-border', 'color-primary', 'color-on-primary', 'color-focus-ring', 'radius', 'radius-small',
      'spacing-extra-small', 'spacing-small', 'spacing-medium', 'spacing-large', 'focus-ring-width', 'focus-ring-offset'];
    for (const token of tokens) {
      const name = `--_porttask-${token}`;
      expect(getComputedStyle(element).getPropertyValue(name).trim(), name).to.equal(getComputedStyle(reference).getPropertyValue(name).trim());
    }
    const styles = new CSSStyleSheet();
    styles.replaceSync('porttask-consent-banner { --porttask-color-primary: rgb(122, 31, 92); }');
    document.adoptedStyleSheets = [...document.adoptedStyleSheets, styles];
    try {
      expect(getComputedStyle(part(element, 'accept-button')!).backgroundColor).to.equal('rgb(122, 31, 92)');
    } finally {
      document.adoptedStyleSheets = document.adoptedStyleSheets.filter((sheet) => sheet !== styles);
    }
  });

  it('follows a dark colour scheme, with its contrast still passing', async () => {
    await emulateMedia({ colorScheme: 'dark' });
    try {
      const element = await mountBanner();
      await expect(element).to.be.accessible();
      expect(getComputedStyle(part(element, 'banner')!).backgroundColor).to.equal('rgb(22, 25, 29)');
      await element.showPreferences();
      await expect(element).to.be.accessible();
    } finally {
      await emulateMedia({ colorScheme: 'light' });
    }
  });

});
