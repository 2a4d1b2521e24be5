import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { DEMO_TENANT_ID } from '../demo/demo-tenant.ts';
import { syntheticImo } from '../demo/seed-schedules.ts';
import { createTestDatabase, type TestDatabase } from '../testing/test-database.ts';
import type { Queryable } from './connection.ts';
import { migrate } from './migrate.ts';

const MIGRATIONS = path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations');
const PARTNER = 'ten_0000000000partner001';

let db: TestDatabase;
before(async () => {
  db = await createTestDatabase();
  // Back to a database that has only the migrations before environments existed, with data.
  await db.owner.unsafe('DROP SCHEMA public CASCADE; CREATE SCHEMA public; GRANT ALL ON SCHEMA public TO public; GRANT USAGE ON SCHEMA public TO porttask_app');
  await db.owner`CREATE TABLE schema_migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`;
  for (const file of (await readdir(MIGRATIONS)).filter((name) => /^\d{3}_/.test(name) && Number(name.slice(0, 3)) <= 22).sort()) {
    await db.owner.unsafe(await readFile(path.join(MIGRATIONS, file), 'utf8'));
    await db.owner`INSERT INTO schema_migrations (version, name) VALUES (${Number(file.slice(0, 3))}, ${file})`;
  }
  for (const tenant of [PARTNER, DEMO_TENANT_ID]) {
    await db.owner`
      INSERT INTO tenants (id, name, region, policy_version, policy_url, policy_last_updated)
      VALUES (${tenant}, ${tenant}, 'eu', 'p1', 'https://example.com/privacy', '2026-01-01')`;
    await db.owner`INSERT INTO consent_configs (tenant_id, model, purposes) VALUES (${tenant}, 'opt_in', '[]')`;
    await db.owner`INSERT INTO consent_config_history (tenant_id, model, honour_gpc, expiry_days, purposes, texts, saved_at) VALUES (${tenant}, 'opt_in', true, 182, '[]', '{}', now())`;
    await db.owner`
      INSERT INTO consent_records (tenant_id, id, subject_id, choices, policy_version, banner_text_hash, locale, source, gpc)
      VALUES (${tenant}, ${`rcpt_${tenant.slice(-1).repeat(24)}`}, 'subject_migrated', '{}', 'p1', ${'a'.repeat(64)}, 'en', 'banner', false)`;
    await db.owner`INSERT INTO ports (tenant_id, un_location_code, port_name, country_code, time_zone) VALUES (${tenant}, 'NLRTM', 'Rotterdam', 'NL', 'Europe/Amsterdam')`;
    await db.owner`INSERT INTO vessels (tenant_id, vessel_imo_number, vessel_name) VALUES (${tenant}, '9321483', 'EMMA MAERSK')`;
    await db.owner`INSERT INTO port_calls (tenant_id, id, transport_call_reference, un_location_code, vessel_imo_number, status) VALUES (${tenant}, 'pc_1', 'R-1', 'NLRTM', '9321483', 'PLANNED')`;
    await db.owner`INSERT INTO port_call_timestamps (tenant_id, port_call_id, event_type_code, classifier_code, facility_type_code, event_date_time, original_utc_offset_minutes) VALUES (${tenant}, 'pc_1', 'ARRI', 'PLN', 'PBPL', now(), 60)`;
    await db.owner`INSERT INTO schedule_events (tenant_id, port_call_id, version, event_type, payload) VALUES (${tenant}, 'pc_1', 1, 'port_call.created', '{}')`;
  }
  // The global counter moved on: events of both tenants interleave.
  await db.owner`INSERT INTO schedule_events (tenant_id, port_call_id, version, event_type, payload) VALUES (${PARTNER}, 'pc_1', 2, 'port_call.updated', '{}')`;
  const result = await migrate(db.owner);
  assert.ok(result.applied.includes('025_environments.sql') && result.applied.includes('026_scope_sequences.sql'), JSON.stringify(result));
});
after(async () => { await db.drop(); });

const environmentsOf = async (table: string, tenant: string) =>
  (await db.owner`SELECT environment FROM ${db.owner(table)} WHERE tenant_id = ${tenant} ORDER BY environment`).map((row) => row.environment as string);

describe('migration 025: existing data gets an environment', () => {
  it('puts existing data in live, and the demo tenant\'s in test', async () => {
    for (const table of ['consent_records', 'ports', 'vessels', 'port_calls', 'port_call_timestamps']) {
      assert.deepEqual(await environmentsOf(table, PARTNER), ['live'], `${table} of a partner`);
      assert.deepEqual(await environmentsOf(table, DEMO_TENANT_ID), ['test'], `${table} of the demo tenant`);
    }
    assert.deepEqual(await environmentsOf('schedule_events', PARTNER), ['live', 'live']);
    assert.deepEqual(await environmentsOf('schedule_events', DEMO_TENANT_ID), ['test']);
  });

  it('copies configuration into both environments', async () => {
    for (const tenant of [PARTNER, DEMO_TENANT_ID]) {
      for (const table of ['consent_configs', 'consent_config_history', 'consent_policy_versions']) {
        assert.deepEqual(await environmentsOf(table, tenant), ['live', 'test'], `${table} of ${tenant}`);
      }
    }
  });

  it('publishes a tenant-level policy into both environments from now on', async () => {
    await db.owner`UPDATE tenants SET policy_version = 'p2', policy_last_updated = '2026-02-01' WHERE id = ${PARTNER}`;
    const rows = await db.owner`SELECT environment FROM consent_policy_versions WHERE tenant_id = ${PARTNER} AND version = 'p2' ORDER BY environment`;
    assert.deepEqual(rows.map((row) => row.environment), ['live', 'test']);
  });

  it('refuses a row without an environment, and a reference across environments', async () => {
    await assert.rejects(db.owner`INSERT INTO vessels (tenant_id, vessel_imo_number, vessel_name) VALUES (${PARTNER}, '9811000', 'EVER GIVEN')`, /environment/);
    // The test environment has no vessel 9811000 of its own, and may not point at live's.
    await db.owner`INSERT INTO vessels (tenant_id, environment, vessel_imo_number, vessel_name) VALUES (${PARTNER}, 'live', '9811000', 'EVER GIVEN')`;
    await assert.rejects(
      db.owner`INSERT INTO port_calls (tenant_id, environment, id, transport_call_reference, un_location_code, vessel_imo_number, status) VALUES (${PARTNER}, 'test', 'pc_9', 'R-9', 'NLRTM', '9811000', 'PLANNED')`,
      /foreign key/,
    );
  });
});

describe('migration 026: numbers per scope continue after what was handed out', () => {
  it('starts each scope\'s counters after its highest number so far', async () => {
    const counters = await db.owner`SELECT tenant_id, environment, name, last_value::int AS last FROM scope_sequences ORDER BY tenant_id, name`;
    const partnerEvents = await db.owner`SELECT max(sequence)::int AS last FROM schedule_events WHERE tenant_id = ${PARTNER}`;
    const demoEvents = await db.owner`SELECT max(sequence)::int AS last FROM schedule_events WHERE tenant_id = ${DEMO_TENANT_ID}`;
    const find = (tenant: string, name: string) => counters.find((row) => row.tenant_id === tenant && row.name === name);
    assert.deepEqual({ ...find(PARTNER, 'schedule_events') }, { tenant_id: PARTNER, environment: 'live', name: 'schedule_events', last: partnerEvents[0]!.last });
    assert.deepEqual({ ...find(DEMO_TENANT_ID, 'schedule_events') }, { tenant_id: DEMO_TENANT_ID, environment: 'test', name: 'schedule_events', last: demoEvents[0]!.last });
    assert.ok(find(PARTNER, 'port_call_timestamps'));
    // Numbers are no longer drawn from a shared identity: an INSERT without one is refused.
    await assert.rejects(db.owner`INSERT INTO schedule_events (tenant_id, environment, port_call_id, version, event_type, payload) VALUES (${PARTNER}, 'live', 'pc_1', 3, 'port_call.updated', '{}')`, /sequence/);
  });
});

describe('foreign-key checks on tables never analysed', () => {
  // Every index starts with (tenant_id, environment); without statistics the planner prices them
  // alike for a check by primary key and takes the newest, so the primary keys are created last.
  // Checked as a big first import meets them: many rows, in the writing transaction.
  const fill: Record<string, (transaction: Queryable) => Promise<unknown>> = {
    port_calls: (transaction) => transaction`
      INSERT INTO port_calls (tenant_id, environment, id, transport_call_reference, un_location_code, vessel_imo_number, status)
      SELECT ${PARTNER}, 'live', 'pc_x' || n, 'FILL-' || n, 'NLRTM', '9321483', 'PLANNED' FROM generate_series(1, 3000) AS n`,
    vessels: (transaction) => transaction`
      INSERT INTO vessels ${transaction(Array.from({ length: 1000 }, (_, index) => ({ tenant_id: PARTNER, environment: 'live', vessel_imo_number: syntheticImo(index), vessel_name: `V ${index}` })))}
      ON CONFLICT DO NOTHING`,
    consent_policy_versions: (transaction) => transaction`
      INSERT INTO consent_policy_versions (tenant_id, environment, version, url, last_updated)
      SELECT ${PARTNER}, 'live', 'fill-' || n, 'https://example.com/p', '2026-01-01' FROM generate_series(1, 3000) AS n`,
  };
  for (const [table, key] of [['port_calls', 'id'], ['vessels', 'vessel_imo_number'], ['consent_policy_versions', 'version']] as const) {
    it(`look ${table} up by its primary key`, async () => {
      await db.owner.begin(async (transaction) => {
        await fill[table]!(transaction);
        await transaction`SET LOCAL plan_cache_mode = force_custom_plan`;
        const plan = await transaction.unsafe(
          `EXPLAIN SELECT 1 FROM ONLY ${table} x WHERE tenant_id = $1 AND environment = $2 AND ${key} = $3 FOR KEY SHARE OF x`,
          [PARTNER, 'live', 'x'],
        );
        assert.match(plan.map((row) => row['QUERY PLAN']).join('\n'), new RegExp(`Index Scan using ${table}_pkey`));
        throw new Rollback();
      }).catch((error: unknown) => { if (!(error instanceof Rollback)) throw error; });
    });
  }
});

class Rollback extends Error {}
