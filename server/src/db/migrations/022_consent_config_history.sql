-- Every consent configuration a tenant saved, kept for good. consent_configs holds only the
-- current one; with this history, the policy versions (kept already) and the widgets' own
-- catalogs (versioned with the code), what a banner showed at any moment can be rebuilt and a
-- record's bannerTextHash checked against it. Append-only, like the records themselves.
CREATE TABLE consent_config_history (
  tenant_id    text NOT NULL REFERENCES tenants (id),
  sequence     bigint GENERATED ALWAYS AS IDENTITY,
  model        text NOT NULL CHECK (model IN ('opt_in', 'opt_out')),
  honour_gpc   boolean NOT NULL,
  expiry_days  integer NOT NULL CHECK (expiry_days BETWEEN 1 AND 395),
  purposes     jsonb NOT NULL CHECK (jsonb_typeof(purposes) = 'array'),
  texts        jsonb NOT NULL CHECK (jsonb_typeof(texts) = 'object'),
  saved_at     timestamptz NOT NULL,
  PRIMARY KEY (tenant_id, sequence)
);
GRANT SELECT, INSERT ON consent_config_history TO porttask_app;

-- Configurations saved before this migration are the first entries of their tenants' history
-- (only the last one of each: earlier ones were overwritten before the history existed).
INSERT INTO consent_config_history (tenant_id, model, honour_gpc, expiry_days, purposes, texts, saved_at)
SELECT tenant_id, model, honour_gpc, expiry_days, purposes, texts, updated_at FROM consent_configs;
