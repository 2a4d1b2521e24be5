import { expect, fixtureCleanup } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { waitUntil } from '../../testing/wait-until.ts';
import { mountBanner, nextChange, part, dialogOf, focused, switchFor, tenantId, resetBetweenTests } from '../../testing/consent-banner-fixtures.ts';

resetBetweenTests();

describe('<porttask-consent-banner>: keyboard and focus', () => {
  it('is keyboard-complete: the dialog takes focus, traps Tab, closes on Escape and gives focus back', async () => {
    const element = await mountBanner();
    await expect(element).to.be.accessible();
    part(element, 'customise-button')!.focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => dialogOf(element)?.open, 'the dialog opened');
    await expect(element).to.be.accessible();
    const dialog = dialogOf(element)!;
    expect(dialog.contains(focused(element))).to.equal(true, 'focus moved into the dialog');
    const focusable = [...dialog.querySelectorAll<HTMLElement>('button, input:not([disabled])')];
    expect(focusable.length).to.be.greaterThan(4);
    // Once round the dialog and a step further: focus never leaves it.
    for (let step = 0; step <= focusable.length; step += 1) {
      await sendKeys({ press: 'Tab' });
      expect(dialog.contains(focused(element))).to.equal(true, `Tab ${step + 1} stayed in the dialog`);
    }
    focusable[0]!.focus();
    await sendKeys({ press: 'Shift+Tab' });
    expect(focused(element)).to.equal(focusable.at(-1));
    await sendKeys({ press: 'Escape' });
    await waitUntil(() => !dialogOf(element)!.open, 'Escape closed the dialog');
    expect(focused(element)).to.equal(part(element, 'customise-button'), 'focus went back to Customise');
    expect(element.getConsent().decided).to.equal(false, 'closing is not a decision');
  });

  it('lets a keyboard user reach the banner, open the preferences and choose purposes one by one; nothing is pre-ticked', async () => {
    const element = await mountBanner();
    await expect(element).to.be.accessible();
    // From the top of the page, Tab only: policy link, Accept all, Reject all, Customise.
    (document.activeElement as HTMLElement | null)?.blur();
    const reached: string[] = [];
    for (let step = 0; step < 4; step += 1) {
      await sendKeys({ press: 'Tab' });
      reached.push(focused(element)?.getAttribute('part') ?? 'outside');
    }
    expect(reached).to.deep.equal(['policy-link', 'button accept-button', 'button reject-button', 'button customise-button']);
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => dialogOf(element)?.open && switchFor(element, 'analytics'), 'the dialog opened');
    expect(switchFor(element, 'necessary').checked && switchFor(element, 'necessary').disabled).to.equal(true);
    for (const purpose of ['functional', 'analytics', 'marketing']) expect(switchFor(element, purpose).checked).to.equal(false, purpose);
    // Close button, then the switches in order (necessary is disabled, so skipped).
    expect(focused(element)?.getAttribute('part')).to.equal('close-button');
    await sendKeys({ press: 'Tab' });
    expect(focused(element)).to.equal(switchFor(element, 'functional'));
    await sendKeys({ press: 'Tab' });
    await sendKeys({ press: 'Space' });
    expect(switchFor(element, 'analytics').checked).to.equal(true);
    for (let step = 0; step < 4; step += 1) await sendKeys({ press: 'Tab' }); // marketing, accept, reject, save
    expect(focused(element)).to.equal(part(element, 'save-button'));
    const decided = nextChange(element, 'decision');
    await sendKeys({ press: 'Enter' });
    const { consent } = await decided;
    expect(consent.choices).to.deep.equal({ necessary: true, functional: false, analytics: true, marketing: false });
    expect(consent.source).to.equal('preferences');
    expect(dialogOf(element)!.open).to.equal(false);
  });

  it('never lets the open banner hide what takes focus on the page (WCAG 2.4.11)', async () => {
    scrollTo(0, 0);
    const spacer = document.createElement('div');
    spacer.style.height = `${innerHeight - 40}px`;
    const below = document.createElement('button');
    below.textContent = 'A button near the bottom of the window';
    const rest = document.createElement('div');
    rest.style.height = `${innerHeight}px`;
    document.body.prepend(spacer, below, rest);
    try {
      const element = await mountBanner();
      const bannerTop = () => part(element, 'banner')!.getBoundingClientRect().top;
      expect(below.getBoundingClientRect().bottom).to.be.greaterThan(bannerTop(), 'the banner covers it at first');
      below.focus();
      expect(below.getBoundingClientRect().bottom).to.be.at.most(bannerTop(), 'scrolled above the banner');
    } finally {
      spacer.remove();
      below.remove();
      rest.remove();
      scrollTo(0, 0);
    }
  });

  it('gives focus back to where the visitor came from once a decision closes the banner', async () => {
    const before = document.createElement('button');
    before.textContent = 'A button of the page';
    document.body.prepend(before);
    try {
      for (const decide of ['first layer', 'dialog'] as const) {
        localStorage.removeItem(`porttask-consent:${tenantId}`);
        const element = await mountBanner();
        before.focus();
        await sendKeys({ press: 'Tab' }); // the banner's policy link
        expect(focused(element)?.getAttribute('part')).to.equal('policy-link');
        const decided = nextChange(element, 'decision');
        if (decide === 'first layer') {
          part(element, 'reject-button')!.focus();
        } else {
          part(element, 'customise-button')!.focus();
          await sendKeys({ press: 'Enter' });
          await waitUntil(() => dialogOf(element)?.open, 'the dialog opened');
          part(element, 'save-button')!.focus();
        }
        await sendKeys({ press: 'Enter' });
        await decided;
        await element.updateComplete;
        expect(document.activeElement === before).to.equal(true, `focus is back on the page after a decision in the ${decide} (it is on ${document.activeElement?.tagName})`);
        fixtureCleanup();
      }
    } finally {
      before.remove();
    }
  });

});
