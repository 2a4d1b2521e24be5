-- Consent (docs/consent.md): each tenant's consent configuration, the history of its
-- privacy-policy versions, and the append-only records of visitors' decisions.

-- One row per tenant that has configured consent; tenants without one get the defaults
-- (consents/consent-defaults.ts). Purposes and texts are validated by the contract schemas
-- before they are written, and are read whole, so they are jsonb.
CREATE TABLE consent_configs (
  tenant_id    text PRIMARY KEY REFERENCES tenants (id),
  model        text NOT NULL CHECK (model IN ('opt_in', 'opt_out')),
  honour_gpc   boolean NOT NULL DEFAULT true,
  expiry_days  integer NOT NULL DEFAULT 182 CHECK (expiry_days BETWEEN 1 AND 395),
  purposes     jsonb NOT NULL CHECK (jsonb_typeof(purposes) = 'array'),
  texts        jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(texts) = 'object'),
  updated_at   timestamptz NOT NULL DEFAULT now()
);
-- The secret-key API replaces the configuration (INSERT … ON CONFLICT DO UPDATE).
GRANT SELECT, INSERT, UPDATE ON consent_configs TO porttask_app;

-- Every policy version a tenant ever published. The newest is the current one. A version is
-- never changed or removed: consent records point at it, and proof needs the text it named.
CREATE TABLE consent_policy_versions (
  tenant_id     text NOT NULL REFERENCES tenants (id),
  version       text NOT NULL CHECK (length(version) BETWEEN 1 AND 64),
  url           text NOT NULL CHECK (url ~ '^https?://'),
  last_updated  date NOT NULL,
  sequence      bigint GENERATED ALWAYS AS IDENTITY,
  created_at    timestamptz NOT NULL DEFAULT clock_timestamp(),
  PRIMARY KEY (tenant_id, version)
);
CREATE INDEX consent_policy_versions_newest ON consent_policy_versions (tenant_id, sequence DESC);
GRANT SELECT, INSERT ON consent_policy_versions TO porttask_app;

-- The policy a tenant was created with (tenants.policy_*, set by the owner through the CLI,
-- the demo seed or tests) is its first version: copy it into the history, now and whenever
-- the owner sets another one there.
CREATE FUNCTION consent_policy_from_tenant() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.policy_version IS NOT NULL AND NEW.policy_url IS NOT NULL AND NEW.policy_last_updated IS NOT NULL THEN
    INSERT INTO consent_policy_versions (tenant_id, version, url, last_updated)
    VALUES (NEW.id, NEW.policy_version, NEW.policy_url, NEW.policy_last_updated)
    ON CONFLICT (tenant_id, version) DO NOTHING;
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER tenants_policy_history
  AFTER INSERT OR UPDATE OF policy_version, policy_url, policy_last_updated ON tenants
  FOR EACH ROW EXECUTE FUNCTION consent_policy_from_tenant();
INSERT INTO consent_policy_versions (tenant_id, version, url, last_updated)
  SELECT id, policy_version, policy_url, policy_last_updated FROM tenants
  WHERE policy_version IS NOT NULL AND policy_url IS NOT NULL AND policy_last_updated IS NOT NULL
  ORDER BY created_at
  ON CONFLICT DO NOTHING;

-- Proof of consent. Append-only: the app role may INSERT and SELECT, nothing else, so no
-- route and no bug of the app can rewrite what a visitor decided.
CREATE TABLE consent_records (
  tenant_id         text NOT NULL REFERENCES tenants (id),
  id                text NOT NULL CHECK (id ~ '^rcpt_[0-9a-z]{24}$'),
  subject_id        text NOT NULL CHECK (subject_id ~ '^[A-Za-z0-9_-]{8,64}$'),
  choices           jsonb NOT NULL CHECK (jsonb_typeof(choices) = 'object'),
  policy_version    text NOT NULL,
  banner_text_hash  text NOT NULL CHECK (banner_text_hash ~ '^[0-9a-f]{64}$'),
  locale            text NOT NULL,
  source            text NOT NULL CHECK (source IN ('banner', 'preferences', 'gpc', 'api')),
  gpc               boolean NOT NULL,
  ip_address        inet,
  user_agent        text CHECK (length(user_agent) <= 1000),
  decided_at        timestamptz,
  recorded_at       timestamptz NOT NULL DEFAULT clock_timestamp(),
  sequence          bigint GENERATED ALWAYS AS IDENTITY,
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, policy_version) REFERENCES consent_policy_versions (tenant_id, version)
);
-- A subject's history, in order (keyset pagination on sequence).
CREATE INDEX consent_records_subject ON consent_records (tenant_id, subject_id, sequence);
GRANT SELECT, INSERT ON consent_records TO porttask_app;
