-- Test and live environments. Every API key belongs to one environment (api_keys.environment,
-- since migration 001); from here on every tenant-owned row does too, and test data is never
-- visible to live keys nor live data to test keys (a partner's sandbox, as with Stripe).
--
-- `environment` follows `tenant_id` in every primary, unique and foreign key and in every
-- index a request uses, so a cluster sharded on tenant_id still finds every row of a
-- statement on one shard, and a foreign key can never point from one environment into the
-- other (a test port call cannot name the live vessel of the same IMO number).
--
-- Rows that exist already (written before keys had their own data) are placed like this:
-- - data (port calls and everything they name, the outbox, consent records, idempotency
--   keys) goes to `live`, so pages embedded with live keys keep working; only the demo
--   tenant's data goes to `test`, since its only keys are test keys;
-- - configuration (consent configuration, its history, policy versions) is copied into both
--   environments: until now one configuration served both kinds of key, and records in
--   either environment must keep pointing at the policy version they were made under.
-- This file runs after 022 on every database (it is numbered after the tables it changes).

-- 1. The column, `live` for what exists.
ALTER TABLE idempotency_keys       ADD COLUMN environment text NOT NULL DEFAULT 'live' CHECK (environment IN ('test', 'live'));
ALTER TABLE ports                  ADD COLUMN environment text NOT NULL DEFAULT 'live' CHECK (environment IN ('test', 'live'));
ALTER TABLE terminals              ADD COLUMN environment text NOT NULL DEFAULT 'live' CHECK (environment IN ('test', 'live'));
ALTER TABLE berths                 ADD COLUMN environment text NOT NULL DEFAULT 'live' CHECK (environment IN ('test', 'live'));
ALTER TABLE vessels                ADD COLUMN environment text NOT NULL DEFAULT 'live' CHECK (environment IN ('test', 'live'));
ALTER TABLE services               ADD COLUMN environment text NOT NULL DEFAULT 'live' CHECK (environment IN ('test', 'live'));
ALTER TABLE voyages                ADD COLUMN environment text NOT NULL DEFAULT 'live' CHECK (environment IN ('test', 'live'));
ALTER TABLE port_call_numbers      ADD COLUMN environment text NOT NULL DEFAULT 'live' CHECK (environment IN ('test', 'live'));
ALTER TABLE port_calls             ADD COLUMN environment text NOT NULL DEFAULT 'live' CHECK (environment IN ('test', 'live'));
ALTER TABLE port_call_timestamps   ADD COLUMN environment text NOT NULL DEFAULT 'live' CHECK (environment IN ('test', 'live'));
ALTER TABLE schedule_events        ADD COLUMN environment text NOT NULL DEFAULT 'live' CHECK (environment IN ('test', 'live'));
ALTER TABLE schedule_event_horizon ADD COLUMN environment text NOT NULL DEFAULT 'live' CHECK (environment IN ('test', 'live'));
ALTER TABLE consent_configs        ADD COLUMN environment text NOT NULL DEFAULT 'live' CHECK (environment IN ('test', 'live'));
ALTER TABLE consent_policy_versions ADD COLUMN environment text NOT NULL DEFAULT 'live' CHECK (environment IN ('test', 'live'));
ALTER TABLE consent_records        ADD COLUMN environment text NOT NULL DEFAULT 'live' CHECK (environment IN ('test', 'live'));
ALTER TABLE consent_config_history ADD COLUMN environment text NOT NULL DEFAULT 'live' CHECK (environment IN ('test', 'live'));

-- 2. The keys, with the environment after the tenant. Children's foreign keys go first.
ALTER TABLE consent_records        DROP CONSTRAINT consent_records_tenant_id_policy_version_fkey;
ALTER TABLE schedule_events        DROP CONSTRAINT schedule_events_tenant_id_port_call_id_fkey;
ALTER TABLE port_call_timestamps   DROP CONSTRAINT port_call_timestamps_tenant_id_port_call_id_fkey;
ALTER TABLE port_calls             DROP CONSTRAINT port_calls_tenant_id_un_location_code_fkey,
                                   DROP CONSTRAINT port_calls_tenant_id_un_location_code_facility_smdg_code_fkey,
                                   DROP CONSTRAINT port_calls_tenant_id_vessel_imo_number_fkey;
ALTER TABLE voyages                DROP CONSTRAINT voyages_tenant_id_vessel_imo_number_fkey,
                                   DROP CONSTRAINT voyages_tenant_id_carrier_service_code_fkey;
ALTER TABLE terminals              DROP CONSTRAINT terminals_tenant_id_un_location_code_fkey;
ALTER TABLE berths                 DROP CONSTRAINT berths_tenant_id_un_location_code_fkey;

-- The demo tenant's data belongs in test (its keys are test keys). Moved while no foreign
-- key spans the environment yet; configuration is copied below instead.
UPDATE ports                  SET environment = 'test' WHERE tenant_id = 'ten_demo0portagency00001';
UPDATE terminals              SET environment = 'test' WHERE tenant_id = 'ten_demo0portagency00001';
UPDATE berths                 SET environment = 'test' WHERE tenant_id = 'ten_demo0portagency00001';
UPDATE vessels                SET environment = 'test' WHERE tenant_id = 'ten_demo0portagency00001';
UPDATE services               SET environment = 'test' WHERE tenant_id = 'ten_demo0portagency00001';
UPDATE voyages                SET environment = 'test' WHERE tenant_id = 'ten_demo0portagency00001';
UPDATE port_call_numbers      SET environment = 'test' WHERE tenant_id = 'ten_demo0portagency00001';
UPDATE port_calls             SET environment = 'test' WHERE tenant_id = 'ten_demo0portagency00001';
UPDATE port_call_timestamps   SET environment = 'test' WHERE tenant_id = 'ten_demo0portagency00001';
UPDATE schedule_events        SET environment = 'test' WHERE tenant_id = 'ten_demo0portagency00001';
UPDATE schedule_event_horizon SET environment = 'test' WHERE tenant_id = 'ten_demo0portagency00001';
UPDATE consent_records        SET environment = 'test' WHERE tenant_id = 'ten_demo0portagency00001';
UPDATE idempotency_keys       SET environment = 'test' WHERE tenant_id = 'ten_demo0portagency00001';

-- The indexes requests use, with the environment after the tenant. Created before the
-- primary keys on purpose: on a table never analysed (a new database, or a tenant's first big
-- import) the planner prices every index that starts with (tenant_id, environment) the same
-- for a foreign-key check by primary key, and takes the newest; the primary key must be that
-- one, or each check scans the tenant's whole environment (a 10,000-row import went from
-- seconds to minutes).
DROP INDEX vessels_by_name, vessels_by_mmsi, port_calls_by_arrival, port_calls_by_port_arrival, port_calls_by_departure,
  port_calls_by_updated, port_calls_by_vessel, port_call_timestamps_by_call, consent_policy_versions_newest,
  consent_records_subject, consent_records_idempotency_key;
CREATE INDEX vessels_by_name ON vessels (tenant_id, environment, lower(vessel_name));
CREATE INDEX vessels_by_mmsi ON vessels (tenant_id, environment, mmsi_number) WHERE mmsi_number IS NOT NULL;
CREATE INDEX port_calls_by_arrival ON port_calls (tenant_id, environment, coalesce(arrival_at, 'infinity'), id);
CREATE INDEX port_calls_by_port_arrival ON port_calls (tenant_id, environment, un_location_code, coalesce(arrival_at, 'infinity'), id);
CREATE INDEX port_calls_by_departure ON port_calls (tenant_id, environment, coalesce(departure_at, 'infinity'), id);
CREATE INDEX port_calls_by_updated ON port_calls (tenant_id, environment, updated_at, id);
CREATE INDEX port_calls_by_vessel ON port_calls (tenant_id, environment, vessel_imo_number);
CREATE INDEX port_call_timestamps_by_call ON port_call_timestamps (tenant_id, environment, port_call_id, id);
CREATE INDEX consent_policy_versions_newest ON consent_policy_versions (tenant_id, environment, sequence DESC);
CREATE INDEX consent_records_subject ON consent_records (tenant_id, environment, subject_id, sequence);
CREATE UNIQUE INDEX consent_records_idempotency_key ON consent_records (tenant_id, environment, idempotency_key);

ALTER TABLE idempotency_keys       DROP CONSTRAINT idempotency_keys_pkey,       ADD PRIMARY KEY (tenant_id, environment, key);
ALTER TABLE ports                  DROP CONSTRAINT ports_pkey,                  ADD PRIMARY KEY (tenant_id, environment, un_location_code);
ALTER TABLE terminals              DROP CONSTRAINT terminals_pkey,              ADD PRIMARY KEY (tenant_id, environment, un_location_code, facility_smdg_code);
ALTER TABLE berths                 DROP CONSTRAINT berths_pkey,                 ADD PRIMARY KEY (tenant_id, environment, un_location_code, berth_name);
ALTER TABLE vessels                DROP CONSTRAINT vessels_pkey,                ADD PRIMARY KEY (tenant_id, environment, vessel_imo_number);
ALTER TABLE services               DROP CONSTRAINT services_pkey,               ADD PRIMARY KEY (tenant_id, environment, carrier_service_code);
ALTER TABLE voyages                DROP CONSTRAINT voyages_pkey,                ADD PRIMARY KEY (tenant_id, environment, vessel_imo_number, carrier_voyage_number);
ALTER TABLE port_call_numbers      DROP CONSTRAINT port_call_numbers_pkey,      ADD PRIMARY KEY (tenant_id, environment);
ALTER TABLE port_calls             DROP CONSTRAINT port_calls_tenant_id_transport_call_reference_key,
                                   ADD UNIQUE (tenant_id, environment, transport_call_reference);
ALTER TABLE port_calls             DROP CONSTRAINT port_calls_pkey,             ADD PRIMARY KEY (tenant_id, environment, id);
ALTER TABLE port_call_timestamps   DROP CONSTRAINT port_call_timestamps_pkey,   ADD PRIMARY KEY (tenant_id, environment, id);
ALTER TABLE schedule_events        DROP CONSTRAINT schedule_events_pkey,        ADD PRIMARY KEY (tenant_id, environment, sequence);
ALTER TABLE schedule_event_horizon DROP CONSTRAINT schedule_event_horizon_pkey, ADD PRIMARY KEY (tenant_id, environment);
ALTER TABLE consent_configs        DROP CONSTRAINT consent_configs_pkey,        ADD PRIMARY KEY (tenant_id, environment);
ALTER TABLE consent_policy_versions DROP CONSTRAINT consent_policy_versions_pkey, ADD PRIMARY KEY (tenant_id, environment, version);
ALTER TABLE consent_records        DROP CONSTRAINT consent_records_pkey,        ADD PRIMARY KEY (tenant_id, environment, id);
ALTER TABLE consent_config_history DROP CONSTRAINT consent_config_history_pkey, ADD PRIMARY KEY (tenant_id, environment, sequence);

-- 3. Configuration in both environments (see the top). In sequence order, so "newest" stays
-- the newest in each environment.
INSERT INTO consent_configs (tenant_id, environment, model, honour_gpc, expiry_days, purposes, texts, updated_at)
  SELECT tenant_id, 'test', model, honour_gpc, expiry_days, purposes, texts, updated_at FROM consent_configs WHERE environment = 'live';
INSERT INTO consent_config_history (tenant_id, environment, model, honour_gpc, expiry_days, purposes, texts, saved_at)
  SELECT tenant_id, 'test', model, honour_gpc, expiry_days, purposes, texts, saved_at FROM consent_config_history
  WHERE environment = 'live' ORDER BY sequence;
INSERT INTO consent_policy_versions (tenant_id, environment, version, url, last_updated, created_at)
  SELECT tenant_id, 'test', version, url, last_updated, created_at FROM consent_policy_versions
  WHERE environment = 'live' ORDER BY sequence;

-- 4. Foreign keys within one environment.
ALTER TABLE terminals ADD FOREIGN KEY (tenant_id, environment, un_location_code) REFERENCES ports (tenant_id, environment, un_location_code);
ALTER TABLE berths    ADD FOREIGN KEY (tenant_id, environment, un_location_code) REFERENCES ports (tenant_id, environment, un_location_code);
ALTER TABLE voyages
  ADD FOREIGN KEY (tenant_id, environment, vessel_imo_number) REFERENCES vessels (tenant_id, environment, vessel_imo_number),
  ADD FOREIGN KEY (tenant_id, environment, carrier_service_code) REFERENCES services (tenant_id, environment, carrier_service_code);
ALTER TABLE port_calls
  ADD FOREIGN KEY (tenant_id, environment, un_location_code) REFERENCES ports (tenant_id, environment, un_location_code),
  ADD FOREIGN KEY (tenant_id, environment, un_location_code, facility_smdg_code)
    REFERENCES terminals (tenant_id, environment, un_location_code, facility_smdg_code),
  ADD FOREIGN KEY (tenant_id, environment, vessel_imo_number) REFERENCES vessels (tenant_id, environment, vessel_imo_number);
ALTER TABLE port_call_timestamps ADD FOREIGN KEY (tenant_id, environment, port_call_id) REFERENCES port_calls (tenant_id, environment, id);
ALTER TABLE schedule_events      ADD FOREIGN KEY (tenant_id, environment, port_call_id) REFERENCES port_calls (tenant_id, environment, id);
ALTER TABLE consent_records
  ADD FOREIGN KEY (tenant_id, environment, policy_version) REFERENCES consent_policy_versions (tenant_id, environment, version);

-- 6. No default from now on: a statement that forgets the environment fails instead of
-- writing into live.
ALTER TABLE idempotency_keys       ALTER COLUMN environment DROP DEFAULT;
ALTER TABLE ports                  ALTER COLUMN environment DROP DEFAULT;
ALTER TABLE terminals              ALTER COLUMN environment DROP DEFAULT;
ALTER TABLE berths                 ALTER COLUMN environment DROP DEFAULT;
ALTER TABLE vessels                ALTER COLUMN environment DROP DEFAULT;
ALTER TABLE services               ALTER COLUMN environment DROP DEFAULT;
ALTER TABLE voyages                ALTER COLUMN environment DROP DEFAULT;
ALTER TABLE port_call_numbers      ALTER COLUMN environment DROP DEFAULT;
ALTER TABLE port_calls             ALTER COLUMN environment DROP DEFAULT;
ALTER TABLE port_call_timestamps   ALTER COLUMN environment DROP DEFAULT;
ALTER TABLE schedule_events        ALTER COLUMN environment DROP DEFAULT;
ALTER TABLE schedule_event_horizon ALTER COLUMN environment DROP DEFAULT;
ALTER TABLE consent_configs        ALTER COLUMN environment DROP DEFAULT;
ALTER TABLE consent_policy_versions ALTER COLUMN environment DROP DEFAULT;
ALTER TABLE consent_records        ALTER COLUMN environment DROP DEFAULT;
ALTER TABLE consent_config_history ALTER COLUMN environment DROP DEFAULT;

-- 7. The policy a tenant is given by its owner (tenants.policy_*: the CLI, the demo seed,
-- tests) is a tenant-level fact, not one environment's: it is published into both. A version
-- published through the API (POST /v1/consent-config/policy-versions) stays in the key's
-- environment.
CREATE OR REPLACE FUNCTION consent_policy_from_tenant() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.policy_version IS NOT NULL AND NEW.policy_url IS NOT NULL AND NEW.policy_last_updated IS NOT NULL THEN
    INSERT INTO consent_policy_versions (tenant_id, environment, version, url, last_updated)
    VALUES (NEW.id, 'test', NEW.policy_version, NEW.policy_url, NEW.policy_last_updated),
           (NEW.id, 'live', NEW.policy_version, NEW.policy_url, NEW.policy_last_updated)
    ON CONFLICT (tenant_id, environment, version) DO NOTHING;
  END IF;
  RETURN NEW;
END $$;
