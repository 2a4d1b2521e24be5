import { expect, fixture, fixtureCleanup, html } from '@open-wc/testing';
import { setViewport } from '@web/test-runner-commands';
import type { WidgetConfig } from '@porttask/sdk';
import { waitUntil } from './wait-until.ts';
import { testEnvironment } from './test-environment.ts';
import { importPortCalls } from './port-call-commands.ts';
import '../elements/consent-banner/porttask-consent-banner.ts';
import '../elements/consent-preferences/porttask-consent-preferences.ts';
import '../elements/vessel-schedule/porttask-vessel-schedule.ts';
import type { ConsentBanner } from '../elements/consent-banner/porttask-consent-banner.ts';
import type { VesselSchedule } from '../elements/vessel-schedule/porttask-vessel-schedule.ts';
import '../elements/rights-request/porttask-rights-request.ts';
import '../elements/request-status/porttask-request-status.ts';
import type { RightsRequest } from '../elements/rights-request/porttask-rights-request.ts';
import type { RequestStatus } from '../elements/request-status/porttask-request-status.ts';
import { createClient } from '@porttask/sdk';
import { codeFromMail, mailCount } from './rights-commands.ts';
import { coreCatalogs } from '../core/locales/index.ts';
import { scheduleCatalogs } from '../elements/vessel-schedule/locales/index.ts';
import { elementRegistry } from '../loader/registry.ts';
import { clippedText } from './clipped-text.ts';
import { bannerTextsLoaded } from './banner-texts-loaded.ts';
import { loginFrameUrl, mountLogin, showLoginState, type LoginFrameState } from './login-frame.ts';
import { evaluateInFrame } from './screenshots.ts';

/**
 * No text is cut off in any widget at phone widths, in any shipped language: an element whose
 * content is wider than its box (scrollWidth > clientWidth) must either end in an ellipsis
 * (with the full text on hover/focus) or be a scroll container the visitor can scroll.
 */
const { apiUrl, publishableKey } = testEnvironment();
/** Every locale we ship a catalog for (a new one is covered without touching this test). */
const LOCALES = [...new Set(['en', ...Object.keys(coreCatalogs.lazy), ...Object.keys(scheduleCatalogs.lazy)])];
/** The elements this test renders; every element the loader can load must be among them. */
const COVERED_ELEMENTS = ['porttask-consent-banner', 'porttask-consent-preferences', 'porttask-vessel-schedule', 'porttask-rights-request', 'porttask-request-status', 'porttask-login'];
/** Known gaps, each with its reason (the check below fails on any element in neither list). */
const NOT_YET_COVERED: Record<string, string> = {};
const WIDTHS = [320, 390];
const PORT = 'PTSIE'; // no other test uses it

let config: WidgetConfig;
before(async () => {
  config = await (await fetch(`${apiUrl}/v1/config`, { headers: { 'X-PortTask-Key': publishableKey } })).json();
  await importPortCalls([0, 1].map((index) => ({
    transportCallReference: `${PORT}-clip-${index}`,
    UNLocationCode: PORT,
    facilitySMDGCode: 'SIETML',
    berth: `Terminal Multiusos ${index}`,
    vessel: { vesselIMONumber: ['9560003', '9560015'][index]!, vesselName: `HÖEGH AUTOLINERS TRAVELLER NUMBER ${index}` },
    carrierExportVoyageNumber: `${600 + index}N`,
    source: 'APS Sines',
    timestamps: [
      { eventTypeCode: 'ARRI', classifierCode: 'PLN', facilityTypeCode: 'PBPL', dateTime: '2026-11-25T05:00:00Z', source: 'APS Sines', publisherRole: 'TR' },
      { eventTypeCode: 'ARRI', classifierCode: 'EST', facilityTypeCode: 'PBPL', dateTime: '2026-11-25T06:11:00Z', delayReasonCode: 'WEA', source: 'APS Sines', publisherRole: 'TR' },
    ],
  })));
});
afterEach(() => {
  fixtureCleanup();
  globalThis.PortTask = undefined;
});
after(() => setViewport({ width: 800, height: 600 }));

describe('the clipped-text check', () => {
  it('covers every element the loader can load, in every shipped locale', () => {
    expect(Object.keys(elementRegistry).filter((tag) => !COVERED_ELEMENTS.includes(tag) && !(tag in NOT_YET_COVERED)), 'elements without a clipped-text test').to.deep.equal([]);
    expect(LOCALES).to.include.members(['en', 'da', 'de', 'hi']);
  });

  it('finds text cut off without an ellipsis, and accepts an ellipsis or a scroll container', async () => {
    const host = await fixture<HTMLElement>(html`<div></div>`);
    const root = host.attachShadow({ mode: 'open' });
    // The test page's CSP allows constructable stylesheets only, as partner pages do.
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(`span { display: block; width: 120px; white-space: nowrap; overflow: hidden; }
      .ellipsis { text-overflow: ellipsis; } .scrolls { overflow-x: auto; }`);
    root.adoptedStyleSheets = [sheet];
    root.innerHTML = `<span id="clipped">Terminal / Liegeplatz</span><span class="ellipsis">Terminal / Liegeplatz</span>
      <span class="scrolls">Terminal / Liegeplatz</span><span>OK</span>`;
    const found = clippedText(root);
    expect(found).to.have.length(1);
    expect(found[0]).to.contain('Terminal / Liegeplatz');
    root.getElementById('clipped')!.style.whiteSpace = 'normal';
    expect(clippedText(root), 'wrapped text is not clipped').to.deep.equal([]);
  });
});

describe('no clipped text at 320 and 390 px in any locale', () => {
  for (const width of WIDTHS) {
    for (const locale of LOCALES) {
      it(`consent banner, its preferences dialog and the preferences control (${width} px, ${locale})`, async () => {
        await setViewport({ width, height: 800 });
        globalThis.PortTask = { version: 'test', apiUrl, publishableKey, locale, config: Promise.resolve(config) };
        const container = await fixture<HTMLElement>(html`<div>
          <porttask-consent-banner locale=${locale}></porttask-consent-banner>
          <porttask-consent-preferences locale=${locale}></porttask-consent-preferences></div>`);
        const banner = container.querySelector<ConsentBanner>('porttask-consent-banner')!;
        await bannerTextsLoaded(banner, locale);
        expect(clippedText(container.querySelector('porttask-consent-preferences')!.shadowRoot!)).to.deep.equal([]);
        expect(clippedText(banner.shadowRoot!), 'first layer').to.deep.equal([]);
        await banner.showPreferences();
        await waitUntil(() => banner.shadowRoot!.querySelector('dialog')?.open, 'the dialog');
        expect(clippedText(banner.shadowRoot!), 'preferences dialog').to.deep.equal([]);
      });

      it(`vessel schedule and its details (${width} px, ${locale})`, async () => {
        await setViewport({ width, height: 800 });
        const element = await fixture<VesselSchedule>(html`<porttask-vessel-schedule api-url=${apiUrl} publishable-key=${publishableKey} port=${PORT} locale=${locale}></porttask-vessel-schedule>`);
        await waitUntil(() => element.shadowRoot!.querySelectorAll('[part~="row"]').length === 2, 'the calls');
        await element.updateComplete;
        expect(clippedText(element.shadowRoot!), 'table').to.deep.equal([]);
        element.shadowRoot!.querySelector<HTMLElement>('[part~="row"]')!.click();
        await waitUntil(() => element.shadowRoot!.querySelector('.timeline'), 'the timeline');
        expect(clippedText(element.shadowRoot!), 'details').to.deep.equal([]);
      });
    }
  }
});

describe('no clipped text in the rights widgets at 320 and 390 px in any locale', () => {
  const visitor = createClient({ apiUrl, publishableKey });
  let request: { id: string; token: string };
  before(async () => {
    const email = `clip.${Date.now().toString(36)}@example.com`;
    const sent = await mailCount();
    const created = await visitor.rightsRequests.create({ type: 'objection_to_automated_decision', email, locale: 'en' });
    await visitor.rightsRequests.verify(created.id, created.requesterToken, await codeFromMail(email, sent));
    request = { id: created.id, token: created.requesterToken };
  });

  for (const width of WIDTHS) {
    for (const locale of LOCALES) {
      it(`rights request form and code step, request status (${width} px, ${locale})`, async () => {
        await setViewport({ width, height: 800 });
        const form = await fixture<RightsRequest>(html`<porttask-rights-request api-url=${apiUrl} publishable-key=${publishableKey} locale=${locale}></porttask-rights-request>`);
        await waitUntil(() => form.shadowRoot!.querySelector('[part="form"]')?.getAttribute('lang') === locale, 'the form in its locale');
        form.shadowRoot!.querySelector<HTMLButtonElement>('[part="submit-button"]')!.click(); // with every field's error showing
        await form.updateComplete;
        expect(clippedText(form.shadowRoot!), 'form').to.deep.equal([]);
        fixtureCleanup();
        history.replaceState(null, '', `${location.pathname}#request=${request.id}&token=${request.token}`);
        const status = await fixture<RequestStatus>(html`<porttask-request-status api-url=${apiUrl} publishable-key=${publishableKey} locale=${locale}></porttask-request-status>`);
        await waitUntil(() => status.shadowRoot!.querySelector('[part="timeline-entry"]') && status.shadowRoot!.querySelector('[part="status"]')?.getAttribute('lang') === locale, 'the status in its locale');
        status.shadowRoot!.querySelector<HTMLButtonElement>('[part="withdraw-button"]')!.click();
        await status.updateComplete;
        expect(clippedText(status.shadowRoot!), 'status').to.deep.equal([]);
        history.replaceState(null, '', location.pathname);
      });
    }
  }
});

describe('no clipped text in the login element and its frame at 320 and 390 px in any locale', () => {
  // The frame is of the API's origin: the check runs inside it (see login-frame.ts).
  const states: LoginFrameState[] = ['sign-in', 'sign-up', 'error'];
  for (const width of WIDTHS) {
    for (const locale of LOCALES) {
      it(`login frame: sign-in, sign-up and a refused sign-in (${width} px, ${locale})`, async () => {
        await setViewport({ width, height: 800 });
        const element = await mountLogin(locale);
        expect(await evaluateInFrame(loginFrameUrl(element), () => document.documentElement.lang), 'the frame in its locale').to.equal(locale);
        expect(clippedText(element.shadowRoot!), 'element').to.deep.equal([]);
        // The check sees into the frame: a line cut off there on purpose is found.
        await evaluateInFrame(loginFrameUrl(element), () => {
          const line = Object.assign(document.createElement('p'), { id: 'cut-on-purpose', textContent: 'Terminal / Liegeplatz' });
          Object.assign(line.style, { width: '40px', whiteSpace: 'nowrap', overflow: 'hidden' });
          document.querySelector('main')!.append(line);
        });
        expect(await evaluateInFrame(loginFrameUrl(element), clippedText), 'a line cut off on purpose').to.have.length(1);
        await evaluateInFrame(loginFrameUrl(element), () => document.getElementById('cut-on-purpose')!.remove());
        for (const state of states) {
          await showLoginState(element, state, `clip.${width}.${locale}@example.com`);
          expect(await evaluateInFrame(loginFrameUrl(element), clippedText), state).to.deep.equal([]);
        }
        if (locale === 'en') expect(await evaluateInFrame(loginFrameUrl(element), () => document.getElementById('sign-in-error')!.textContent), 'the error shows').to.match(/not right/);
      }).timeout(20_000); // a frame of another origin, loaded up to twice, and a sign-in the server refuses
    }
  }
});
