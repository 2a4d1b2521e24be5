import { expect, fixtureCleanup } from '@open-wc/testing';
import { readDecision, readPending } from '../../consent/storage.ts';
import { tenantConfig, mountBanner, nextChange, storeDecision, part, switchFor, gtagCalls, tenantId, resetBetweenTests } from '../../testing/consent-banner-fixtures.ts';

resetBetweenTests();

describe('<porttask-consent-banner>: first layer, Consent Mode, storage, scripts and cookies', () => {
  it('sets Consent Mode to denied before any choice, and updates all four signals after it', async () => {
    const element = await mountBanner();
    await expect(element).to.be.accessible();
    expect(gtagCalls[0]).to.deep.equal(['consent', 'default', {
      ad_storage: 'denied', ad_user_data: 'denied', ad_personalization: 'denied', analytics_storage: 'denied',
    }]);
    expect(gtagCalls.filter((call) => call[1] === 'update')).to.have.length(0, 'no update before a choice (opt-in)');
    const accepted = nextChange(element, 'decision');
    part(element, 'accept-button')!.click();
    await accepted;
    expect(gtagCalls.at(-1)).to.deep.equal(['consent', 'update', {
      ad_storage: 'granted', ad_user_data: 'granted', ad_personalization: 'granted', analytics_storage: 'granted',
    }]);
    expect(gtagCalls.findIndex((call) => call[1] === 'default')).to.be.lessThan(gtagCalls.findIndex((call) => call[1] === 'update'));
  });

  it('shows a first layer whose three choices have equal weight, and shifts nothing on the page', async () => {
    const marker = document.createElement('p');
    marker.textContent = 'Host page content';
    document.body.prepend(marker);
    const before = marker.getBoundingClientRect().top;
    const element = await mountBanner();
    await expect(element).to.be.accessible();
    const buttons = ['accept-button', 'reject-button', 'customise-button'].map((name) => part(element, name)!);
    expect(buttons.map((button) => button.textContent!.trim())).to.deep.equal(['Accept all', 'Reject all', 'Customise']);
    const look = (button: HTMLElement) => {
      const style = getComputedStyle(button);
      return [style.backgroundColor, style.color, style.fontWeight, style.fontSize, style.borderTopWidth, style.borderTopColor, style.paddingTop, button.getBoundingClientRect().height];
    };
    expect(look(buttons[1]!)).to.deep.equal(look(buttons[0]!));
    expect(look(buttons[2]!)).to.deep.equal(look(buttons[0]!));
    expect(getComputedStyle(element).position).to.equal('fixed');
    expect(marker.getBoundingClientRect().top).to.equal(before);
    marker.remove();
  });

  it('rejects all: stores the decision on the device, refuses every optional purpose, and gets a receipt from the API', async () => {
    const element = await mountBanner();
    await expect(element).to.be.accessible();
    const decided = nextChange(element, 'decision');
    const recorded = nextChange(element, 'recorded');
    part(element, 'reject-button')!.click();
    const { consent } = await decided;
    expect(consent.choices).to.deep.equal({ necessary: true, functional: false, analytics: false, marketing: false });
    expect(readDecision(tenantId)!.choices).to.deep.equal(consent.choices);
    expect(Date.parse(consent.expiresAt!) - Date.parse(consent.decidedAt!)).to.equal(182 * 86_400_000, 'asks again after the default 182 days');
    expect(part(element, 'banner')).to.equal(null);
    const receipt = await recorded;
    expect(receipt.consent.receiptId).to.match(/^rcpt_[0-9a-z]{24}$/);
    expect(element.getConsent().receiptId).to.equal(receipt.consent.receiptId);
    expect(readPending(tenantId)).to.deep.equal([]);
  });

  it('keeps a decision for the tenant\'s own expiry', async () => {
    const element = await mountBanner(await tenantConfig((value) => { value.consent.expiryDays = 30; }));
    const decided = nextChange(element, 'decision');
    part(element, 'accept-button')!.click();
    const { consent } = await decided;
    expect(Date.parse(consent.expiresAt!) - Date.parse(consent.decidedAt!)).to.equal(30 * 86_400_000);
  });

  it('asks again when the policy version changed or the decision expired, and not otherwise', async () => {
    storeDecision({ policyVersion: 'an-older-version' });
    let element = await mountBanner();
    await expect(element).to.be.accessible();
    expect(part(element, 'banner'), 'new policy version').to.exist;
    // consent-mode.js may have replayed the old decision's signals: they are taken back.
    expect(gtagCalls.at(-1)).to.deep.equal(['consent', 'update', { ad_storage: 'denied', ad_user_data: 'denied', ad_personalization: 'denied', analytics_storage: 'denied' }]);
    fixtureCleanup();

    // An expired decision had granted analytics: its cookies go while the banner asks again.
    storeDecision({ expiresAt: new Date(Date.now() - 1_000).toISOString() });
    document.cookie = '_ga=GA1.1.expired; path=/';
    element = await mountBanner();
    expect(part(element, 'banner'), 'expired').to.exist;
    await element.loaded; // the cookies go once the banner's first frame is painted
    expect(document.cookie).not.to.contain('_ga=', 'cookies of a decision no longer in force are cleared');
    fixtureCleanup();

    storeDecision({});
    element = await mountBanner();
    expect(part(element, 'banner'), 'current decision').to.equal(null);
    expect(element.getConsent().choices['analytics']).to.equal(true);
  });

  it('runs held-back scripts only once their purpose is granted', async () => {
    const page = globalThis as { analyticsRuns?: number; marketingRuns?: number };
    page.analyticsRuns = 0;
    page.marketingRuns = 0;
    const analytics = Object.assign(document.createElement('script'), { type: 'text/plain', text: 'globalThis.analyticsRuns += 1' });
    analytics.dataset['porttaskPurpose'] = 'analytics';
    const marketing = Object.assign(document.createElement('script'), { type: 'text/plain', text: 'globalThis.marketingRuns += 1' });
    marketing.dataset['porttaskPurpose'] = 'marketing';
    document.body.append(analytics, marketing);
    try {
      const element = await mountBanner();
      await expect(element).to.be.accessible();
      const rejected = nextChange(element, 'decision');
      part(element, 'reject-button')!.click();
      await rejected;
      expect(page.analyticsRuns).to.equal(0, 'not before a grant');
      await element.showPreferences();
      switchFor(element, 'analytics').click();
      const granted = nextChange(element, 'decision');
      part(element, 'save-button')!.click();
      await granted;
      expect(page.analyticsRuns).to.equal(1, 'analytics ran after the grant');
      expect(page.marketingRuns).to.equal(0);
      await element.showPreferences();
      const again = nextChange(element, 'decision');
      part(element, 'save-button')!.click();
      await again;
      expect(page.analyticsRuns).to.equal(1, 'ran once');
    } finally {
      document.querySelectorAll('script[data-porttask-purpose]').forEach((script) => script.remove());
    }
  });

  it('clears the cookies of a purpose when it is withdrawn, and only those', async () => {
    const element = await mountBanner();
    await expect(element).to.be.accessible();
    const accepted = nextChange(element, 'decision');
    part(element, 'accept-button')!.click();
    await accepted;
    document.cookie = '_ga=GA1.1.123; path=/';
    document.cookie = '_ga_XYZ123=GS1.1; path=/';
    document.cookie = 'site_language=da; path=/';
    expect(document.cookie).to.contain('_ga=');
    await element.showPreferences();
    expect(switchFor(element, 'analytics').checked).to.equal(true, 'the dialog shows the decision in force');
    switchFor(element, 'analytics').click();
    const withdrawn = nextChange(element, 'decision');
    part(element, 'save-button')!.click();
    expect((await withdrawn).consent.choices['analytics']).to.equal(false);
    expect(document.cookie).not.to.contain('_ga');
    expect(document.cookie).to.contain('site_language=da');
    document.cookie = 'site_language=; expires=Thu, 01 Jan 1970 00:00:00 GMT; path=/';
  });

});
