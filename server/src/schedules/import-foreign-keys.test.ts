import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { syntheticImo } from '../demo/seed-schedules.ts';
import type { Queryable } from '../db/connection.ts';
import { createTestDatabase, type TestDatabase } from '../testing/test-database.ts';
import { insertTenant } from '../tenants/tenants.queries.ts';

/**
 * Each timestamp and outbox event an import writes has its port call checked by PostgreSQL's
 * foreign-key query `tenant_id = … AND environment = … AND id = … FOR KEY SHARE`. Without
 * statistics for the scope (a table not analysed since a bulk load, a scope new since the
 * last ANALYZE) the planner prices every index that starts with (tenant_id, environment) like
 * the primary key and takes the one with the cheapest descent: the shortest B-tree. The vessel
 * index, deduplicated (few vessels, many calls), is a level shorter than the primary key from
 * ~15,000 calls on, and each check then walked every call of the scope (a 5,000-row import
 * took 85 s instead of 2). Migration 064 makes that index unusable for a lookup by id and keeps
 * the time-ordered indexes from packing their pages fuller than the primary key's.
 */
const VESSELS = 300;

let db: TestDatabase;
let tenantId: string;
before(async () => {
  db = await createTestDatabase();
  ({ id: tenantId } = await insertTenant(db.owner, {
    name: 'Import Port Agency', region: 'eu', jurisdictions: ['gdpr'],
    policy: { version: '2026-04-03', url: 'https://portal.example.com/privacy', lastUpdated: '2026-04-03' },
  }));
  await db.owner`INSERT INTO ports (tenant_id, environment, un_location_code, port_name, country_code, time_zone) VALUES (${tenantId}, 'live', 'NLRTM', 'Rotterdam', 'NL', 'Europe/Amsterdam')`;
  await db.owner`INSERT INTO vessels ${db.owner(Array.from({ length: VESSELS }, (_, index) => ({ tenant_id: tenantId, environment: 'live', vessel_imo_number: syntheticImo(index), vessel_name: `VESSEL ${index}` })))}`;
});
after(async () => {
  await db.drop();
});

class Rollback extends Error {}

/**
 * Stores port calls in a transaction (rolled back after), as an import leaves them before its
 * timestamps: not analysed. Calls are stored in time order; their ids ('pc_' and a number) are
 * numbered in that order as the writer numbers them, or, for the first `shuffled` calls,
 * shuffled over them as the schedules bench seeds its 10,000 (with departures and changes at
 * earlier times); the calls after those are an import's: no departure yet, changed now.
 */
async function withStoredCalls(calls: number, shuffled: number, check: (transaction: Queryable) => Promise<void>): Promise<void> {
  await db.owner.begin(async (transaction) => {
    // Fresh, empty B-trees (an earlier case's rolled-back rows leave theirs grown).
    await transaction`TRUNCATE port_calls CASCADE`;
    await transaction`
      INSERT INTO port_calls (tenant_id, environment, id, transport_call_reference, un_location_code, vessel_imo_number, status, arrival_at, departure_at, updated_at)
      SELECT ${tenantId}, 'live', (${Array.from({ length: calls }, (_, index) => `pc_${(index + 1).toString(36)}`)}::text[])[number], 'NLRTM-' || n, 'NLRTM', (${Array.from({ length: VESSELS }, (_, index) => syntheticImo(index))}::text[])[1 + n % ${VESSELS}],
        'PLANNED', '2026-12-01T00:00:00Z'::timestamptz + n * interval '7 minutes',
        CASE WHEN n <= ${shuffled} THEN '2026-12-02T00:00:00Z'::timestamptz + n * interval '7 minutes' END,
        CASE WHEN n <= ${shuffled} THEN now() - (n * 7919 % 4320) * interval '1 minute' ELSE now() END
      FROM (
        SELECT n, CASE WHEN n <= ${shuffled} THEN row_number() OVER (PARTITION BY n <= ${shuffled} ORDER BY md5(n::text)) ELSE n END AS number
        FROM generate_series(1, ${calls}) AS n
      ) AS numbered
      ORDER BY n`;
    // What the batch writer sets for its transaction (see writePortCalls): plans made per check.
    await transaction`SET LOCAL plan_cache_mode = force_custom_plan`;
    await check(transaction);
    throw new Rollback();
  }).catch((error: unknown) => { if (!(error instanceof Rollback)) throw error; });
}

async function planOf(transaction: Queryable, column: string, value: string): Promise<string> {
  const rows = await transaction.unsafe(
    `EXPLAIN SELECT 1 FROM ONLY port_calls x WHERE tenant_id = $1 AND environment = $2 AND ${column} = $3 FOR KEY SHARE OF x`,
    [tenantId, 'live', value],
  );
  return rows.map((row) => row['QUERY PLAN'] as string).join('\n');
}

describe('foreign-key checks of an import into a scope without statistics', () => {
  // Sizes at which the primary key is a level taller than the deduplicated vessel index (ids
  // numbered as the writer does, or shuffled as the bench's seed), and then, with the bench's
  // 10,000 and an import on top, than the updated (16,000) or the arrival index (18,000) when
  // those pack their pages full (both fail with the vessel index fixed alone).
  for (const [calls, shuffled] of [[40_000, 0], [20_000, 20_000], [16_000, 10_000], [18_000, 10_000]] as const) {
    it(`find a port call by its primary key among ${calls.toLocaleString('en')} calls of ${VESSELS} vessels (${shuffled ? `${shuffled.toLocaleString('en')} with shuffled ids` : 'numbered ids'})`, async () => {
      await withStoredCalls(calls, shuffled, async (transaction) => {
        const plan = await planOf(transaction, 'id', `pc_${(calls - 7).toString(36)}`);
        assert.match(plan, /Index Scan using port_calls_pkey on port_calls/, plan);
      });
    });
  }

  it('still look calls up by vessel through the vessel index (the check when a vessel changes)', async () => {
    await withStoredCalls(20_000, 0, async (transaction) => {
      const plan = await planOf(transaction, 'vessel_imo_number', syntheticImo(7));
      assert.match(plan, /Index Scan using port_calls_by_vessel on port_calls/, plan);
    });
  });
});
