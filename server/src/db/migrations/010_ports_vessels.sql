-- Vessel schedules, part 1: the things port calls refer to (docs/schedules.md).
-- Every table is tenant-owned: tenant_id leads every primary, unique and foreign key.

-- The IMO check digit, as in sdk/src/schemas/vessels.ts: the first six digits weighted 7..2,
-- the last digit of the sum is the seventh. Placeholders (leading 0, 1234567) are refused.
-- CASE keeps the casts from running on text that is not seven digits.
CREATE FUNCTION porttask_is_valid_imo(imo text) RETURNS boolean
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
  SELECT CASE
    WHEN imo !~ '^[1-9][0-9]{6}$' OR imo = '1234567' THEN false
    ELSE (substr(imo, 1, 1)::int * 7 + substr(imo, 2, 1)::int * 6 + substr(imo, 3, 1)::int * 5
        + substr(imo, 4, 1)::int * 4 + substr(imo, 5, 1)::int * 3 + substr(imo, 6, 1)::int * 2) % 10
        = substr(imo, 7, 1)::int
  END
$$;
GRANT EXECUTE ON FUNCTION porttask_is_valid_imo(text) TO porttask_app;

-- A tenant's ports, filled from the reference list (server/src/schedules/reference-ports.ts)
-- the first time one of its port calls names the LOCODE.
CREATE TABLE ports (
  tenant_id         text NOT NULL REFERENCES tenants (id),
  un_location_code  text NOT NULL CHECK (un_location_code ~ '^[A-Z]{2}[A-Z2-9]{3}$'),
  port_name         text NOT NULL CHECK (length(port_name) BETWEEN 1 AND 100),
  country_code      text NOT NULL CHECK (country_code ~ '^[A-Z]{2}$'),
  time_zone         text NOT NULL CHECK (length(time_zone) BETWEEN 1 AND 64),
  latitude          double precision CHECK (latitude BETWEEN -90 AND 90),
  longitude         double precision CHECK (longitude BETWEEN -180 AND 180),
  created_at        timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, un_location_code),
  CHECK (left(un_location_code, 2) = country_code)
);
GRANT SELECT, INSERT ON ports TO porttask_app;

-- Terminals by SMDG code, within a port.
CREATE TABLE terminals (
  tenant_id           text NOT NULL,
  un_location_code    text NOT NULL,
  facility_smdg_code  text NOT NULL CHECK (facility_smdg_code ~ '^[A-Z0-9]{1,6}$'),
  terminal_name       text CHECK (length(terminal_name) BETWEEN 1 AND 100),
  created_at          timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, un_location_code, facility_smdg_code),
  FOREIGN KEY (tenant_id, un_location_code) REFERENCES ports (tenant_id, un_location_code)
);
GRANT SELECT, INSERT, UPDATE (terminal_name) ON terminals TO porttask_app;

-- Berths as port calls name them (free text in line-ups), within a port.
CREATE TABLE berths (
  tenant_id           text NOT NULL,
  un_location_code    text NOT NULL,
  berth_name          text NOT NULL CHECK (length(berth_name) BETWEEN 1 AND 50),
  facility_smdg_code  text,
  created_at          timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, un_location_code, berth_name),
  FOREIGN KEY (tenant_id, un_location_code) REFERENCES ports (tenant_id, un_location_code)
);
GRANT SELECT, INSERT ON berths TO porttask_app;

-- Vessels by IMO number (MMSI changes with flag and owner, so it is never a key).
CREATE TABLE vessels (
  tenant_id          text NOT NULL REFERENCES tenants (id),
  vessel_imo_number  text NOT NULL CHECK (porttask_is_valid_imo(vessel_imo_number)),
  vessel_name        text NOT NULL CHECK (length(vessel_name) BETWEEN 1 AND 100),
  mmsi_number        text CHECK (mmsi_number ~ '^[0-9]{9}$'),
  vessel_call_sign   text CHECK (vessel_call_sign ~ '^[A-Z0-9]{2,10}$'),
  length_overall     numeric(6, 2) CHECK (length_overall > 0),
  width              numeric(5, 2) CHECK (width > 0),
  draft              numeric(5, 2) CHECK (draft > 0),
  created_at         timestamptz NOT NULL DEFAULT now(),
  updated_at         timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, vessel_imo_number)
);
CREATE INDEX vessels_by_name ON vessels (tenant_id, lower(vessel_name));
CREATE INDEX vessels_by_mmsi ON vessels (tenant_id, mmsi_number);
GRANT SELECT, INSERT, UPDATE ON vessels TO porttask_app;

-- Carrier services and the voyages vessels make on them.
CREATE TABLE services (
  tenant_id              text NOT NULL REFERENCES tenants (id),
  carrier_service_code   text NOT NULL CHECK (carrier_service_code ~ '^[A-Z0-9]{1,11}$'),
  carrier_service_name   text CHECK (length(carrier_service_name) BETWEEN 1 AND 100),
  created_at             timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, carrier_service_code)
);
GRANT SELECT, INSERT, UPDATE (carrier_service_name) ON services TO porttask_app;

CREATE TABLE voyages (
  tenant_id              text NOT NULL,
  vessel_imo_number      text NOT NULL,
  carrier_voyage_number  text NOT NULL CHECK (length(carrier_voyage_number) BETWEEN 1 AND 50),
  carrier_service_code   text,
  created_at             timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, vessel_imo_number, carrier_voyage_number),
  FOREIGN KEY (tenant_id, vessel_imo_number) REFERENCES vessels (tenant_id, vessel_imo_number),
  FOREIGN KEY (tenant_id, carrier_service_code) REFERENCES services (tenant_id, carrier_service_code)
);
GRANT SELECT, INSERT ON voyages TO porttask_app;
