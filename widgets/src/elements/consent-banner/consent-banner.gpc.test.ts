import { expect, fixture, html } from '@open-wc/testing';
import { waitUntil } from '../../testing/wait-until.ts';
import type { ConsentBanner } from './porttask-consent-banner.ts';
import { tenantConfig, loaderSettings, mountBanner, nextChange, storeDecision, part, gtagCalls, publishableKey, unreachableApiUrl, resetBetweenTests } from '../../testing/consent-banner-fixtures.ts';

resetBetweenTests();

describe('<porttask-consent-banner>: Global Privacy Control', () => {
  describe('Global Privacy Control', () => {
    beforeEach(() => {
      Object.defineProperty(navigator, 'globalPrivacyControl', { value: true, configurable: true });
    });
    afterEach(() => {
      delete (navigator as { globalPrivacyControl?: boolean }).globalPrivacyControl;
    });

    it('opt-in: says GPC was honoured, and Accept all leaves marketing off', async () => {
      const element = await mountBanner();
      await expect(element).to.be.accessible();
      expect(part(element, 'gpc-notice')!.textContent).to.contain('Global Privacy Control').and.to.contain('Marketing');
      const decided = nextChange(element, 'decision');
      part(element, 'accept-button')!.click();
      const { consent } = await decided;
      expect(consent.choices).to.deep.equal({ necessary: true, functional: true, analytics: true, marketing: false });
      expect(consent.gpc).to.equal(true);
    });

    it('overrules a decision made before the browser sent GPC: records the refusal, keeps the rest, and says so', async () => {
      const config = await tenantConfig();
      storeDecision({ choices: { necessary: true, functional: false, analytics: true, marketing: true }, signals: ['analytics_storage', 'ad_storage'] });
      loaderSettings(config);
      const element = await fixture<ConsentBanner>(html`<porttask-consent-banner></porttask-consent-banner>`);
      const recorded = nextChange(element, 'recorded');
      const { consent } = await recorded;
      expect(consent.source).to.equal('gpc');
      expect(consent.gpc).to.equal(true);
      expect(consent.choices).to.deep.equal({ necessary: true, functional: false, analytics: true, marketing: false });
      expect(consent.receiptId).to.match(/^rcpt_/);
      await element.updateComplete;
      expect(part(element, 'gpc-notice')!.textContent).to.contain('Marketing');
      const update = gtagCalls.filter((call) => call[1] === 'update').at(-1)![2] as Record<string, string>;
      expect(update['ad_storage']).to.equal('denied');
      expect(update['analytics_storage']).to.equal('granted');
      await expect(element).to.be.accessible();
    });

    it('with the API down, applies a decision made earlier without its advertising signals', async () => {
      storeDecision({ choices: { necessary: true, functional: false, analytics: true, marketing: true }, signals: ['analytics_storage', 'ad_storage', 'ad_user_data', 'ad_personalization'] });
      const element = document.createElement('porttask-consent-banner') as ConsentBanner;
      element.setAttribute('api-url', unreachableApiUrl);
      element.setAttribute('publishable-key', publishableKey);
      const loaded = nextChange(element, 'loaded');
      (await fixture<HTMLElement>(html`<div></div>`)).append(element);
      await loaded;
      expect(gtagCalls.at(-1)).to.deep.equal(['consent', 'update', { ad_storage: 'denied', ad_user_data: 'denied', ad_personalization: 'denied', analytics_storage: 'granted' }]);
    });

    it('opt-out: records the GPC signal as the decision, refusing only sale/sharing, and tells the visitor', async () => {
      const config = await tenantConfig((value) => { value.consent.model = 'opt_out'; });
      loaderSettings(config);
      const element = await fixture<ConsentBanner>(html`<porttask-consent-banner></porttask-consent-banner>`);
      const recorded = nextChange(element, 'recorded');
      await waitUntil(() => element.ready);
      await element.updateComplete;
      await expect(element).to.be.accessible();
      expect(part(element, 'gpc-notice')).to.exist;
      const { consent } = await recorded;
      expect(consent.source).to.equal('gpc');
      expect(consent.choices).to.deep.equal({ necessary: true, functional: true, analytics: true, marketing: false });
      expect(consent.receiptId).to.match(/^rcpt_/);
    });
  });

});
