import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { newReceiptId } from '../ids.ts';
import { insertTenant } from '../tenants/tenants.queries.ts';
import { createTestDatabase, type TestDatabase } from '../testing/test-database.ts';
import { ConsentAppender } from './consent-appender.ts';
import type { ConsentAppend } from './consents.queries.ts';

let db: TestDatabase;
let tenantId: string;
before(async () => {
  db = await createTestDatabase();
  tenantId = (await insertTenant(db.owner, { name: 'Appender Port', region: 'eu', policy: { version: 'v1', url: 'https://a.example/privacy', lastUpdated: '2026-04-03' } })).id;
});
after(async () => { await db.drop(); });

function decision(subject: string, key?: string): ConsentAppend {
  const record = {
    scope: { tenantId, environment: 'live' as const }, receiptId: newReceiptId(), subjectId: subject, choices: { necessary: true, analytics: subject.endsWith('1') },
    policyVersion: 'v1', bannerTextHash: 'c'.repeat(64), locale: 'en', source: 'banner' as const, gpc: false,
    ipAddress: '192.0.2.7', userAgent: 'test', decidedAt: null, recordedAt: new Date().toISOString(),
  };
  return { record, idempotency: key ? { key, hash: createHash('sha256').update(subject).digest() } : undefined };
}
const count = async (subjectPrefix: string) =>
  Number((await db.owner`SELECT count(*) FROM consent_records WHERE subject_id LIKE ${`${subjectPrefix}%`}`)[0]!.count);

describe('ConsentAppender', () => {
  it('writes a burst of decisions in shared statements, each answered, in arrival order', async () => {
    const appender = new ConsentAppender(db.sql);
    const burst = Array.from({ length: 60 }, (_, index) => decision(`burst_subject_${String(index).padStart(3, '0')}`));
    const answers = await Promise.all(burst.map((item) => appender.append(item)));
    assert.ok(answers.every(Boolean));
    const rows = await db.owner`SELECT subject_id FROM consent_records WHERE subject_id LIKE 'burst_subject_%' ORDER BY sequence`;
    assert.deepEqual(rows.map((row) => row.subject_id), burst.map((item) => item.record.subjectId));
  });

  it('applies decisions that share an idempotency key once, even within one burst', async () => {
    const appender = new ConsentAppender(db.sql);
    const repeats = Array.from({ length: 5 }, () => decision('repeat_subject_1', 'same-key-1'));
    const answers = await Promise.all(repeats.map((item) => appender.append(item)));
    assert.deepEqual(answers.filter(Boolean).length, 1, 'one claims the key, the others find it taken');
    assert.equal(await count('repeat_subject_'), 1);
  });

  it('keeps one bad decision from failing the others in its statement', async () => {
    const appender = new ConsentAppender(db.sql);
    const bad = decision('bad subject with spaces'); // the table's CHECK refuses it
    const good = Array.from({ length: 8 }, (_, index) => decision(`good_subject_${index}`));
    const results = await Promise.allSettled([appender.append(good[0]!), appender.append(bad), ...good.slice(1).map((item) => appender.append(item))]);
    assert.equal(results[1]!.status, 'rejected');
    assert.ok(results.filter((result, index) => index !== 1).every((result) => result.status === 'fulfilled' && result.value === true));
    assert.equal(await count('good_subject_'), 8);
  });
});
