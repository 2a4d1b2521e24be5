-- Key management through the API (secret key): change a publishable key's origins, and roll
-- a key (Stripe's model): a replacement is created and the old key gets an expiry, both
-- working until then. `sequence` orders the list and its cursors.
ALTER TABLE api_keys
  ADD COLUMN expires_at  timestamptz,
  ADD COLUMN replaced_by text CHECK (replaced_by ~ '^key_[0-9a-z]{20}$'),
  ADD COLUMN sequence    bigint GENERATED ALWAYS AS IDENTITY,
  ADD CONSTRAINT api_keys_origin_count CHECK (cardinality(allowed_origins) <= 100),
  ADD CONSTRAINT api_keys_rolled_expires CHECK (replaced_by IS NULL OR expires_at IS NOT NULL);
CREATE UNIQUE INDEX api_keys_sequence ON api_keys (tenant_id, sequence);

-- Requests may add keys (a roll) and change what a partner may change; never the kind, the
-- environment, the hash or a revocation (revoking stays with operators, and is never undone).
GRANT INSERT ON api_keys TO porttask_app;
GRANT UPDATE (allowed_origins, label, expires_at, replaced_by) ON api_keys TO porttask_app;

-- Every change to a key is announced on `porttask_keys` ("tenant_id:key_id"), from whatever
-- process made it (an API request, the CLI, SQL by hand). API processes LISTEN: they drop the
-- key from their lookup cache and end live streams opened with a key that stopped working.
-- NOTIFY is delivered at commit, so nobody acts on a change that rolled back.
CREATE FUNCTION porttask_announce_key_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('porttask_keys', NEW.tenant_id || ':' || NEW.id);
  RETURN NULL;
END $$;
CREATE TRIGGER api_keys_announce_change
  AFTER UPDATE ON api_keys
  FOR EACH ROW EXECUTE FUNCTION porttask_announce_key_change();
