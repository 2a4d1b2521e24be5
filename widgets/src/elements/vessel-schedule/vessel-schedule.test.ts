import { expect, fixture, fixtureCleanup, html } from '@open-wc/testing';
import { waitUntil } from '../../testing/wait-until.ts';
import { sendKeys } from '@web/test-runner-commands';
import { createClient, type PortCallImportRow, type PortCallInput, type PortCallListItem, type TimestampInput } from '@porttask/sdk';
import { endLiveStreams, importPortCalls, pruneOutbox, removePortCall, upsertPortCall } from '../../testing/port-call-commands.ts';
import { testEnvironment } from '../../testing/test-environment.ts';
import './porttask-vessel-schedule.ts';
import type { VesselSchedule } from './porttask-vessel-schedule.ts';
import { toCsv, toICalendar } from './schedule-export.ts';
import { ScheduleRows } from './schedule-rows.ts';

const { apiUrl, publishableKey } = testEnvironment();

/*
 * Every test reads list, detail and live stream from the real API. Port calls are written
 * through it with the secret key, server side (testing/port-call-commands.ts). All tests
 * share one tenant and database, so each test keeps to its own port (and so its own
 * references and IMO numbers) and shows the widget for that port only. NLRTM stays empty.
 */
const PORTS = {
  cells: 'DEHAM', dst: 'DEBRV', keyboard: 'BEANR', detail: 'NLAMS', filter: 'DKAAR', live: 'DKCPH',
  phone: 'SEGOT', german: 'PLGDN', csv: 'FRLEH', ical: 'ESALG', scroll: 'NLRTM', burst: 'GBFXT', reset: 'GBSOU',
} as const;
const PORT_NUMBER = new Map<string, number>(Object.values(PORTS).map((port, index) => [port, index + 1]));

const VESSELS = ['EMMA MAERSK', 'EVER GIVEN', 'MSC OSCAR', 'HMM ALGECIRAS', 'MAERSK MC-KINNEY MOLLER'];

/** A valid IMO number (check digit) of its own for call `index` at `port`: vessel names are per IMO, tenant-wide. */
function imoFor(port: string, index: number): string {
  const base = String(900_000 + PORT_NUMBER.get(port)! * 1_000 + index);
  const sum = [...base].reduce((total, digit, position) => total + Number(digit) * (7 - position), 0);
  return `${base}${sum % 10}`;
}

const iso = (epochMs: number) => new Date(epochMs).toISOString().replace('.000Z', 'Z');
const arrivalOf = (index: number) => Date.UTC(2026, 10, 25, 6) + index * 600_000;

/**
 * Call `index` at `port`, as a partner sends it: arrival every 10 minutes from 06:00 UTC on
 * 25 November (every 7th actual and berthed, the others estimated, with a delay reason),
 * departure planned a day later, and every 5th planned 45 minutes earlier (so 45 min late).
 */
function callRow(port: string, index: number, overrides: Partial<PortCallInput> = {}): PortCallImportRow {
  const arrival = arrivalOf(index);
  const actual = index % 7 === 0;
  const timestamps: TimestampInput[] = [
    ...(index % 5 === 0 ? [{ eventTypeCode: 'ARRI', classifierCode: 'PLN', facilityTypeCode: 'PBPL', dateTime: iso(arrival - 45 * 60_000), source: 'Carrier schedule', publisherRole: 'CA' } as const] : []),
    { eventTypeCode: 'ARRI', classifierCode: actual ? 'ACT' : 'EST', facilityTypeCode: 'PBPL', dateTime: iso(arrival), delayReasonCode: 'WEA', remark: 'Fog on the Maas', source: 'ECT', publisherRole: 'TR' },
    { eventTypeCode: 'DEPA', classifierCode: 'PLN', facilityTypeCode: 'BRTH', dateTime: iso(arrival + 86_400_000), source: 'ECT', publisherRole: 'TR' },
  ];
  return {
    transportCallReference: `${port}-${index}`,
    UNLocationCode: port,
    facilitySMDGCode: 'ECTDE',
    berth: `DDE ${index % 9}`,
    vessel: { vesselIMONumber: imoFor(port, index), vesselName: `${VESSELS[index % VESSELS.length]} ${index}`, MMSINumber: '220417000' },
    carrierExportVoyageNumber: `${400 + (index % 50)}E`,
    ...(actual ? { status: 'BERTHED' as const } : {}),
    source: 'ECT',
    timestamps,
    ...overrides,
  };
}

/** Calls `0 … count-1` at `port` (or these rows), written through the real API's import; their ids in order. */
async function ingest(port: string, rows: number | PortCallImportRow[]): Promise<string[]> {
  const list = typeof rows === 'number' ? Array.from({ length: rows }, (_, index) => callRow(port, index)) : rows;
  const { applied, ids } = await importPortCalls(list);
  expect(applied).to.equal(list.length);
  return ids;
}

/** The upsert input of an import row (the reference goes into the path). */
function inputOf(row: PortCallImportRow): [string, PortCallInput] {
  const { transportCallReference, ...input } = row;
  return [transportCallReference, input];
}

async function mount(port: string, attributes: { live?: boolean; tz?: string; locale?: string } = {}): Promise<VesselSchedule> {
  const element = await fixture<VesselSchedule>(html`<porttask-vessel-schedule
    api-url=${apiUrl} publishable-key=${publishableKey} port=${port} tz=${attributes.tz ?? 'port'} locale=${attributes.locale ?? 'en'}
    ?live=${attributes.live ?? false}></porttask-vessel-schedule>`);
  await waitUntil(() => element.shadowRoot!.querySelector('[part~="row"]') || element.shadowRoot!.querySelector('[part="empty"]'), 'rows or the empty state');
  await element.updateComplete;
  return element;
}

const rows = (element: VesselSchedule) => [...element.shadowRoot!.querySelectorAll<HTMLElement>('[part~="row"]')];
const cellText = (row: HTMLElement, column: string) => row.querySelector(`.cell--${column}`)!.textContent!.replace(/\s+/g, ' ').trim();

/** The list items of `port` as the real API lists them (what the exports get from the widget). */
async function listed(port: string): Promise<PortCallListItem[]> {
  return (await createClient({ apiUrl, publishableKey }).portCalls.list({ port })).data;
}

describe('<porttask-vessel-schedule>', () => {
  afterEach(() => {
    fixtureCleanup();
  });

  it('shows the empty state for a tenant without port calls (real API)', async () => {
    const element = await fixture<VesselSchedule>(html`<porttask-vessel-schedule api-url=${apiUrl} publishable-key=${publishableKey} port="NLRTM"></porttask-vessel-schedule>`);
    await waitUntil(() => element.shadowRoot!.querySelector('[part="empty"]'), 'the empty state');
    await expect(element).to.be.accessible();
    expect(element.shadowRoot!.querySelector('[part="empty"]')!.textContent).to.contain('No port calls match these filters.');
  });

  it('shows vessel, voyage, berth, status, times with their zone and classifier badge, and delay', async () => {
    const port = PORTS.cells;
    await ingest(port, [callRow(port, 0, { vessel: { vesselIMONumber: '9321483', vesselName: 'EMMA MAERSK 0', MMSINumber: '220417000' } }), callRow(port, 1)]);
    const element = await mount(port);
    await expect(element).to.be.accessible();
    expect(rows(element)).to.have.length(2);
    const [first] = rows(element);
    expect(first!.querySelector('.cell--vessel strong')!.textContent).to.equal('EMMA MAERSK 0');
    expect(first!.querySelector('.cell--vessel small')!.textContent).to.equal('IMO 9321483');
    expect(cellText(first!, 'voyage')).to.equal('400E');
    expect(cellText(first!, 'berth')).to.equal('ECTDE / DDE 0');
    expect(cellText(first!, 'status')).to.equal('Berthed');
    expect(cellText(first!, 'arrival')).to.equal('Nov 25, 07:00 GMT+1 ACT');
    expect(cellText(first!, 'delay')).to.equal('45 min late');
    expect(first!.querySelector('[part="badge"]')!.getAttribute('title')).to.equal('Actual');
  });

  it('shows each time in the zone in force that day, across DST, in port time, UTC or the viewer\'s', async () => {
    const port = PORTS.dst;
    const planned = (dateTime: string): TimestampInput[] => [{ eventTypeCode: 'ARRI', classifierCode: 'PLN', facilityTypeCode: 'PBPL', dateTime }];
    await ingest(port, [
      callRow(port, 0, { timestamps: planned('2026-07-01T08:00:00+02:00') }),
      callRow(port, 1, { timestamps: planned('2026-12-01T07:00:00+01:00') }),
    ]);
    const element = await mount(port);
    expect(rows(element).map((row) => cellText(row, 'arrival'))).to.deep.equal(['Jul 1, 08:00 GMT+2 PLN', 'Dec 1, 07:00 GMT+1 PLN']);
    element.zoneMode = 'utc';
    await element.updateComplete;
    expect(rows(element).map((row) => cellText(row, 'arrival'))).to.deep.equal(['Jul 1, 06:00 UTC PLN', 'Dec 1, 06:00 UTC PLN']);
  });

  it('keeps only a window of 10,000 rows in the DOM and scrolls to the last one', async () => {
    // 10,000 real calls through the import route (two requests of 5,000, ~2 s each), 300 vessels.
    const port = PORTS.scroll;
    await ingest(port, Array.from({ length: 10_000 }, (_, index) => callRow(port, index, {
      vessel: { vesselIMONumber: imoFor(port, index % 300), vesselName: `${VESSELS[index % VESSELS.length]} ${index % 300}` },
    })));
    const element = await mount(port);
    await waitUntil(() => element.visibleCalls.length === 10_000, 'all pages loaded', { timeout: 15_000 });
    await element.updateComplete;
    const table = element.shadowRoot!.querySelector<HTMLElement>('[part="table"]')!;
    expect(table.getAttribute('aria-rowcount')).to.equal('10001');
    expect(rows(element).length).to.be.below(60);
    table.scrollTop = table.scrollHeight;
    await waitUntil(() => rows(element).some((row) => row.getAttribute('aria-rowindex') === '10001'), 'the last row is rendered');
    expect(rows(element).length).to.be.below(60);
    const last = rows(element).find((row) => row.getAttribute('aria-rowindex') === '10001')!;
    expect(cellText(last, 'vessel')).to.contain(`${VESSELS[9_999 % VESSELS.length]} ${9_999 % 300}`);
    await expect(element).to.be.accessible();
  }).timeout(40_000);

  it('is keyboard-complete: arrows, Home/End, Enter opens the timeline, Escape returns to the row', async () => {
    const port = PORTS.keyboard;
    await ingest(port, 200);
    const element = await mount(port);
    await waitUntil(() => element.visibleCalls.length === 200, 'all 200 calls');
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
    const port = PORTS.detail;
    const [, secondId] = await ingest(port, 2);
    const element = await mount(port);
    rows(element)[1]!.click();
    await waitUntil(() => element.shadowRoot!.querySelector('.timeline'), 'the timeline');
    expect(element.shadowRoot!.querySelector('#detail-title')!.textContent).to.equal('EVER GIVEN 1');
    const closeButton = element.shadowRoot!.querySelector<HTMLElement>('dialog [part="close-button"]')!;
    expect(closeButton.getAttribute('aria-label')).to.equal('Close');
    closeButton.click();
    await waitUntil(() => !element.shadowRoot!.querySelector('dialog'), 'closed by its close button');
    rows(element)[0]!.click();
    await waitUntil(() => element.shadowRoot!.querySelectorAll('.timeline__item').length > 1, 'a timeline of several timestamps');
    // In time order, whatever the kind: the planned arrival before the actual one before the planned departure.
    const items = [...element.shadowRoot!.querySelectorAll('.timeline__item')].map((item) => item.className);
    expect(items).to.deep.equal(['timeline__item timeline__item--pln', 'timeline__item timeline__item--act', 'timeline__item timeline__item--pln']);
    element.shadowRoot!.querySelector('dialog')!.close();
    await waitUntil(() => !element.shadowRoot!.querySelector('dialog'), 'closed');
    await removePortCall(secondId!); // the second call is gone from the API: its detail answers 404
    rows(element)[1]!.click();
    await waitUntil(() => element.shadowRoot!.querySelector('dialog [role="alert"]'), 'an error in the dialog');
    expect(element.shadowRoot!.querySelector('dialog [role="alert"]')!.textContent).to.equal('Something went wrong on our side. Please try again in a moment.');
    await expect(element).to.be.accessible();
  });

  it('filters by status and search, and sorts by a column', async () => {
    const port = PORTS.filter;
    await ingest(port, 30);
    const element = await mount(port);
    await waitUntil(() => element.visibleCalls.length === 30, 'all 30 calls');
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

  it('takes a burst of live changes (a partner\'s import) in order, every call once', async () => {
    const port = PORTS.burst;
    await ingest(port, 3);
    const element = await mount(port, { live: true });
    await waitUntil(() => element.shadowRoot!.querySelector('[part="live-status"]')?.classList.contains('live--open'), 'the stream is open');
    // Imported in reverse arrival order: the widget must still list them by arrival.
    await ingest(port, Array.from({ length: 400 }, (_, offset) => callRow(port, 402 - offset)));
    await waitUntil(() => element.visibleCalls.length === 403, 'all 400 new calls arrived live', { timeout: 10_000 });
    const arrivals = element.visibleCalls.map((call) => Date.parse(call.arrival!.dateTime));
    expect(arrivals).to.deep.equal([...arrivals].sort((a, b) => a - b));
    expect(new Set(element.visibleCalls.map((call) => call.id)).size).to.equal(403);
  });

  it('reloads its list when the live stream cannot resume (the events it missed were deleted by retention)', async () => {
    const port = PORTS.reset;
    await ingest(port, 1);
    const element = await mount(port, { live: true });
    const liveStatus = () => element.shadowRoot!.querySelector('[part="live-status"]')!;
    await waitUntil(() => liveStatus().classList.contains('live--open'), 'the stream is open');
    await upsertPortCall(...inputOf(callRow(port, 1)));
    await waitUntil(() => element.visibleCalls.length === 2, 'a change arrived live');

    // The API process stops; while the widget is away a call is added and then, before it
    // is back (it waits the 2 s the server asked for), retention deletes the events.
    const away = performance.now();
    await endLiveStreams();
    await waitUntil(() => !liveStatus().classList.contains('live--open'), 'the stream ended');
    await upsertPortCall(...inputOf(callRow(port, 2)));
    expect((await pruneOutbox()).deleted).to.be.above(0);
    expect(performance.now() - away).to.be.below(1_500, 'the events were gone before the widget reconnected');

    // Only a reload can show the third call now: its event no longer exists.
    await waitUntil(() => element.visibleCalls.length === 3, 'the list was reloaded', { timeout: 10_000 });
    await waitUntil(() => liveStatus().classList.contains('live--open'), 'live again');
  }).timeout(20_000);

  it('applies live changes with a newer version, flashes the row, and ignores stale ones', async () => {
    const port = PORTS.live;
    const [, secondId] = await ingest(port, 2);
    const element = await mount(port, { live: true });
    await waitUntil(() => element.shadowRoot!.querySelector('[part="live-status"]')?.classList.contains('live--open'), 'the stream is open');
    expect(element.shadowRoot!.querySelector('[part="live-status"]')!.textContent).to.equal('Live');
    const before = element.visibleCalls.find((visible) => visible.id === secondId)!;
    expect(before.version).to.equal(1);

    // A terminal reports the vessel alongside, with the actual arrival, through the real API.
    const [reference, input] = inputOf(callRow(port, 1));
    const actualArrival: TimestampInput = { eventTypeCode: 'ARRI', classifierCode: 'ACT', facilityTypeCode: 'PBPL', dateTime: '2026-11-25T07:20:00+01:00', source: 'ECT', publisherRole: 'TR' };
    const written = await upsertPortCall(reference, { ...input, status: 'BERTHED', timestamps: [...input.timestamps!, actualArrival] });
    expect(written.version).to.equal(2);
    await waitUntil(() => element.visibleCalls.find((visible) => visible.id === secondId)?.version === 2, 'the change arrived');
    await element.updateComplete;
    const changed = rows(element).find((row) => row.dataset['id'] === secondId)!;
    expect(changed.classList.contains('row--flash')).to.equal(true);
    expect(cellText(changed, 'status')).to.equal('Berthed');
    expect(cellText(changed, 'arrival')).to.equal('Nov 25, 07:20 GMT+1 ACT');
    const after = element.visibleCalls.find((visible) => visible.id === secondId)!;

    // Repeating the same write changes nothing (no new version, no event); a new call arrives live.
    expect((await upsertPortCall(reference, { ...input, status: 'BERTHED', timestamps: [...input.timestamps!, actualArrival] })).version).to.equal(2);
    await upsertPortCall(...inputOf(callRow(port, 2)));
    await waitUntil(() => element.visibleCalls.length === 3, 'a new call arrived');
    expect(element.visibleCalls.find((visible) => visible.id === secondId)).to.equal(after, 'the row is the version-2 call, untouched');

    // The real API never sends an older version once a newer one is out, so the stale case (an
    // event after a page that already had the change, or a repeat) is checked on the widget's
    // own rows with the real version-1 and version-2 items from above.
    const shown = new ScheduleRows({ port, statuses: [] }, { column: 'arrival', descending: false });
    shown.addPage([after]);
    expect(shown.applyLive([before])).to.deep.equal([], 'the stale event was ignored');
    expect(shown.applyLive([after])).to.deep.equal([], 'the repeated event was ignored');
    expect(shown.visible).to.deep.equal([after]);
    expect(shown.visible[0]!.status).to.equal('BERTHED');
  });

  it('fits its width: every column when wide, fewer as it narrows (the rest in the details), never sideways scrolling', async () => {
    const port = PORTS.phone;
    await ingest(port, 2);
    const element = await mount(port);
    const table = element.shadowRoot!.querySelector<HTMLElement>('[part="table"]')!;
    const layouts: [width: string, columns: string[]][] = [
      ['1400px', ['vessel', 'voyage', 'berth', 'status', 'arrival', 'berthing', 'departure', 'delay', 'updated']],
      ['1100px', ['vessel', 'berth', 'status', 'arrival', 'berthing', 'departure', 'delay']],
      ['700px', ['vessel', 'status', 'arrival', 'departure']],
      ['360px', ['vessel', 'status', 'arrival']],
    ];
    for (const [width, columns] of layouts) {
      element.style.width = width;
      await new Promise((resolve) => requestAnimationFrame(resolve));
      const [first] = rows(element);
      const visible = [...first!.querySelectorAll<HTMLElement>('[role="cell"]')].filter((cell) => getComputedStyle(cell).display !== 'none');
      expect(visible.map((cell) => cell.className.replace('cell cell--', '').split(' ')[0]), width).to.deep.equal(columns);
      expect(table.scrollWidth, `${width}: no sideways scrolling`).to.be.at.most(table.clientWidth + 1);
    }
    await expect(element).to.be.accessible();
  });

  it('speaks German when asked', async () => {
    const port = PORTS.german;
    await ingest(port, 1);
    const element = await mount(port, { locale: 'de' });
    await waitUntil(() => element.shadowRoot!.textContent!.includes('Ankunft'), 'the German catalog');
    await expect(element).to.be.accessible();
    expect(cellText(rows(element)[0]!, 'status')).to.equal('Am Liegeplatz');
  });
});

describe('schedule exports', () => {
  afterEach(() => {
    fixtureCleanup();
  });

  it('writes CSV that spreadsheets cannot run as formulas', async () => {
    const port = PORTS.csv;
    const row = callRow(port, 0, { source: 'Agent, Ltd.' });
    await ingest(port, [{ ...row, vessel: { ...row.vessel, vesselName: '=HYPERLINK("x")' } }]);
    const calls = await listed(port);
    expect(calls.map((call) => [call.vesselName, call.updatedBy])).to.deep.equal([['=HYPERLINK("x")', 'Agent, Ltd.']]);
    const csv = toCsv(calls);
    const [header, line] = csv.split('\r\n');
    expect(header!.startsWith('transportCallReference,vesselName,vesselIMONumber')).to.equal(true);
    expect(line).to.contain(`"'=HYPERLINK(""x"")"`);
    expect(line).to.contain('"Agent, Ltd."');
  });

  it('writes iCalendar events from arrival to departure in UTC', async () => {
    const port = PORTS.ical;
    const [id] = await ingest(port, [callRow(port, 3)]);
    const calls = await listed(port);
    expect(calls.map((call) => call.id)).to.deep.equal([id]);
    const ics = toICalendar(calls, new Date('2026-11-25T00:00:00Z'));
    expect(ics).to.contain(`BEGIN:VEVENT\r\nUID:${id}@porttask`);
    expect(ics).to.contain('DTSTART:20261125T063000Z\r\nDTEND:20261126T063000Z');
    expect(ics).to.contain('SUMMARY:HMM ALGECIRAS 3 (PLANNED)');
    expect(ics.endsWith('END:VCALENDAR\r\n')).to.equal(true);
    // A line break of any kind in a name stays inside its property: CR, LF and CRLF become \n.
    const broken = toICalendar([{ ...calls[0]!, vesselName: 'EVIL\rBEGIN:VEVENT\nX\r\nY' }], new Date('2026-11-25T00:00:00Z'));
    expect(broken).to.contain('SUMMARY:EVIL\\nBEGIN:VEVENT\\nX\\nY (PLANNED)');
    expect(broken.split('\r\n').some((line) => line.includes('\r') || line.includes('\n'))).to.equal(false);
  });
});
