-- The login audit trail: every sign-in attempt and account event, per tenant and environment,
-- as a hash chain the app can only append to. See docs/accounts.md ("Login audit trail").
--
-- Each row's row_hash = SHA-256(prev_hash ‖ canonical text of the row) and row_mac is an
-- HMAC of that text under a per-tenant key derived from PORTTASK_MASTER_KEY, which the
-- database never sees. Checkpoints sign the chain's head with Ed25519 and chain to each other.
CREATE TABLE login_audit_events (
  tenant_id     text NOT NULL REFERENCES tenants (id),
  environment   text NOT NULL CHECK (environment IN ('test', 'live')),
  sequence      bigint NOT NULL CHECK (sequence >= 1),
  -- Hashed as text to the microsecond (to_char … 'US'), which PostgreSQL keeps exactly.
  occurred_at   timestamptz NOT NULL,
  outcome       text NOT NULL CHECK (outcome IN (
                  'success', 'wrong_password', 'unknown_email', 'locked', 'mfa_failed',
                  'reset_requested', 'reset', 'sign_out', 'sign_up', 'refresh_reused')),
  ip_address    inet,
  -- The canonical text joins fields with newlines: no control characters, no empty strings
  -- (absent is NULL), so the text has one reading.
  user_agent    text CHECK (user_agent <> '' AND length(user_agent) <= 1000 AND user_agent !~ '[[:cntrl:]]'),
  -- The email that was tried, encrypted (never plaintext): logs keep no personal data but the IP.
  email_sealed  text CHECK (email_sealed ~ '^[A-Za-z0-9._~-]+$' AND length(email_sealed) <= 2000),
  account_id    text CHECK (account_id ~ '^[A-Za-z0-9_-]{1,64}$'),
  prev_hash     bytea NOT NULL CHECK (length(prev_hash) = 32),
  row_hash      bytea NOT NULL CHECK (length(row_hash) = 32),
  row_mac       bytea NOT NULL CHECK (length(row_mac) = 32),
  PRIMARY KEY (tenant_id, environment, sequence)
);
-- A tenant's list, newest first, by outcome.
CREATE INDEX login_audit_events_outcome ON login_audit_events (tenant_id, environment, outcome, sequence);
-- Retention finds the purge boundary by time.
CREATE INDEX login_audit_events_time ON login_audit_events (tenant_id, environment, occurred_at);
-- Lockout reads an account's recent attempts from the trail itself (accounts/lockout.ts).
CREATE INDEX login_audit_events_account ON login_audit_events (tenant_id, environment, account_id, occurred_at) WHERE account_id IS NOT NULL;
GRANT SELECT, INSERT ON login_audit_events TO porttask_app;

-- Signed checkpoints. Each one states the chain's head it saw (through_sequence and its
-- row_hash) and where retention has purged up to (purged_through_*: the hash the first
-- retained row must link to). checkpoint_hash = SHA-256(prev_checkpoint_hash ‖ canonical
-- text), signed with Ed25519 under a key derived from PORTTASK_MASTER_KEY.
CREATE TABLE login_audit_checkpoints (
  tenant_id                text NOT NULL REFERENCES tenants (id),
  environment              text NOT NULL CHECK (environment IN ('test', 'live')),
  number                   bigint NOT NULL CHECK (number >= 1),
  kind                     text NOT NULL CHECK (kind IN ('periodic', 'purge')),
  created_at               timestamptz NOT NULL,
  through_sequence         bigint NOT NULL CHECK (through_sequence >= 0),
  through_row_hash         bytea NOT NULL CHECK (length(through_row_hash) = 32),
  purged_through_sequence  bigint NOT NULL CHECK (purged_through_sequence >= 0),
  purged_through_row_hash  bytea NOT NULL CHECK (length(purged_through_row_hash) = 32),
  prev_checkpoint_hash     bytea NOT NULL CHECK (length(prev_checkpoint_hash) = 32),
  checkpoint_hash          bytea NOT NULL CHECK (length(checkpoint_hash) = 32),
  key_id                   text NOT NULL CHECK (key_id ~ '^lak_[0-9a-f]{16}$'),
  signature                bytea NOT NULL CHECK (length(signature) = 64),
  PRIMARY KEY (tenant_id, environment, number),
  CHECK (purged_through_sequence <= through_sequence)
);
GRANT SELECT, INSERT ON login_audit_checkpoints TO porttask_app;
