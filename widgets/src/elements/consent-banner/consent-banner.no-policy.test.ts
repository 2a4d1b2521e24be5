import { expect, fixture, html } from '@open-wc/testing';
import type { ConsentBanner } from './porttask-consent-banner.ts';
import { isDeveloperContext } from './consent-developer-notice.ts';
import { loaderSettings, part, resetBetweenTests, tenantConfig, tenantId } from '../../testing/consent-banner-fixtures.ts';

resetBetweenTests();

describe('<porttask-consent-banner> while the tenant has no published privacy policy', () => {
  it('warns once in the console with the command that fixes it, and shows developers (test key, localhost) a notice instead of nothing', async () => {
    const warnings: unknown[][] = [];
    const warn = console.warn;
    console.warn = (...args: unknown[]) => warnings.push(args);
    try {
      loaderSettings(await tenantConfig((config) => { config.policy = null; }));
      const element = await fixture<ConsentBanner>(html`<porttask-consent-banner></porttask-consent-banner>`);
      await element.loaded;
      await element.updateComplete;
      expect(part(element, 'banner'), 'no consent can be asked without a policy').to.equal(null);
      const policyWarnings = warnings.filter((args) => String(args[0]).includes('no published privacy policy'));
      expect(policyWarnings).to.have.length(1);
      expect(String(policyWarnings[0]![0])).to.contain(`npx porttask consent policy --tenant ${tenantId} --version `).and.to.contain('--url ').and.to.contain('--last-updated ').and.to.contain('--environment test');
      const notice = part(element, 'developer-notice')!;
      expect(notice, 'a visible notice for the developer').to.exist;
      expect(notice.getBoundingClientRect().height).to.be.greaterThan(0);
      expect(notice.textContent).to.contain(`npx porttask consent policy --tenant ${tenantId}`);
      await expect(element).to.be.accessible();
      notice.querySelector('button')!.click();
      await element.updateComplete;
      expect(part(element, 'developer-notice'), 'the developer can hide it').to.equal(null);
    } finally {
      console.warn = warn;
    }
  });

  it('shows the notice only on localhost or with a test key: visitors of a live site see nothing', () => {
    expect(isDeveloperContext('pk_test_abc', 'shop.example')).to.equal(true);
    expect(isDeveloperContext('pk_live_abc', 'localhost')).to.equal(true);
    expect(isDeveloperContext('pk_live_abc', '127.0.0.1')).to.equal(true);
    expect(isDeveloperContext('pk_live_abc', 'portal.localhost')).to.equal(true);
    expect(isDeveloperContext('pk_live_abc', 'shop.example')).to.equal(false);
    expect(isDeveloperContext('pk_live_abc', 'localhost.shop.example')).to.equal(false);
  });
});
