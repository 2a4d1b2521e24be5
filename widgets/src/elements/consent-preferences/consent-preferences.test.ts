import { expect, fixture, fixtureCleanup, html, oneEvent } from '@open-wc/testing';
import { waitUntil } from '../../testing/wait-until.ts';
import { sendKeys } from '@web/test-runner-commands';
import { testEnvironment } from '../../testing/test-environment.ts';
import './porttask-consent-preferences.ts';
import type { ConsentPreferences } from './porttask-consent-preferences.ts';
import type { ConsentBanner, ConsentChangeDetail } from '../consent-banner/porttask-consent-banner.ts';

const { apiUrl, publishableKey, tenantId, unreachableApiUrl } = testEnvironment();

beforeEach(() => {
  for (const key of Object.keys(localStorage)) if (key.startsWith('porttask-consent')) localStorage.removeItem(key);
});
afterEach(() => {
  fixtureCleanup();
  document.querySelectorAll('porttask-consent-banner').forEach((banner) => banner.remove());
});

const button = (element: ConsentPreferences) => element.shadowRoot!.querySelector<HTMLButtonElement>('[part="button"]')!;

async function openedBanner(): Promise<ConsentBanner> {
  await waitUntil(() => document.querySelector('porttask-consent-banner')?.shadowRoot?.querySelector('dialog')?.open, 'the preferences dialog opened');
  return document.querySelector('porttask-consent-banner') as ConsentBanner;
}

describe('<porttask-consent-preferences>', () => {
  it('reopens the preferences from the keyboard, so a given consent can be withdrawn as easily', async () => {
    const element = await fixture<ConsentPreferences>(html`<porttask-consent-preferences api-url=${apiUrl} publishable-key=${publishableKey}></porttask-consent-preferences>`);
    await expect(element).to.be.accessible();
    expect(button(element).textContent!.trim()).to.equal('Privacy choices');

    // First visit: accept everything through the banner the control adds to the page.
    button(element).focus();
    await sendKeys({ press: 'Enter' });
    let banner = await openedBanner();
    await expect(banner).to.be.accessible();
    let changed = oneEvent(banner, 'porttask-consent-change');
    banner.shadowRoot!.querySelector<HTMLElement>('[part~="accept-button"]')!.click();
    expect(((await changed) as CustomEvent<ConsentChangeDetail>).detail.consent.choices['marketing']).to.equal(true);
    await banner.updateComplete;
    expect(element.shadowRoot!.activeElement === button(element)).to.equal(true, 'focus went back to the control');

    // Withdraw: the same control, one switch, Save.
    await sendKeys({ press: 'Enter' });
    banner = await openedBanner();
    const marketing = banner.shadowRoot!.querySelector<HTMLInputElement>('input[data-purpose="marketing"]')!;
    expect(marketing.checked).to.equal(true);
    marketing.click();
    changed = oneEvent(banner, 'porttask-consent-change');
    banner.shadowRoot!.querySelector<HTMLElement>('[part~="save-button"]')!.click();
    const { consent } = ((await changed) as CustomEvent<ConsentChangeDetail>).detail;
    expect(consent.choices['marketing']).to.equal(false);
    expect(consent.source).to.equal('preferences');
    expect(JSON.parse(localStorage.getItem(`porttask-consent:${tenantId}`)!).choices.marketing).to.equal(false);
  });

  it('says what the tenant wrote for it, in the tenant\'s own locale', async () => {
    const config = await (await fetch(`${apiUrl}/v1/config`, { headers: { 'X-PortTask-Key': publishableKey } })).json();
    config.consent.texts = { 'pt-BR': { openPreferences: 'Escolhas de privacidade' } };
    globalThis.PortTask = { version: 'test', apiUrl, publishableKey, config: Promise.resolve(config) };
    try {
      const element = await fixture<HTMLElement>(html`<div lang="pt-BR"><porttask-consent-preferences></porttask-consent-preferences></div>`);
      const control = element.querySelector('porttask-consent-preferences') as ConsentPreferences;
      await waitUntil(() => button(control).textContent!.trim() === 'Escolhas de privacidade', 'the tenant\'s text');
      await expect(control).to.be.accessible();
    } finally {
      globalThis.PortTask = undefined;
    }
  });

  it('does not hang when the page\'s banner could not load its configuration', async () => {
    const banner = document.createElement('porttask-consent-banner') as ConsentBanner;
    banner.setAttribute('api-url', unreachableApiUrl);
    banner.setAttribute('publishable-key', publishableKey);
    document.body.append(banner);
    await banner.loaded;
    const element = await fixture<ConsentPreferences>(html`<porttask-consent-preferences></porttask-consent-preferences>`);
    await element.open(); // resolves: before, it waited for an event the banner had already sent
    expect(banner.ready).to.equal(false);
  });

  it('speaks the page\'s language', async () => {
    const element = await fixture<ConsentPreferences>(html`<div lang="de"><porttask-consent-preferences></porttask-consent-preferences></div>`);
    const control = element.querySelector('porttask-consent-preferences') as ConsentPreferences;
    await waitUntil(() => button(control).textContent!.trim() === 'Datenschutz-Einstellungen', 'German arrived');
    await expect(control).to.be.accessible();
  });
});
