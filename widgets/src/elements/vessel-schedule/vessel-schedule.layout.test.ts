import { expect, fixture, html } from '@open-wc/testing';
import { setViewport } from '@web/test-runner-commands';
import type { PortCallImportRow } from '@porttask/sdk';
import { waitUntil } from '../../testing/wait-until.ts';
import { importPortCalls } from '../../testing/port-call-commands.ts';
import { testEnvironment } from '../../testing/test-environment.ts';
import './porttask-vessel-schedule.ts';
import type { VesselSchedule } from './porttask-vessel-schedule.ts';

const { apiUrl, publishableKey } = testEnvironment();
const PORT = 'ESVLC'; // no other test uses it

/** A valid IMO number (7 digits, check digit over weights 7..2) of our own, unused by other tests. */
function imoNumber(index: number): string {
  const base = String(955_000 + index);
  const sum = [...base].reduce((total, digit, position) => total + Number(digit) * (7 - position), 0);
  return `${base}${sum % 10}`;
}

before(async () => {
  const rows: PortCallImportRow[] = Array.from({ length: 3 }, (_, index) => ({
    transportCallReference: `${PORT}-${index}`,
    UNLocationCode: PORT,
    facilitySMDGCode: 'VLCMSC',
    berth: `Muelle Príncipe Felipe ${index}`,
    vessel: { vesselIMONumber: imoNumber(index), vesselName: `HÖEGH AUTOLINERS TRAVELLER ${index}` },
    carrierExportVoyageNumber: `${500 + index}N`,
    source: 'Valenciaport',
    timestamps: [{ eventTypeCode: 'ARRI', classifierCode: 'EST', facilityTypeCode: 'PBPL', dateTime: new Date(Date.UTC(2026, 10, 25, 6 + index)).toISOString(), source: 'Valenciaport', publisherRole: 'TR' }],
  }));
  await importPortCalls(rows);
});

describe('<porttask-vessel-schedule> layout', () => {
  for (const width of [1280, 390]) {
    it(`reserves its height while loading, so nothing below it moves when the calls arrive (${width} px)`, async () => {
      await setViewport({ width, height: 900 });
      try {
        const element = await fixture<VesselSchedule>(html`<porttask-vessel-schedule api-url=${apiUrl} publishable-key=${publishableKey} port=${PORT}></porttask-vessel-schedule>`);
        const whileLoading = element.getBoundingClientRect().height;
        await waitUntil(() => element.shadowRoot!.querySelectorAll('[part~="row"]').length === 3, 'the calls');
        await element.updateComplete;
        const loaded = element.getBoundingClientRect().height;
        expect(Math.abs(loaded - whileLoading), `loading ${whileLoading}px, loaded ${loaded}px`).to.be.at.most(1);
      } finally {
        await setViewport({ width: 800, height: 600 });
      }
    });
  }
});
