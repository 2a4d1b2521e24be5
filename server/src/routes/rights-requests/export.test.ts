import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { parse } from 'csv-parse/sync';
import { strFromU8, unzipSync } from 'fflate';
import { createLogger } from '../../logger.ts';
import { ExportLinks } from '../../rights/export/export-links.ts';
import { startExportWorker } from '../../rights/export/export-worker.ts';
import type { TestTenant } from '../../testing/app-fixture.ts';
import { findPlaintext } from '../../testing/plaintext-scan.ts';
import { createRightsFixture, requesterHeaders, visitorHeaders, type RightsFixture } from '../../testing/rights-fixture.ts';
import { waitFor } from '../../testing/wait-for.ts';

let rights: RightsFixture;
const tenantA = () => rights.fixture.tenantA;
const tenantB = () => rights.fixture.tenantB;

const consentConfig = {
  model: 'opt_in', honourGpc: true, expiryDays: 182,
  purposes: [
    { key: 'necessary', required: true, optOutByGpc: false, consentModeSignals: [], services: [], texts: { en: { name: 'Necessary', description: 'Always on.' } } },
    { key: 'analytics', required: false, optOutByGpc: false, consentModeSignals: ['analytics_storage'], services: [], texts: { en: { name: 'Analytics', description: 'Visits.' } } },
  ],
  texts: {},
};

async function call(path: string, init: { method?: string; headers: Record<string, string>; body?: unknown }) {
  const response = await rights.app.request(path, {
    method: init.method ?? 'GET',
    headers: { ...init.headers, ...(init.body === undefined ? {} : { 'Content-Type': 'application/json' }) },
    ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
  });
  return response;
}
const secret = (tenant: TestTenant) => ({ Authorization: `Bearer ${tenant.secretKey}` });

/** A decision recorded through the API, as the banner on that device sends it; returns its receipt id. */
async function consent(subjectId: string, analytics: boolean): Promise<string> {
  const response = await call('/v1/consents', {
    method: 'POST', headers: visitorHeaders(tenantA()),
    body: { subjectId, choices: { necessary: true, analytics }, policyVersion: '2026-04-03', bannerTextHash: 'a'.repeat(64), locale: 'da', source: 'banner', gpc: false },
  });
  assert.equal(response.status, 201, await response.clone().text());
  return ((await response.json()) as { receiptId: string }).receiptId;
}

async function status(id: string, token: string) {
  return (await (await call(`/v1/rights-requests/${id}`, { headers: requesterHeaders(tenantA(), token) })).json()) as { status: string; downloadUrl?: string; downloadExpiresAt?: string };
}

/** An access request made, verified, approved and completed; returns once its bundle is built. */
async function answeredRequest(body: Record<string, unknown>, partnerData?: unknown) {
  const { id, requesterToken } = await rights.verifiedRequest(tenantA(), { type: 'access', ...body });
  if (partnerData) assert.equal((await call(`/v1/rights-requests/${id}/data`, { method: 'PUT', headers: secret(tenantA()), body: partnerData })).status, 200);
  assert.equal((await rights.staff(tenantA(), `/v1/rights-requests/${id}/approve`, { method: 'POST' })).response.status, 200);
  assert.equal((await rights.staff(tenantA(), `/v1/rights-requests/${id}/complete`, { method: 'POST' })).response.status, 200);
  const downloadUrl = await waitFor(async () => (await status(id, requesterToken)).downloadUrl, 'the bundle to be built');
  return { id, requesterToken, downloadUrl };
}

/** The download link as the in-process app is called: path and query. */
const local = (downloadUrl: string) => {
  const url = new URL(downloadUrl);
  return `${url.pathname}${url.search}`;
};

before(async () => {
  rights = await createRightsFixture();
  await startExportWorker({ sql: rights.fixture.db.sql, jobs: rights.jobs, encryption: rights.encryption, logger: createLogger('silent'), pollingIntervalSeconds: 0.5 });
  assert.equal((await call('/v1/consent-config', { method: 'PUT', headers: secret(tenantA()), body: consentConfig })).status, 200);
  const policy = await call('/v1/consent-config/policy-versions', { method: 'POST', headers: secret(tenantA()), body: { version: '2026-04-03', url: 'https://portal-a.example/privacy', lastUpdated: '2026-04-03' } });
  assert.equal(policy.status, 201, await policy.text());
});
after(() => rights.close());

describe('the export bundle', () => {
  test('a valid ZIP with the subject\'s consent records, requests, mails and the partner\'s tables, as JSON and matching CSV, README in Danish', async () => {
    const email = 'aase.export@example.dk';
    // An earlier verified request of the same address, from another device: its consents are the subject's too.
    await rights.verifiedRequest(tenantA(), { type: 'objection', email, consentSubjectId: 'device_earlier02' });
    const earlier = await consent('device_earlier02', false);
    const own = [await consent('device_export01', true), await consent('device_export01', false)];
    const strangers = await consent('device_stranger9', true);
    // Someone else's unverified request naming the same address is not the subject's.
    assert.equal((await rights.submit(tenantA(), { type: 'access', email, consentSubjectId: 'device_stranger9' })).response.status, 202);

    const partnerData = { tables: { bookings: [
      { reference: 'BK-2026-0113', vessel: 'Maersk Elba, "the blue one"', amount: 1250.5, paid: true, note: null },
      { reference: 'BK-2026-0150', vessel: 'Nordic Ærø', amount: 80, paid: false, note: 'line one\nline two' },
    ], newsletter: [{ subscribed: true }] } };
    const { id, requesterToken, downloadUrl } = await answeredRequest(
      { email, name: 'Åse Eksport', details: 'Alt om mine anløb', locale: 'da', consentSubjectId: 'device_export01', statusPageUrl: 'https://portal-a.example/privacy/status#stale' },
      partnerData,
    );

    // The completion mail links to the status page with the id and token in the fragment.
    const mail = await rights.mailFor(tenantA(), id, 'request_completed_export');
    assert.equal(mail.to, email);
    assert.ok(mail.text.includes(`https://portal-a.example/privacy/status#request=${id}&token=${requesterToken}`), mail.text);
    assert.match(mail.text, /7 dage/);

    const seen = await status(id, requesterToken);
    assert.match(downloadUrl, new RegExp(`^http://localhost/v1/rights-requests/${id}/export\\?expires=\\d+&signature=[A-Za-z0-9_-]{43}$`));
    const validFor = Date.parse(seen.downloadExpiresAt!) - Date.now();
    assert.ok(validFor > 6.99 * 86_400_000 && validFor <= 7 * 86_400_000, `valid for ${validFor} ms`);

    const response = await call(local(downloadUrl), { headers: visitorHeaders(tenantA()) });
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('Content-Type'), 'application/zip');
    assert.equal(response.headers.get('Content-Disposition'), `attachment; filename="${id}-export.zip"`);
    assert.equal(response.headers.get('Cache-Control'), 'no-store');
    const zip = new Uint8Array(await response.arrayBuffer());
    assert.deepEqual([...zip.subarray(0, 4)], [0x50, 0x4b, 0x03, 0x04], 'a ZIP local file header');
    // Checked by another implementation too (Info-ZIP's CRC test), where the machine has it.
    if (existsSync('/usr/bin/unzip')) {
      const file = path.join(mkdtempSync(path.join(tmpdir(), 'export-')), 'bundle.zip');
      writeFileSync(file, zip);
      assert.match(execFileSync('/usr/bin/unzip', ['-t', file], { encoding: 'utf8' }), /No errors detected/);
    }
    const files = unzipSync(zip);
    assert.deepEqual(Object.keys(files).sort(), [
      'README.txt',
      'partner/bookings.csv', 'partner/bookings.json', 'partner/newsletter.csv', 'partner/newsletter.json',
      'porttask/consent-records.csv', 'porttask/consent-records.json', 'porttask/mails.csv', 'porttask/mails.json',
      'porttask/rights-request-timeline.csv', 'porttask/rights-request-timeline.json', 'porttask/rights-requests.csv', 'porttask/rights-requests.json',
    ]);
    const json = (path: string) => JSON.parse(strFromU8(files[path]!)) as Array<Record<string, unknown>>;

    const consents = json('porttask/consent-records.json');
    assert.deepEqual(consents.map((record) => record.receiptId).sort(), [earlier, ...own].sort(), 'the device\'s and the address\'s other devices\' records, no stranger\'s');
    assert.ok(!consents.some((record) => record.receiptId === strangers));
    assert.deepEqual(consents.find((record) => record.receiptId === own[0])?.choices, { necessary: true, analytics: true });

    const requests = json('porttask/rights-requests.json');
    assert.deepEqual(requests.map((request) => request.type), ['objection', 'access'], 'both verified requests of the address, not the unverified one');
    assert.deepEqual({ email: requests[1]!.email, name: requests[1]!.name, details: requests[1]!.details }, { email, name: 'Åse Eksport', details: 'Alt om mine anløb' });
    assert.ok(json('porttask/rights-request-timeline.json').some((event) => event.requestId === id && event.event === 'completed'));
    const mails = json('porttask/mails.json');
    assert.ok(mails.some((sent) => sent.template === 'verification_code' && sent.to === email));
    assert.deepEqual(json('partner/bookings.json'), partnerData.tables.bookings);

    // Every CSV holds exactly its JSON's rows: the same columns, and each cell as text.
    for (const name of Object.keys(files).filter((file) => file.endsWith('.json'))) {
      const rows = json(name);
      const [header = [], ...cells] = parse(strFromU8(files[name.replace(/\.json$/, '.csv')]!), { bom: true }) as string[][];
      if (rows.length > 0) assert.deepEqual([...header].sort(), [...new Set(rows.flatMap((row) => Object.keys(row)))].sort(), `${name}: the columns`);
      const asText = (value: unknown) => (value === null || value === undefined ? '' : typeof value === 'object' ? JSON.stringify(value) : String(value));
      assert.deepEqual(cells, rows.map((row) => header.map((column) => asText(row[column]))), `${name}: the rows`);
    }

    const readme = strFromU8(files['README.txt']!);
    assert.match(readme, /^Dine personoplysninger hos Tenant A/);
    assert.match(readme, /partner\/bookings\.csv \(2 rækker\)/);
    assert.ok(readme.includes(id));

    // Every download is recorded, by kind of key; the secret key downloads with the same link.
    assert.equal((await call(local(downloadUrl), { headers: secret(tenantA()) })).status, 200);
    const downloads = await rights.fixture.db.owner<{ key_kind: string }[]>`SELECT key_kind FROM rights_request_downloads WHERE request_id = ${id} ORDER BY sequence`;
    assert.deepEqual(downloads.map((download) => download.key_kind), ['publishable', 'secret']);
    await assert.rejects(rights.fixture.db.sql`DELETE FROM rights_request_downloads WHERE request_id = ${id}`, /permission denied/);
    const staffView = (await rights.staff(tenantA(), `/v1/rights-requests/${id}`)).body;
    assert.deepEqual({ status: staffView.export.status, downloads: staffView.export.downloads, downloadUrl: staffView.export.downloadUrl, size: staffView.export.byteSize },
      { status: 'ready', downloads: 2, downloadUrl, size: zip.length });

    // At rest: no plaintext of the subject, the partner's data, or the bundle.
    assert.deepEqual(await findPlaintext(rights.fixture.db.owner, [email, 'Åse Eksport', 'Alt om mine anløb', 'Maersk Elba', 'Nordic Ærø', 'BK-2026-0113', requesterToken]), []);
  });

  test('requests of other types complete with the plain answer and build nothing', async () => {
    const { id } = await rights.verifiedRequest(tenantA(), { type: 'restriction', email: 'restrict@example.com' });
    await rights.staff(tenantA(), `/v1/rights-requests/${id}/approve`, { method: 'POST' });
    // A restriction is completed with what was done, which the requester is told.
    const completed = await rights.staff(tenantA(), `/v1/rights-requests/${id}/complete`, { method: 'POST', body: { description: 'Processing of your data is restricted.' } });
    assert.equal(completed.response.status, 200, JSON.stringify(completed.body));
    assert.match((await rights.mailFor(tenantA(), id, 'request_completed')).text, new RegExp(id));
    assert.equal((await rights.fixture.db.owner`SELECT 1 FROM rights_request_exports WHERE request_id = ${id}`).length, 0);
  });

  test('a status page off the key\'s origins is refused, and nothing is written', async () => {
    const before = await rights.fixture.db.owner<{ count: number }[]>`SELECT count(*)::int AS count FROM rights_requests`;
    const refused = await rights.submit(tenantA(), { type: 'access', email: 'phish@example.com', statusPageUrl: 'https://evil.example/status' });
    assert.equal(refused.response.status, 422);
    assert.equal(refused.body.error.code, 'STATUS_PAGE_NOT_ALLOWED');
    assert.deepEqual(refused.body.error.issues[0].path, ['body', 'statusPageUrl']);
    assert.deepEqual(await rights.fixture.db.owner`SELECT count(*)::int AS count FROM rights_requests`, before);
  });
});

describe('the partner\'s data (PUT /v1/rights-requests/{id}/data)', () => {
  test('replaceable until the request closes; only the tenant\'s secret key; bounded with 413 and 422', async () => {
    const { id } = await rights.verifiedRequest(tenantA(), { type: 'export', email: 'partner.data@example.com' });
    const put = (body: unknown, headers: Record<string, string> = secret(tenantA())) => call(`/v1/rights-requests/${id}/data`, { method: 'PUT', headers, body });
    const tables = { orders: [{ id: 1 }, { id: 2 }], invoices: [] };
    const first = await put({ tables });
    assert.equal(first.status, 200);
    assert.deepEqual({ ...(await first.json()), updatedAt: undefined }, { requestId: id, tableCount: 2, rowCount: 2, byteSize: JSON.stringify(tables).length, updatedAt: undefined });
    const second = await (await put({ tables: { orders: [{ id: 3 }] } })).json();
    assert.equal(second.tableCount, 1, 'replaced, not merged');

    const invalid = [
      { tables: { 'Bad Name': [] } },
      { tables: { orders: [{ nested: { no: true } }] } },
      { tables: { orders: [{ list: [1] }] } },
      { tables: Object.fromEntries(Array.from({ length: 21 }, (_, n) => [`t${n}`, []])) },
      { tables: { orders: [Object.fromEntries(Array.from({ length: 51 }, (_, n) => [`c${n}`, n]))] } },
      { tables: { orders: [{ text: 'x'.repeat(5001) }] } },
      { rows: [] },
    ];
    for (const body of invalid) {
      const response = await put(body);
      assert.equal(response.status, 422, JSON.stringify(body).slice(0, 80));
      assert.equal(((await response.json()) as { error: { code: string } }).error.code, 'VALIDATION_FAILED');
    }
    const tooLarge = await put({ tables: { orders: Array.from({ length: 60 }, () => ({ text: 'y'.repeat(4900) })) } });
    assert.equal(tooLarge.status, 413);
    assert.equal(((await tooLarge.json()) as { error: { code: string } }).error.code, 'PAYLOAD_TOO_LARGE');

    assert.equal((await put({ tables: {} }, visitorHeaders(tenantA()))).status, 403, 'a publishable key may not');
    assert.equal((await put({ tables: {} }, secret(tenantB()))).status, 404, 'another tenant finds nothing');
    assert.equal((await put({ tables: {} }, { Authorization: `Bearer ${tenantA().testSecretKey}` })).status, 404, 'nor does the other environment');
    assert.equal((await call('/v1/rights-requests/rr_00000000000000000000/data', { method: 'PUT', headers: secret(tenantA()), body: { tables: {} } })).status, 404);
    const [stored] = await rights.fixture.db.owner<{ table_count: number }[]>`SELECT table_count FROM rights_request_partner_data WHERE request_id = ${id}`;
    assert.equal(stored?.table_count, 1, 'refused calls changed nothing');

    await rights.staff(tenantA(), `/v1/rights-requests/${id}/deny`, { method: 'POST', body: { reason: 'No data held.' } });
    const closed = await put({ tables: {} });
    assert.equal(closed.status, 409);
    assert.equal(((await closed.json()) as { error: { code: string } }).error.code, 'REQUEST_CLOSED');
  });
});

describe('the signed download link', () => {
  test('refuses after expiry (410), when forged or altered (403), and for another tenant or environment (404)', async () => {
    const { id, requesterToken, downloadUrl } = await answeredRequest({ email: 'link.owner@example.com' });
    const url = new URL(downloadUrl);
    const withQuery = (change: (query: URLSearchParams) => void) => {
      const query = new URLSearchParams(url.search);
      change(query);
      return `${url.pathname}?${query.toString()}`;
    };
    const errorOf = async (response: Response) => ((await response.json()) as { error: { code: string; requestId: string } }).error;

    const forged = await call(withQuery((query) => query.set('signature', `${query.get('signature')!.slice(0, -1)}${query.get('signature')!.endsWith('A') ? 'B' : 'A'}`)), { headers: visitorHeaders(tenantA()) });
    assert.equal(forged.status, 403);
    assert.equal((await errorOf(forged)).code, 'INVALID_DOWNLOAD_LINK');
    const lengthened = await call(withQuery((query) => query.set('expires', String(Number(query.get('expires')) + 86_400 * 365))), { headers: visitorHeaders(tenantA()) });
    assert.equal(lengthened.status, 403, 'a later expiry breaks the signature');
    const malformed = await call(withQuery((query) => query.set('signature', 'not a signature')), { headers: visitorHeaders(tenantA()) });
    assert.equal(malformed.status, 422);

    for (const headers of [visitorHeaders(tenantB()), secret(tenantB()), { Authorization: `Bearer ${tenantA().testSecretKey}` }, { 'X-PortTask-Key': tenantA().testPublishableKey }]) {
      const foreign = await call(local(downloadUrl), { headers });
      assert.equal(foreign.status, 404, JSON.stringify(headers));
      assert.equal((await errorOf(foreign)).code, 'NOT_FOUND');
    }
    assert.equal((await call(local(downloadUrl), { headers: {} })).status, 401, 'no key, no download');

    // A link signed (by the API's own key) with an expiry that has passed.
    const [bundle] = await rights.fixture.db.owner<{ id: string }[]>`SELECT id FROM rights_request_exports WHERE request_id = ${id}`;
    const links = new ExportLinks(rights.fixture.masterKey);
    const lapsed = links.path({ scope: { tenantId: tenantA().tenant.id, environment: 'live' }, requestId: id, exportId: bundle!.id, expiresAt: new Date(Date.now() - 1000) });
    const lapsedAnswer = await call(lapsed, { headers: visitorHeaders(tenantA()) });
    assert.equal(lapsedAnswer.status, 410);
    assert.equal((await errorOf(lapsedAnswer)).code, 'DOWNLOAD_EXPIRED');

    // Seven days later (the stored expiry moved into the past): the link handed out refuses, the status no longer offers one.
    assert.equal((await call(local(downloadUrl), { headers: visitorHeaders(tenantA()) })).status, 200);
    await rights.fixture.db.owner`UPDATE rights_request_exports SET expires_at = now() - interval '1 second', ready_at = now() - interval '7 days 1 second' WHERE request_id = ${id}`;
    const expired = await call(local(downloadUrl), { headers: visitorHeaders(tenantA()) });
    assert.equal(expired.status, 410);
    assert.equal((await errorOf(expired)).code, 'DOWNLOAD_EXPIRED');
    assert.equal((await status(id, requesterToken)).downloadUrl, undefined);
    const downloads = await rights.fixture.db.owner<{ count: number }[]>`SELECT count(*)::int AS count FROM rights_request_downloads WHERE request_id = ${id}`;
    assert.equal(downloads[0]?.count, 1, 'refused downloads are not downloads');
  });

  test('once the requester is erased, the bundle is gone too', async () => {
    const { id, downloadUrl } = await answeredRequest({ email: 'erase.after@example.com' });
    const [row] = await rights.fixture.db.owner<{ subject_key_id: string }[]>`SELECT subject_key_id FROM rights_requests WHERE id = ${id}`;
    await rights.encryption.shredSubject(rights.fixture.db.sql, { tenantId: tenantA().tenant.id, environment: 'live' }, row!.subject_key_id);
    assert.equal((await call(local(downloadUrl), { headers: visitorHeaders(tenantA()) })).status, 410);
  });
});
