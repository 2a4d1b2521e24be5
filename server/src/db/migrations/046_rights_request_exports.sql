-- Fulfilment of access and portability requests (rights/export/): what the partner holds for
-- a request's subject, the export bundle built when the request is completed, and every
-- download of it. Everything personal is encrypted under the request's subject key (040), so
-- erasing the requester makes all of it unreadable.

-- Where the requester follows the request: the partner's page with <porttask-request-status>
-- (on one of the publishable key's origins), and the requester token, encrypted, so the
-- completion mail can link there with the token in the URL fragment.
ALTER TABLE rights_requests
  ADD COLUMN status_page_url text CHECK (status_page_url ~ '^https?://' AND length(status_page_url) <= 2048),
  ADD COLUMN requester_token bytea;

-- What the partner holds about the subject (PUT /v1/rights-requests/{id}/data): named tables of
-- rows, as one encrypted JSON document, replaceable until the request is closed.
CREATE TABLE rights_request_partner_data (
  tenant_id       text NOT NULL,
  environment     text NOT NULL CHECK (environment IN ('test', 'live')),
  request_id      text NOT NULL,
  subject_key_id  text NOT NULL,
  tables          bytea NOT NULL,
  table_count     integer NOT NULL CHECK (table_count BETWEEN 0 AND 50),
  row_count       integer NOT NULL CHECK (row_count >= 0),
  byte_size       integer NOT NULL CHECK (byte_size >= 0),
  created_at      timestamptz NOT NULL DEFAULT clock_timestamp(),
  updated_at      timestamptz NOT NULL DEFAULT clock_timestamp(),
  PRIMARY KEY (tenant_id, environment, request_id),
  FOREIGN KEY (tenant_id, environment, request_id) REFERENCES rights_requests (tenant_id, environment, id),
  FOREIGN KEY (tenant_id, environment, subject_key_id) REFERENCES subject_keys (tenant_id, environment, id)
);
GRANT SELECT, INSERT ON rights_request_partner_data TO porttask_app;
GRANT UPDATE (tables, table_count, row_count, byte_size, updated_at) ON rights_request_partner_data TO porttask_app;
-- Erasure may remove it outright rather than leave ciphertext behind.
GRANT DELETE ON rights_request_partner_data TO porttask_app;

-- The bundle (a ZIP, encrypted), built by a job on the `rights_export` queue. One per request;
-- a rebuild gets a new id, which voids the links signed for the old one.
CREATE TABLE rights_request_exports (
  tenant_id       text NOT NULL,
  environment     text NOT NULL CHECK (environment IN ('test', 'live')),
  request_id      text NOT NULL,
  id              text NOT NULL CHECK (id ~ '^rx_[0-9a-z]{20}$'),
  subject_key_id  text NOT NULL,
  status          text NOT NULL CHECK (status IN ('building', 'ready', 'failed')),
  bundle          bytea,
  byte_size       integer CHECK (byte_size >= 0),
  file_count      integer CHECK (file_count >= 0),
  attempts        integer NOT NULL DEFAULT 0,
  last_error      text CHECK (length(last_error) <= 500),
  requested_at    timestamptz NOT NULL DEFAULT clock_timestamp(),
  ready_at        timestamptz,
  expires_at      timestamptz,
  PRIMARY KEY (tenant_id, environment, request_id),
  UNIQUE (tenant_id, environment, id),
  FOREIGN KEY (tenant_id, environment, request_id) REFERENCES rights_requests (tenant_id, environment, id),
  FOREIGN KEY (tenant_id, environment, subject_key_id) REFERENCES subject_keys (tenant_id, environment, id),
  CHECK ((status = 'ready') = (bundle IS NOT NULL AND ready_at IS NOT NULL AND expires_at IS NOT NULL))
);
GRANT SELECT, INSERT ON rights_request_exports TO porttask_app;
-- A rebuild takes a new id and request time (see requestExport).
GRANT UPDATE (id, status, bundle, byte_size, file_count, attempts, last_error, requested_at, ready_at, expires_at) ON rights_request_exports TO porttask_app;
GRANT DELETE ON rights_request_exports TO porttask_app;

-- Every download of a bundle: when, and with which kind of key. Append-only for the app role.
CREATE TABLE rights_request_downloads (
  tenant_id      text NOT NULL,
  environment    text NOT NULL CHECK (environment IN ('test', 'live')),
  request_id     text NOT NULL,
  sequence       bigint GENERATED ALWAYS AS IDENTITY,
  export_id      text NOT NULL CHECK (export_id ~ '^rx_[0-9a-z]{20}$'),
  key_kind       text NOT NULL CHECK (key_kind IN ('publishable', 'secret')),
  api_key_id     text NOT NULL CHECK (length(api_key_id) <= 100),
  byte_size      integer NOT NULL CHECK (byte_size >= 0),
  downloaded_at  timestamptz NOT NULL DEFAULT clock_timestamp(),
  PRIMARY KEY (tenant_id, environment, request_id, sequence),
  FOREIGN KEY (tenant_id, environment, request_id) REFERENCES rights_requests (tenant_id, environment, id)
);
GRANT SELECT, INSERT ON rights_request_downloads TO porttask_app;
