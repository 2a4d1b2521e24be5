-- Privacy-rights requests (rights/). A request's personal data (email, name, details, and any
-- reason written about it) is encrypted under the requester's subject key (040); lookups by
-- email use the blind index. Deadlines are computed by rights/clocks at receipt and stored.

CREATE TABLE rights_requests (
  tenant_id             text NOT NULL REFERENCES tenants (id),
  environment           text NOT NULL CHECK (environment IN ('test', 'live')),
  id                    text NOT NULL CHECK (id ~ '^rr_[0-9a-z]{20}$'),
  type                  text NOT NULL CHECK (type IN ('access', 'export', 'correction', 'deletion', 'restriction', 'objection',
                          'objection_to_automated_decision', 'withdraw_consent', 'nomination', 'grievance')),
  status                text NOT NULL CHECK (status IN ('identity_unverified', 'pending', 'approved', 'denied', 'in_progress',
                          'completed', 'cancelled', 'expired_unverified')),
  subject_key_id        text NOT NULL,
  email_index           bytea NOT NULL CHECK (length(email_index) = 32),
  email                 bytea NOT NULL,
  name                  bytea,
  details               bytea,
  locale                text NOT NULL CHECK (locale IN ('en', 'da', 'de', 'hi')),
  consent_subject_id    text CHECK (consent_subject_id ~ '^[A-Za-z0-9_-]{8,64}$'),
  requester_token_hash  bytea NOT NULL CHECK (length(requester_token_hash) = 32),
  -- The legal clock (rights/clocks): which law's deadline governs, and its dates.
  jurisdiction          text NOT NULL CHECK (jurisdiction IN ('gdpr', 'uk_gdpr', 'dpdp', 'ccpa', 'lgpd', 'pdpa')),
  clock_source          text NOT NULL,
  received_at           timestamptz NOT NULL,
  received_on           date NOT NULL,
  due_on                date NOT NULL,
  original_due_on       date NOT NULL,
  confirm_receipt_by    date,
  extended_on           date,
  -- Email verification: a keyed hash of the 6-digit code, never the code.
  code_hash             bytea CHECK (length(code_hash) = 32),
  code_expires_at       timestamptz,
  code_failures         integer NOT NULL DEFAULT 0 CHECK (code_failures BETWEEN 0 AND 3),
  codes_sent            integer NOT NULL DEFAULT 1 CHECK (codes_sent >= 1),
  verified_at           timestamptz,
  closed_at             timestamptz,
  updated_at            timestamptz NOT NULL DEFAULT clock_timestamp(),
  -- Order of arrival: staff lists page on it (newest first).
  sequence              bigint GENERATED ALWAYS AS IDENTITY,
  PRIMARY KEY (tenant_id, environment, id),
  FOREIGN KEY (tenant_id, environment, subject_key_id) REFERENCES subject_keys (tenant_id, environment, id)
);
CREATE INDEX rights_requests_newest ON rights_requests (tenant_id, environment, sequence DESC);
CREATE INDEX rights_requests_by_email ON rights_requests (tenant_id, environment, email_index);
CREATE INDEX rights_requests_open_by_due_date ON rights_requests (tenant_id, environment, due_on)
  WHERE status IN ('pending', 'approved', 'in_progress');
GRANT SELECT, INSERT ON rights_requests TO porttask_app;
-- The app moves a request through its lifecycle; who it is from and when it came never change.
GRANT UPDATE (status, name, details, due_on, extended_on, code_hash, code_expires_at, code_failures, codes_sent,
  verified_at, closed_at, updated_at) ON rights_requests TO porttask_app;

-- Every transition of a request: who, when, why. Append-only for the app role.
CREATE TABLE rights_request_events (
  tenant_id             text NOT NULL,
  environment           text NOT NULL CHECK (environment IN ('test', 'live')),
  request_id            text NOT NULL,
  sequence              bigint GENERATED ALWAYS AS IDENTITY,
  event                 text NOT NULL CHECK (event IN ('received', 'code_sent', 'verification_failed', 'locked', 'verified',
                          'receipt_confirmed', 'approved', 'denied', 'extended', 'note', 'in_progress', 'completed', 'cancelled', 'expired')),
  actor                 text NOT NULL CHECK (actor IN ('requester', 'staff', 'system')),
  -- The API key or staff member that acted (never a requester's personal data).
  actor_id              text CHECK (length(actor_id) <= 100),
  -- Encrypted under the request's subject key: reasons and notes may name the person.
  reason                bytea,
  visible_to_requester  boolean NOT NULL,
  occurred_at           timestamptz NOT NULL DEFAULT clock_timestamp(),
  PRIMARY KEY (tenant_id, environment, request_id, sequence),
  FOREIGN KEY (tenant_id, environment, request_id) REFERENCES rights_requests (tenant_id, environment, id)
);
GRANT SELECT, INSERT ON rights_request_events TO porttask_app;
