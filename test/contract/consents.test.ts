import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { NotFoundError, ValidationError, createClient, type ConsentRecord } from '@porttask/sdk';
import { startTestServer, type TestServer } from '../../server/src/testing/test-server.ts';

let api: TestServer;
before(async () => { api = await startTestServer({ allowedOrigins: ['https://portal.example'] }); });
after(async () => { await api.close(); });

const decision = (subjectId: string, analytics: boolean) => ({
  subjectId,
  choices: { analytics, marketing: false },
  policyVersion: '2026-04-03',
  bannerTextHash: 'f'.repeat(64),
  locale: 'da',
  source: 'preferences' as const,
  gpc: false,
});

describe('client.consents', () => {
  it('records with a publishable key and reads proof and history back with a secret key', async () => {
    const visitor = createClient({ apiUrl: api.apiUrl, publishableKey: api.publishableKey });
    const partner = createClient({ apiUrl: api.apiUrl, secretKey: api.secretKey });
    const subjectId = 'sdk_subject_0001';
    const receipts: ConsentRecord[] = [];
    for (let index = 0; index < 3; index += 1) receipts.push(await visitor.consents.record(decision(subjectId, index % 2 === 0)));
    assert.match(receipts[0]!.receiptId, /^rcpt_/);
    assert.deepEqual(await partner.consents.get(receipts[1]!.receiptId), receipts[1]);

    const firstPage = await partner.consents.list({ subjectId, limit: 2 });
    assert.equal(firstPage.data.length, 2);
    assert.ok(firstPage.nextCursor);
    const all: string[] = [];
    for await (const record of partner.consents.list({ subjectId, limit: 2 })) all.push(record.receiptId);
    assert.deepEqual(all, receipts.map((receipt) => receipt.receiptId));
  });

  it('records once when the same idempotency key is sent twice', async () => {
    const visitor = createClient({ apiUrl: api.apiUrl, publishableKey: api.publishableKey });
    const first = await visitor.consents.record(decision('sdk_subject_0002', true), { idempotencyKey: 'decision-sdk-0002' });
    const again = await visitor.consents.record(decision('sdk_subject_0002', true), { idempotencyKey: 'decision-sdk-0002' });
    assert.equal(again.receiptId, first.receiptId);
    const partner = createClient({ apiUrl: api.apiUrl, secretKey: api.secretKey });
    assert.equal((await partner.consents.list({ subjectId: 'sdk_subject_0002' })).data.length, 1);
  });

  it('surfaces the API\'s refusals as typed errors', async () => {
    const visitor = createClient({ apiUrl: api.apiUrl, publishableKey: api.publishableKey, maxRetries: 0 });
    const error = await visitor.consents.record({ ...decision('sdk_subject_0003', true), policyVersion: 'nope' }).catch((caught: unknown) => caught);
    assert.ok(error instanceof ValidationError, String(error));
    assert.equal(error.code, 'UNKNOWN_POLICY_VERSION');
    const partner = createClient({ apiUrl: api.apiUrl, secretKey: api.secretKey, maxRetries: 0 });
    const missing = await partner.consents.get(`rcpt_${'0'.repeat(24)}`).catch((caught: unknown) => caught);
    assert.ok(missing instanceof NotFoundError, String(missing));
  });
});
