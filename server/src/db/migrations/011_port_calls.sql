-- Vessel schedules, part 2: port calls, their append-only timestamps, and the outbox of
-- changes that live updates are fanned out from.

-- Port call ids are numbered per tenant (`pc_` + the number in base 36, see
-- schedules/port-call-writer.ts). Random ids cost ~8 bytes a row even after brotli, a quarter
-- of the list budget (30 KB per 1,000 rows); numbers cost ~2. Every key includes tenant_id,
-- and every read is scoped to the key's tenant, so a guessable number reveals nothing.
CREATE TABLE port_call_numbers (
  tenant_id    text PRIMARY KEY REFERENCES tenants (id),
  last_number  bigint NOT NULL CHECK (last_number >= 1)
);
GRANT SELECT, INSERT, UPDATE ON port_call_numbers TO porttask_app;

CREATE TABLE port_calls (
  tenant_id                     text NOT NULL,
  id                            text NOT NULL CHECK (id ~ '^pc_[0-9a-z]{1,13}$'),
  transport_call_reference      text NOT NULL CHECK (transport_call_reference ~ '^[A-Za-z0-9][A-Za-z0-9._:-]{0,99}$'),
  un_location_code              text NOT NULL,
  facility_smdg_code            text,
  berth                         text CHECK (length(berth) BETWEEN 1 AND 50),
  vessel_imo_number             text NOT NULL,
  port_visit_reference          text,
  carrier_service_code          text,
  carrier_import_voyage_number  text,
  carrier_export_voyage_number  text,
  status                        text NOT NULL CHECK (status IN ('PLANNED', 'ARRIVED', 'BERTHED', 'DEPARTED', 'CANCELLED', 'OMITTED')),
  cargo_description             text,
  cargo_quantity                numeric(12, 2) CHECK (cargo_quantity >= 0),
  cargo_unit                    text,
  agent_name                    text,
  -- Best known times, derived from the timestamps below on every change (see
  -- schedules/best-known-times.ts), kept here so lists sort and filter on indexed columns.
  arrival_at                    timestamptz,
  arrival_classifier            text CHECK (arrival_classifier IN ('EST', 'PLN', 'REQ', 'ACT')),
  berthing_at                   timestamptz,
  berthing_classifier           text CHECK (berthing_classifier IN ('EST', 'PLN', 'REQ', 'ACT')),
  departure_at                  timestamptz,
  departure_classifier          text CHECK (departure_classifier IN ('EST', 'PLN', 'REQ', 'ACT')),
  planned_arrival_at            timestamptz,
  planned_berthing_at           timestamptz,
  planned_departure_at          timestamptz,
  delay_minutes                 integer,
  version                       integer NOT NULL DEFAULT 1 CHECK (version >= 1),
  created_at                    timestamptz NOT NULL DEFAULT now(),
  updated_at                    timestamptz NOT NULL DEFAULT now(),
  updated_by                    text,
  PRIMARY KEY (tenant_id, id),
  UNIQUE (tenant_id, transport_call_reference),
  FOREIGN KEY (tenant_id, un_location_code) REFERENCES ports (tenant_id, un_location_code),
  FOREIGN KEY (tenant_id, un_location_code, facility_smdg_code) REFERENCES terminals (tenant_id, un_location_code, facility_smdg_code),
  FOREIGN KEY (tenant_id, vessel_imo_number) REFERENCES vessels (tenant_id, vessel_imo_number),
  -- Actual times cannot run backwards: a vessel berths after it arrives and leaves after both.
  CHECK (arrival_classifier IS DISTINCT FROM 'ACT' OR berthing_classifier IS DISTINCT FROM 'ACT' OR arrival_at <= berthing_at),
  CHECK (berthing_classifier IS DISTINCT FROM 'ACT' OR departure_classifier IS DISTINCT FROM 'ACT' OR berthing_at <= departure_at),
  CHECK (arrival_classifier IS DISTINCT FROM 'ACT' OR departure_classifier IS DISTINCT FROM 'ACT' OR arrival_at <= departure_at)
);
-- List sorts: a missing time sorts last in both directions (the keyset cursor relies on it).
CREATE INDEX port_calls_by_arrival ON port_calls (tenant_id, coalesce(arrival_at, 'infinity'), id);
CREATE INDEX port_calls_by_port_arrival ON port_calls (tenant_id, un_location_code, coalesce(arrival_at, 'infinity'), id);
CREATE INDEX port_calls_by_departure ON port_calls (tenant_id, coalesce(departure_at, 'infinity'), id);
CREATE INDEX port_calls_by_updated ON port_calls (tenant_id, updated_at, id);
CREATE INDEX port_calls_by_vessel ON port_calls (tenant_id, vessel_imo_number);
GRANT SELECT, INSERT, UPDATE ON port_calls TO porttask_app;

-- Append-only: the app role may add and read timestamps, never change or remove them.
CREATE TABLE port_call_timestamps (
  tenant_id                    text NOT NULL,
  id                           bigint GENERATED ALWAYS AS IDENTITY,
  port_call_id                 text NOT NULL,
  event_type_code              text NOT NULL CHECK (event_type_code IN ('ARRI', 'DEPA', 'STRT', 'CMPL')),
  classifier_code              text NOT NULL CHECK (classifier_code IN ('EST', 'PLN', 'REQ', 'ACT')),
  facility_type_code           text NOT NULL CHECK (facility_type_code IN ('BRTH', 'PBPL', 'ANCH')),
  event_date_time              timestamptz NOT NULL,
  -- The offset the publisher wrote, in minutes east of UTC: the instant alone loses it.
  original_utc_offset_minutes  smallint NOT NULL CHECK (original_utc_offset_minutes BETWEEN -900 AND 900),
  delay_reason_code            text CHECK (delay_reason_code ~ '^[A-Z]{3}$'),
  remark                       text CHECK (length(remark) <= 500),
  source                       text CHECK (length(source) BETWEEN 1 AND 100),
  publisher_role               text CHECK (publisher_role IN ('CA', 'AG', 'VSL', 'ATH', 'PLT', 'TR', 'TWG', 'BUK', 'LSH')),
  received_at                  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, port_call_id) REFERENCES port_calls (tenant_id, id)
);
CREATE INDEX port_call_timestamps_by_call ON port_call_timestamps (tenant_id, port_call_id, id);
GRANT SELECT, INSERT ON port_call_timestamps TO porttask_app;

-- The outbox: one row per change, written in the change's own transaction. `sequence` is
-- what SSE clients resume from. Writers take a per-tenant transaction lock before inserting
-- (schedules/outbox.queries.ts), so within a tenant sequences become visible in order and a
-- reader that has seen sequence N can never later find a smaller one appear.
CREATE TABLE schedule_events (
  tenant_id     text NOT NULL REFERENCES tenants (id),
  sequence      bigint GENERATED ALWAYS AS IDENTITY,
  port_call_id  text NOT NULL,
  version       integer NOT NULL,
  event_type    text NOT NULL CHECK (event_type IN ('port_call.created', 'port_call.updated', 'port_call.timestamp_added')),
  payload       jsonb NOT NULL,
  created_at    timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, sequence),
  FOREIGN KEY (tenant_id, port_call_id) REFERENCES port_calls (tenant_id, id)
);
GRANT SELECT, INSERT ON schedule_events TO porttask_app;
