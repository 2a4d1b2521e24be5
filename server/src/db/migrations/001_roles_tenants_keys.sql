-- The application role. Requests run as it (see db/connection.ts); it gets only the
-- privileges each table grants below, so append-only tables stay append-only even if the
-- app has a bug. Roles are cluster-wide, so creating it must tolerate a concurrent creator.
DO $$
BEGIN
  CREATE ROLE porttask_app NOLOGIN;
EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
END $$;
GRANT porttask_app TO CURRENT_USER;
GRANT USAGE ON SCHEMA public TO porttask_app;

-- A tenant is one partner organisation, pinned to one data-residency region.
CREATE TABLE tenants (
  id                  text PRIMARY KEY CHECK (id ~ '^ten_[0-9a-z]{20}$'),
  name                text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  region              text NOT NULL CHECK (region IN ('eu', 'us', 'in', 'br', 'sg')),
  default_locale      text NOT NULL DEFAULT 'en',
  locales             text[] NOT NULL DEFAULT '{en,da,de,hi}',
  jurisdictions       text[] NOT NULL DEFAULT '{gdpr}',
  widgets             text[] NOT NULL DEFAULT '{}',
  policy_version      text,
  policy_url          text,
  policy_last_updated date,
  created_at          timestamptz NOT NULL DEFAULT now()
);
GRANT SELECT ON tenants TO porttask_app;

-- API keys. The key itself is never stored: only its SHA-256. The tenant id is part of
-- the key's text, so a lookup is by (tenant_id, token_hash), which a tenant-sharded
-- cluster routes to one shard.
CREATE TABLE api_keys (
  tenant_id       text NOT NULL REFERENCES tenants (id),
  id              text NOT NULL CHECK (id ~ '^key_[0-9a-z]{20}$'),
  kind            text NOT NULL CHECK (kind IN ('publishable', 'secret')),
  environment     text NOT NULL CHECK (environment IN ('test', 'live')),
  token_hash      bytea NOT NULL CHECK (length(token_hash) = 32),
  display_prefix  text NOT NULL,
  label           text CHECK (length(label) <= 200),
  allowed_origins text[] NOT NULL DEFAULT '{}',
  created_at      timestamptz NOT NULL DEFAULT now(),
  revoked_at      timestamptz,
  PRIMARY KEY (tenant_id, id),
  UNIQUE (tenant_id, token_hash),
  CHECK (kind = 'publishable' OR allowed_origins = '{}')
);
-- CORS preflights carry no key, so they ask "does any live key allow this origin?".
CREATE INDEX api_keys_allowed_origins ON api_keys USING gin (allowed_origins) WHERE revoked_at IS NULL;
GRANT SELECT ON api_keys TO porttask_app;
