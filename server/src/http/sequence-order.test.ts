import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { insertApiKey } from '../auth/api-keys.queries.ts';
import { createAppFixture, type AppFixture } from '../testing/app-fixture.ts';
import { environmentKeys } from '../testing/environment-keys.ts';

/**
 * Lists kept in the order of an internal sequence stay in numeric order across pages, past the
 * 9 → 10 and 99 → 100 boundaries. (A query that selected `sequence::text AS sequence` and then
 * said `ORDER BY sequence` sorted by the text alias: "10" came before "9", and the next page,
 * which continues after the last number seen, skipped or repeated rows.)
 */
let fixture: AppFixture;
const SUBJECT = 'subject_order_01';
const COUNT = 12;

before(async () => {
  fixture = await createAppFixture();
  await fixture.db.owner`UPDATE tenants SET policy_version = 'v1', policy_url = 'https://portal.example/privacy', policy_last_updated = '2026-04-03'`;
  // The tables' sequences start high enough to cross from two digits to three during the test.
  for (const table of ['consent_records', 'consent_config_history', 'api_keys']) {
    await fixture.db.owner.unsafe(`SELECT setval(pg_get_serial_sequence('${table}', 'sequence'), 95)`);
  }
});
after(async () => { await fixture.close(); });

const secret = () => environmentKeys(fixture.tenantA).live.secret;
/** A visitor's browser on the tenant's site records decisions. */
const visitor = () => environmentKeys(fixture.tenantA).live.publishable;

/** Every page of a list, three items at a time. */
async function allPages<T>(path: string): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | null = null;
  do {
    const separator = path.includes('?') ? '&' : '?';
    const response = await fixture.request(`${path}${separator}limit=3${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, { headers: secret() });
    const body = (await response.json()) as { data: T[]; nextCursor: string | null };
    assert.equal(response.status, 200, JSON.stringify(body));
    items.push(...body.data);
    cursor = body.nextCursor;
  } while (cursor);
  return items;
}

describe('lists in sequence order', () => {
  it('a subject\'s consent records: oldest first, each once', async () => {
    const sent: string[] = [];
    for (let index = 0; index < COUNT; index += 1) {
      const decidedAt = new Date(Date.UTC(2026, 0, 1, 0, index)).toISOString();
      const recorded = await fixture.request('/v1/consents', {
        method: 'POST', headers: { ...visitor(), 'Content-Type': 'application/json' },
        body: JSON.stringify({ subjectId: SUBJECT, choices: { necessary: true }, policyVersion: 'v1', bannerTextHash: 'a'.repeat(64), locale: 'en', source: 'banner', gpc: false, decidedAt }),
      });
      assert.equal(recorded.status, 201, await recorded.text());
      sent.push(decidedAt);
    }
    const listed = await allPages<{ decidedAt: string }>(`/v1/consents?subjectId=${SUBJECT}`);
    assert.deepEqual(listed.map((record) => record.decidedAt), sent);
  });

  it('the consent configuration history: newest first, each once', async () => {
    const saved: number[] = [];
    for (let expiryDays = 30; expiryDays < 30 + COUNT; expiryDays += 1) {
      const response = await fixture.request('/v1/consent-config', {
        method: 'PUT', headers: { ...secret(), 'Content-Type': 'application/json' },
        body: JSON.stringify({ model: 'opt_in', expiryDays, purposes: [{ key: 'necessary', required: true, texts: {} }] }),
      });
      assert.equal(response.status, 200, await response.text());
      saved.push(expiryDays);
    }
    const listed = await allPages<{ config: { expiryDays: number } }>('/v1/consent-config/history');
    assert.deepEqual(listed.map((entry) => entry.config.expiryDays).slice(0, COUNT), saved.reverse());
  });

  it('API keys: in the order they were made, each once', async () => {
    const made: string[] = [];
    for (let index = 0; index < COUNT; index += 1) {
      const key = await insertApiKey(fixture.db.owner, { tenantId: fixture.tenantA.tenant.id, kind: 'secret', environment: 'live', label: `key ${index}` });
      made.push(key.id);
    }
    const listed = await allPages<{ id: string }>('/v1/api-keys');
    assert.deepEqual(listed.map((key) => key.id).slice(-COUNT), made);
  });
});
