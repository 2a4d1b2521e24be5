import { expect, fixture, fixtureCleanup, html } from '@open-wc/testing';
import { setViewport } from '@web/test-runner-commands';
import { createClient, type PortCallImportRow, type WidgetConfig } from '@porttask/sdk';
import '../elements/consent-banner/porttask-consent-banner.ts';
import '../elements/vessel-schedule/porttask-vessel-schedule.ts';
import '../elements/rights-request/porttask-rights-request.ts';
import '../elements/request-status/porttask-request-status.ts';
import type { ConsentBanner } from '../elements/consent-banner/porttask-consent-banner.ts';
import type { VesselSchedule } from '../elements/vessel-schedule/porttask-vessel-schedule.ts';
import type { RightsRequest } from '../elements/rights-request/porttask-rights-request.ts';
import type { RequestStatus } from '../elements/request-status/porttask-request-status.ts';
import { mountLogin, showLoginState } from './login-frame.ts';
import { pinVolatileText } from './pin-volatile-text.ts';
import { bannerTextsLoaded } from './banner-texts-loaded.ts';
import { importPortCalls } from './port-call-commands.ts';
import { codeFromMail, mailCount } from './rights-commands.ts';
import { expectScreenshot, screenshotMatches, type ScreenshotOptions } from './screenshots.ts';
import { testEnvironment } from './test-environment.ts';
import { waitUntil } from './wait-until.ts';

/**
 * Every widget's states, screenshotted in Chromium at a phone's and a desktop's width, in
 * English and German (English also in the dark scheme), and compared with the baselines in test/screenshots/baselines/ (see
 * docs/testing.md): a layout regression fails here. Fixed data (own port, fixed times, fixed
 * addresses), no motion, hidden caret; what the server decides when a request is made (its
 * reference, dates) is replaced with fixed text of the same form, and a countdown is masked.
 */
const { apiUrl, publishableKey } = testEnvironment();
const LOCALES = ['en', 'de'];
const VIEWPORTS = [{ width: 390, height: 844 }, { width: 1280, height: 800 }];
const PORT = 'GRPIR'; // no other test uses it

const $ = <T extends Element = HTMLElement>(element: Element, selector: string) => element.shadowRoot!.querySelector<T>(selector);

/** A valid IMO number (7 digits, check digit over weights 7..2) of our own, unused by other tests. */
function imoNumber(index: number): string {
  const base = String(957_000 + index);
  const sum = [...base].reduce((total, digit, position) => total + Number(digit) * (7 - position), 0);
  return `${base}${sum % 10}`;
}

/** Three calls: one late (with a reason), one early, one arrived. */
function scheduleRows(): PortCallImportRow[] {
  const timestamp = (classifierCode: 'PLN' | 'EST' | 'ACT', dateTime: string, delayReasonCode?: string) =>
    ({ eventTypeCode: 'ARRI' as const, classifierCode, facilityTypeCode: 'PBPL' as const, dateTime, source: 'Piraeus Port Authority', publisherRole: 'TR' as const, ...(delayReasonCode ? { delayReasonCode } : {}) });
  const times = [
    [timestamp('PLN', '2026-11-25T05:00:00Z'), timestamp('EST', '2026-11-25T06:11:00Z', 'WEA')],
    [timestamp('PLN', '2026-11-25T09:00:00Z'), timestamp('EST', '2026-11-25T08:40:00Z')],
    [timestamp('PLN', '2026-11-25T12:00:00Z'), timestamp('ACT', '2026-11-25T12:05:00Z')],
  ];
  return times.map((timestamps, index) => ({
    transportCallReference: `${PORT}-shot-${index}`,
    UNLocationCode: PORT,
    facilitySMDGCode: 'GRPCT',
    berth: `Pier ${index + 1}`,
    vessel: { vesselIMONumber: imoNumber(index), vesselName: ['HÖEGH AUTOLINERS TRAVELLER', 'MSC AURORA', 'BLUE STAR DELOS'][index]! },
    carrierExportVoyageNumber: `${700 + index}E`,
    source: 'Piraeus Port Authority',
    timestamps,
  }));
}

let config: WidgetConfig;
let request: { id: string; token: string };
before(async () => {
  config = await (await fetch(`${apiUrl}/v1/config`, { headers: { 'X-PortTask-Key': publishableKey } })).json();
  await importPortCalls(scheduleRows());
  const visitor = createClient({ apiUrl, publishableKey });
  const email = 'shots.status@example.com';
  const sent = await mailCount();
  const created = await visitor.rightsRequests.create({ type: 'access', email, locale: 'en' });
  await visitor.rightsRequests.verify(created.id, created.requesterToken, await codeFromMail(email, sent));
  request = { id: created.id, token: created.requesterToken };
});
beforeEach(() => localStorage.clear());
afterEach(() => {
  fixtureCleanup();
  globalThis.PortTask = undefined;
  history.replaceState(null, '', location.pathname);
});
after(() => setViewport({ width: 800, height: 600 }));

async function mountBanner(locale: string): Promise<ConsentBanner> {
  globalThis.PortTask = { version: 'test', apiUrl, publishableKey, locale, config: Promise.resolve(config) };
  const banner = await fixture<ConsentBanner>(html`<porttask-consent-banner locale=${locale}></porttask-consent-banner>`);
  await bannerTextsLoaded(banner, locale);
  return banner;
}

for (const viewport of VIEWPORTS) {
  for (const locale of LOCALES) {
    /** The state as it is now, in light; in English also in dark (`<widget>.en.<width>.dark`). */
    const expectShots = async (widget: string, options: ScreenshotOptions = {}) => {
      await expectScreenshot(`${widget}.${locale}.${viewport.width}`, options);
      if (locale === 'en') await expectScreenshot(`${widget}.${locale}.${viewport.width}.dark`, { ...options, colorScheme: 'dark' });
    };
    describe(`screenshots at ${viewport.width} px in ${locale}`, () => {
      beforeEach(() => setViewport(viewport));

      it('consent banner: first layer and preferences dialog', async () => {
        const banner = await mountBanner(locale);
        await expectShots('consent-banner');
        await banner.showPreferences();
        await waitUntil(() => $<HTMLDialogElement>(banner, 'dialog')?.open, 'the dialog');
        await expectShots('consent-preferences-dialog');
      });

      it('vessel schedule: the list and a call\'s details', async () => {
        const element = await fixture<VesselSchedule>(html`<porttask-vessel-schedule api-url=${apiUrl} publishable-key=${publishableKey} port=${PORT} locale=${locale}></porttask-vessel-schedule>`);
        await waitUntil(() => element.shadowRoot!.querySelectorAll('[part~="row"]').length === 3, 'the calls');
        await element.updateComplete;
        await expectShots('vessel-schedule', { selector: 'porttask-vessel-schedule' });
        $(element, '[part~="row"]')!.click();
        await waitUntil(() => $(element, '.timeline'), 'the timeline');
        await element.updateComplete;
        await expectShots('vessel-schedule-details', { selector: 'porttask-vessel-schedule' });
      });

      it('rights request: the form, its errors, the code step and the confirmation', async () => {
        const form = await fixture<RightsRequest>(html`<porttask-rights-request api-url=${apiUrl} publishable-key=${publishableKey} locale=${locale}></porttask-rights-request>`);
        await waitUntil(() => $(form, '[part="form"]')?.getAttribute('lang') === locale, 'the form in its locale');
        await expectShots('rights-request-form', { selector: 'porttask-rights-request' });
        $<HTMLButtonElement>(form, '[part="submit-button"]')!.click();
        await form.updateComplete;
        await expectShots('rights-request-errors', { selector: 'porttask-rights-request' });

        const email = `shots.${locale}.${viewport.width}@example.com`;
        const sent = await mailCount();
        $<HTMLInputElement>(form, 'input[value="access"]')!.click();
        const input = $<HTMLInputElement>(form, '#email')!;
        input.value = email;
        input.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
        $<HTMLButtonElement>(form, '[part="submit-button"]')!.click();
        await waitUntil(() => $(form, '[part="code-step"]'), 'the code step');
        pinVolatileText(form, locale); // the code's expiry time
        // The resend button counts the seconds down.
        await expectShots('rights-request-code', { selector: 'porttask-rights-request', mask: ['porttask-rights-request [part="resend-button"]'] });
        const code = $<HTMLInputElement>(form, '#code')!;
        code.value = await codeFromMail(email, sent);
        code.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
        await form.updateComplete;
        $<HTMLButtonElement>(form, '[part="verify-button"]')!.click();
        await waitUntil(() => !$(form, '[part="code-step"]') && !$(form, '[part="form"]'), 'the confirmation');
        await form.updateComplete;
        pinVolatileText(form, locale); // its reference and due date
        await expectShots('rights-request-confirmation', { selector: 'porttask-rights-request' });
      });

      it('request status', async () => {
        history.replaceState(null, '', `${location.pathname}#request=${request.id}&token=${request.token}`);
        const status = await fixture<RequestStatus>(html`<porttask-request-status api-url=${apiUrl} publishable-key=${publishableKey} locale=${locale}></porttask-request-status>`);
        await waitUntil(() => $(status, '[part="timeline-entry"]') && $(status, '[part="status"]')?.getAttribute('lang') === locale, 'the status in its locale');
        await status.updateComplete;
        pinVolatileText(status, locale); // its reference, and dates that change from day to day
        await expectShots('request-status', { selector: 'porttask-request-status' });
      });

      it('login: sign-in, sign-up and a refused sign-in in its frame', async () => {
        const element = await mountLogin(locale);
        await expectShots('login-sign-in', { selector: 'porttask-login' });
        await showLoginState(element, 'sign-up');
        await expectShots('login-sign-up', { selector: 'porttask-login' });
        await showLoginState(element, 'error', `shots.${locale}.${viewport.width}@example.com`);
        await expectShots('login-error', { selector: 'porttask-login' });
      }).timeout(20_000); // a frame of another origin, loaded up to twice, and a sign-in the server refuses
    });
  }
}

describe('the screenshot comparison', () => {
  it('fails when one style changes (the banner\'s padding)', async () => {
    await setViewport(VIEWPORTS[0]!);
    const banner = await mountBanner('en');
    expect(await screenshotMatches('consent-banner.en.390'), 'unchanged, it matches its baseline').to.equal(true);
    const sheet = new CSSStyleSheet();
    sheet.replaceSync('[part~="banner"] { padding: 2rem !important; }');
    banner.shadowRoot!.adoptedStyleSheets = [...banner.shadowRoot!.adoptedStyleSheets, sheet];
    expect(await screenshotMatches('consent-banner.en.390'), 'with more padding').to.equal(false);
  });
});
