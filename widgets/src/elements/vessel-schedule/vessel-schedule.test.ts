import { expect, fixture, fixtureCleanup, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { PortCall, PortCallEvent, PortCallListItem } from '@porttask/sdk';
import { testEnvironment } from '../../testing/test-environment.ts';
import './porttask-vessel-schedule.ts';
import type { VesselSchedule } from './porttask-vessel-schedule.ts';
import { toCsv, toICalendar } from './schedule-export.ts';

const { apiUrl, publishableKey } = testEnvironment();

/*
 * The configuration comes from the real API. The test tenant has no port calls, and a test
 * page holds no secret key to create any, so list, detail and stream answers for the data
 * tests are served by a stand-in `fetch` (the real API's list is used by the empty-state test).
 */
const realFetch = globalThis.fetch;
let listed: PortCallListItem[] = [];
let streamController: ReadableStreamDefaultController<Uint8Array> | undefined;
let streamOpened: () => void = () => {};

function installApiStandIn(): void {
  globalThis.fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    if (url.pathname === '/v1/port-calls') {
      const limit = Number(url.searchParams.get('limit') ?? 100);
      const start = Number(url.searchParams.get('cursor') ?? 0);
      const data = listed.slice(start, start + limit);
      const nextCursor = start + limit < listed.length ? String(start + limit) : null;
      return Response.json({ data, nextCursor });
    }
    if (url.pathname === '/v1/port-calls/stream') {
      const body = new ReadableStream<Uint8Array>({
        start: (controller) => {
          streamController = controller;
          controller.enqueue(new TextEncoder().encode('event: ready\ndata: {"sequence":0}\nid: 0\n\n'));
          streamOpened();
        },
      });
      return new Response(body, { headers: { 'Content-Type': 'text/event-stream' } });
    }
    const detail = /^\/v1\/port-calls\/(pc_\w+)$/.exec(url.pathname);
    if (detail) {
      const call = listed.find((candidate) => candidate.id === detail[1]);
      if (!call) return Response.json({ error: { code: 'NOT_FOUND', message: 'The port call was not found.', requestId: 'req_test0000' } }, { status: 404 });
      const full: PortCall = {
        ...call, portName: 'Rotterdam', terminalName: null, portVisitReference: null, carrierServiceCode: null, carrierImportVoyageNumber: null,
        carrierExportVoyageNumber: call.voyage, cargoDescription: null, cargoQuantity: null, cargoUnit: null, agentName: null,
        vessel: { vesselIMONumber: call.vesselIMONumber, vesselName: call.vesselName, MMSINumber: '220417000', vesselCallSign: null, lengthOverall: null, width: null, draft: null },
        planned: { arrival: null, berthing: null, departure: null }, createdAt: call.updatedAt,
        timestamps: [{ id: '1', eventTypeCode: 'ARRI', classifierCode: 'EST', facilityTypeCode: 'PBPL', dateTime: call.arrival!.dateTime, originalUTCOffset: '+01:00', delayReasonCode: 'WEA', remark: 'Fog on the Maas', source: 'ECT', publisherRole: 'TR', receivedAt: call.updatedAt }],
      };
      return Response.json(full);
    }
    return realFetch(input, init);
  };
}

function pushLive(call: PortCallListItem, sequence: number): void {
  const event: PortCallEvent = { sequence, type: 'port_call.updated', occurredAt: new Date().toISOString(), portCall: call };
  streamController!.enqueue(new TextEncoder().encode(`event: port-call\ndata: ${JSON.stringify(event)}\nid: ${sequence}\n\n`));
}

const VESSELS = ['EMMA MAERSK', 'EVER GIVEN', 'MSC OSCAR', 'HMM ALGECIRAS', 'MAERSK MC-KINNEY MOLLER'];
function call(index: number, overrides: Partial<PortCallListItem> = {}): PortCallListItem {
  const arrival = new Date(Date.UTC(2026, 10, 25, 6) + index * 600_000).toISOString().replace('.000Z', 'Z');
  return {
    id: `pc_${String(index).padStart(16, '0')}`,
    transportCallReference: `NLRTM-${index}`,
    vesselName: `${VESSELS[index % VESSELS.length]} ${index}`,
    vesselIMONumber: '9321483',
    voyage: `${400 + (index % 50)}E`,
    UNLocationCode: 'NLRTM',
    timeZone: 'Europe/Amsterdam',
    facilitySMDGCode: 'ECTDE',
    berth: `DDE ${index % 9}`,
    status: index % 7 === 0 ? 'BERTHED' : 'PLANNED',
    arrival: { dateTime: arrival, classifierCode: index % 7 === 0 ? 'ACT' : 'EST' },
    berthing: null,
    departure: { dateTime: new Date(Date.parse(arrival) + 86_400_000).toISOString().replace('.000Z', 'Z'), classifierCode: 'PLN' },
    delayMinutes: index % 5 === 0 ? 45 : null,
    updatedAt: '2026-11-25T05:00:00Z',
    updatedBy: 'ECT',
    version: 1,
    ...overrides,
  };
}

async function mount(calls: PortCallListItem[], attributes: { live?: boolean; tz?: string; locale?: string } = {}): Promise<VesselSchedule> {
  listed = calls;
  const opened = new Promise<void>((resolve) => { streamOpened = resolve; });
  const element = await fixture<VesselSchedule>(html`<porttask-vessel-schedule
    api-url=${apiUrl} publishable-key=${publishableKey} port="NLRTM" tz=${attributes.tz ?? 'port'} locale=${attributes.locale ?? 'en'}
    ?live=${attributes.live ?? false}></porttask-vessel-schedule>`);
  if (attributes.live) await opened;
  await waitUntil(() => element.shadowRoot!.querySelector('[part~="row"]') || element.shadowRoot!.querySelector('[part="empty"]'), 'rows or the empty state', { timeout: 5_000 });
  await element.updateComplete;
  return element;
}

const rows = (element: VesselSchedule) => [...element.shadowRoot!.querySelectorAll<HTMLElement>('[part~="row"]')];
const cellText = (row: HTMLElement, column: string) => row.querySelector(`.cell--${column}`)!.textContent!.replace(/\s+/g, ' ').trim();

describe('<porttask-vessel-schedule>', () => {
  beforeEach(installApiStandIn);
  afterEach(() => {
    fixtureCleanup();
    globalThis.fetch = realFetch;
    streamController = undefined;
  });

  it('shows the empty state for a tenant without port calls (real API)', async () => {
    globalThis.fetch = realFetch;
    const element = await fixture<VesselSchedule>(html`<porttask-vessel-schedule api-url=${apiUrl} publishable-key=${publishableKey} port="NLRTM"></porttask-vessel-schedule>`);
    await waitUntil(() => element.shadowRoot!.querySelector('[part="empty"]'), 'the empty state', { timeout: 5_000 });
    await expect(element).to.be.accessible();
    expect(element.shadowRoot!.querySelector('[part="empty"]')!.textContent).to.contain('No port calls match these filters.');
  });

  it('shows vessel, voyage, berth, status, times with their zone and classifier badge, and delay', async () => {
    const element = await mount([call(0), call(1)]);
    await expect(element).to.be.accessible();
    const [first] = rows(element);
    expect(first!.querySelector('.cell--vessel strong')!.textContent).to.equal('EMMA MAERSK 0');
    expect(first!.querySelector('.cell--vessel small')!.textContent).to.equal('IMO 9321483');
    expect(cellText(first!, 'berth')).to.equal('ECTDE / DDE 0');
    expect(cellText(first!, 'status')).to.equal('Berthed');
    expect(cellText(first!, 'arrival')).to.equal('Nov 25, 07:00 GMT+1 ACT');
    expect(cellText(first!, 'delay')).to.equal('45 min late');
    expect(first!.querySelector('[part="badge"]')!.getAttribute('title')).to.equal('Actual');
  });

  it('shows each time in the zone in force that day, across DST, in port time, UTC or the viewer\'s', async () => {
    const summer = call(0, { arrival: { dateTime: '2026-07-01T06:00:00Z', classifierCode: 'PLN' } });
    const winter = call(1, { arrival: { dateTime: '2026-12-01T06:00:00Z', classifierCode: 'PLN' } });
    const element = await mount([summer, winter]);
    expect(rows(element).map((row) => cellText(row, 'arrival'))).to.deep.equal(['Jul 1, 08:00 GMT+2 PLN', 'Dec 1, 07:00 GMT+1 PLN']);
    element.zoneMode = 'utc';
    await element.updateComplete;
    expect(rows(element).map((row) => cellText(row, 'arrival'))).to.deep.equal(['Jul 1, 06:00 UTC PLN', 'Dec 1, 06:00 UTC PLN']);
  });

  it('keeps only a window of 10,000 rows in the DOM and scrolls to the last one', async () => {
    const calls = Array.from({ length: 10_000 }, (_, index) => call(index));
    const element = await mount(calls);
    await waitUntil(() => element.visibleCalls.length === 10_000, 'all pages loaded', { timeout: 10_000 });
    await element.updateComplete;
    const table = element.shadowRoot!.querySelector<HTMLElement>('[part="table"]')!;
    expect(table.getAttribute('aria-rowcount')).to.equal('10001');
    expect(rows(element).length).to.be.below(60);
    table.scrollTop = table.scrollHeight;
    await waitUntil(() => rows(element).some((row) => row.getAttribute('aria-rowindex') === '10001'), 'the last row is rendered');
    expect(rows(element).length).to.be.below(60);
    await expect(element).to.be.accessible();
  });

  it('is keyboard-complete: arrows, Home/End, Enter opens the timeline, Escape returns to the row', async () => {
    const element = await mount(Array.from({ length: 200 }, (_, index) => call(index)));
    rows(element)[0]!.focus();
    await sendKeys({ press: 'ArrowDown' });
    await element.updateComplete;
    expect(element.shadowRoot!.activeElement!.getAttribute('aria-rowindex')).to.equal('3');
    await sendKeys({ press: 'End' });
    await waitUntil(() => element.shadowRoot!.activeElement?.getAttribute('aria-rowindex') === '201', 'focus on the last row');
    await sendKeys({ press: 'Home' });
    await waitUntil(() => element.shadowRoot!.activeElement?.getAttribute('aria-rowindex') === '2', 'focus on the first row');
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => element.shadowRoot!.querySelector('dialog')?.open && element.shadowRoot!.querySelector('.timeline'), 'the detail dialog with the timeline');
    const dialog = element.shadowRoot!.querySelector('dialog')!;
    expect(dialog.textContent).to.contain('Arrival (pilot boarding place)');
    expect(dialog.textContent).to.contain('Delay reason WEA');
    expect(dialog.textContent).to.contain('MMSI 220417000');
    await expect(element).to.be.accessible();
    await sendKeys({ press: 'Escape' });
    await waitUntil(() => !element.shadowRoot!.querySelector('dialog'), 'the dialog closed');
    await element.updateComplete;
    expect(element.shadowRoot!.activeElement!.getAttribute('aria-rowindex')).to.equal('2');
  });

  it('opens the details on a click, and says so when they cannot be loaded', async () => {
    const element = await mount([call(0), call(1)]);
    rows(element)[1]!.click();
    await waitUntil(() => element.shadowRoot!.querySelector('.timeline'), 'the timeline');
    expect(element.shadowRoot!.querySelector('#detail-title')!.textContent).to.equal('EVER GIVEN 1');
    element.shadowRoot!.querySelector('dialog')!.close();
    await waitUntil(() => !element.shadowRoot!.querySelector('dialog'), 'closed');
    listed = [call(0)]; // the second call is gone from the API
    rows(element)[1]!.click();
    await waitUntil(() => element.shadowRoot!.querySelector('dialog [role="alert"]'), 'an error in the dialog');
    expect(element.shadowRoot!.querySelector('dialog [role="alert"]')!.textContent).to.equal('Something went wrong on our side. Please try again in a moment.');
    await expect(element).to.be.accessible();
  });

  it('filters by status and search, and sorts by a column', async () => {
    const element = await mount(Array.from({ length: 30 }, (_, index) => call(index)));
    const select = element.shadowRoot!.querySelectorAll('select')[0]!;
    select.value = 'BERTHED';
    select.dispatchEvent(new Event('change'));
    await element.updateComplete;
    expect(element.visibleCalls.map((visible) => visible.status)).to.deep.equal(['BERTHED', 'BERTHED', 'BERTHED', 'BERTHED', 'BERTHED']);
    select.value = '';
    select.dispatchEvent(new Event('change'));
    const search = element.shadowRoot!.querySelector<HTMLInputElement>('[part="search"]')!;
    search.value = 'oscar';
    search.dispatchEvent(new Event('input'));
    await element.updateComplete;
    expect(element.visibleCalls.map((visible) => visible.vesselName)).to.deep.equal(['MSC OSCAR 2', 'MSC OSCAR 7', 'MSC OSCAR 12', 'MSC OSCAR 17', 'MSC OSCAR 22', 'MSC OSCAR 27']);
    const arrivalHeader = [...element.shadowRoot!.querySelectorAll<HTMLElement>('[role="columnheader"]')].find((header) => header.textContent!.includes('Arrival'))!;
    arrivalHeader.querySelector('button')!.click();
    await element.updateComplete;
    expect(arrivalHeader.getAttribute('aria-sort')).to.equal('descending');
    expect(element.visibleCalls[0]!.vesselName).to.equal('MSC OSCAR 27');
  });

  it('applies live changes with a newer version, flashes the row, and ignores stale ones', async () => {
    const element = await mount([call(0), call(1)], { live: true });
    expect(element.shadowRoot!.querySelector('[part="live-status"]')!.textContent).to.equal('Live');
    pushLive(call(1, { status: 'BERTHED', version: 2, arrival: { dateTime: '2026-11-25T06:20:00Z', classifierCode: 'ACT' } }), 5);
    await waitUntil(() => element.visibleCalls[1]?.version === 2, 'the change arrived');
    await element.updateComplete;
    const changed = rows(element).find((row) => row.dataset['id'] === call(1).id)!;
    expect(changed.classList.contains('row--flash')).to.equal(true);
    expect(cellText(changed, 'status')).to.equal('Berthed');
    pushLive(call(1, { status: 'PLANNED', version: 1 }), 6);
    pushLive(call(2), 7);
    await waitUntil(() => element.visibleCalls.length === 3, 'a new call arrived');
    expect(element.visibleCalls.find((visible) => visible.id === call(1).id)!.status).to.equal('BERTHED', 'the stale event was ignored');
  });

  it('is readable on a phone: the key columns only, no sideways scrolling', async () => {
    const element = await mount([call(0), call(1)]);
    element.style.width = '360px';
    await new Promise((resolve) => requestAnimationFrame(resolve));
    const [first] = rows(element);
    const visible = [...first!.querySelectorAll<HTMLElement>('[role="cell"]')].filter((cell) => getComputedStyle(cell).display !== 'none');
    expect(visible.map((cell) => cell.className.replace('cell cell--', ''))).to.deep.equal(['vessel', 'status', 'arrival']);
    const table = element.shadowRoot!.querySelector<HTMLElement>('[part="table"]')!;
    expect(table.scrollWidth).to.be.at.most(table.clientWidth + 1);
    await expect(element).to.be.accessible();
  });

  it('speaks German when asked', async () => {
    const element = await mount([call(0)], { locale: 'de' });
    await waitUntil(() => element.shadowRoot!.textContent!.includes('Ankunft'), 'the German catalog');
    await expect(element).to.be.accessible();
    expect(cellText(rows(element)[0]!, 'status')).to.equal('Am Liegeplatz');
  });
});

describe('schedule exports', () => {
  it('writes CSV that spreadsheets cannot run as formulas', () => {
    const csv = toCsv([call(0, { vesselName: '=HYPERLINK("x")', updatedBy: 'Agent, Ltd.' })]);
    const [header, line] = csv.split('\r\n');
    expect(header!.startsWith('transportCallReference,vesselName,vesselIMONumber')).to.equal(true);
    expect(line).to.contain(`"'=HYPERLINK(""x"")"`);
    expect(line).to.contain('"Agent, Ltd."');
  });

  it('writes iCalendar events from arrival to departure in UTC', () => {
    const ics = toICalendar([call(3)], new Date('2026-11-25T00:00:00Z'));
    expect(ics).to.contain('BEGIN:VEVENT\r\nUID:pc_0000000000000003@porttask');
    expect(ics).to.contain('DTSTART:20261125T063000Z\r\nDTEND:20261126T063000Z');
    expect(ics).to.contain('SUMMARY:HMM ALGECIRAS 3 (PLANNED)');
    expect(ics.endsWith('END:VCALENDAR\r\n')).to.equal(true);
  });
});
