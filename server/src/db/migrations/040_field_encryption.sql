-- Field encryption at rest (secrets/field-cipher.ts). Three layers of keys:
--   master key (PORTTASK_MASTER_KEY, never in the database)
--     wraps one data key per tenant and environment (data_keys),
--       which wraps one key per data subject (subject_keys),
--         which encrypts that subject's fields (AES-256-GCM) wherever they are stored.
-- Rotating the master key re-wraps the data keys only; erasing a subject deletes its key,
-- which leaves every value encrypted under it unreadable (crypto-shredding).

CREATE TABLE data_keys (
  tenant_id      text NOT NULL REFERENCES tenants (id),
  environment    text NOT NULL CHECK (environment IN ('test', 'live')),
  wrapped_key    bytea NOT NULL,
  master_key_id  text NOT NULL CHECK (master_key_id ~ '^mk_[0-9a-f]{16}$'),
  created_at     timestamptz NOT NULL DEFAULT now(),
  rewrapped_at   timestamptz,
  PRIMARY KEY (tenant_id, environment)
);
-- The app creates a tenant's key on first use; only `porttask secrets rotate` (the owner)
-- re-wraps one.
GRANT SELECT, INSERT ON data_keys TO porttask_app;
CREATE INDEX data_keys_by_master_key ON data_keys (master_key_id);

CREATE TABLE subject_keys (
  tenant_id    text NOT NULL REFERENCES tenants (id),
  environment  text NOT NULL CHECK (environment IN ('test', 'live')),
  id           text NOT NULL CHECK (id ~ '^skey_[0-9a-z]{20}$'),
  -- NULL once shredded.
  wrapped_key  bytea,
  created_at   timestamptz NOT NULL DEFAULT now(),
  shredded_at  timestamptz,
  PRIMARY KEY (tenant_id, environment, id),
  CHECK ((wrapped_key IS NULL) = (shredded_at IS NOT NULL))
);
GRANT SELECT, INSERT ON subject_keys TO porttask_app;
GRANT UPDATE (wrapped_key, shredded_at) ON subject_keys TO porttask_app;

-- The one change a subject key may see is its shredding: never a new key in place of an old
-- one (that would let someone re-key a subject's history), never an un-shredding.
CREATE FUNCTION subject_keys_only_shred() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF OLD.wrapped_key IS NULL OR NEW.wrapped_key IS NOT NULL THEN
    RAISE EXCEPTION 'a subject key can only be shredded' USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER subject_keys_only_shred BEFORE UPDATE ON subject_keys
  FOR EACH ROW EXECUTE FUNCTION subject_keys_only_shred();
