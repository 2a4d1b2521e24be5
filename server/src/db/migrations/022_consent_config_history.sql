-- Every consent configuration a tenant saved, kept for good. consent_configs holds only the
-- current one; with this history, the policy versions (kept already) and the widgets' own
-- catalogs (versioned with the code), what a banner showed at any moment can be rebuilt and a
-- record's bannerTextHash checked against it. Append-only, like the records themselves.
CREATE TABLE consent_config_history (
  tenant_id    text NOT NULL REFERENCES tenants (id),
  sequence     bigint GENERATED ALWAYS AS IDENTITY,
  model        text NOT NULL,
  honour_gpc   boolean NOT NULL,
  expiry_days  integer NOT NULL,
  purposes     jsonb NOT NULL,
  texts        jsonb NOT NULL,
  saved_at     timestamptz NOT NULL,
  PRIMARY KEY (tenant_id, sequence)
);
GRANT SELECT, INSERT ON consent_config_history TO porttask_app;

-- Configurations saved before this migration are the first entries of their tenants' history.
INSERT INTO consent_config_history (tenant_id, model, honour_gpc, expiry_days, purposes, texts, saved_at)
SELECT tenant_id, model, honour_gpc, expiry_days, purposes, texts, updated_at FROM consent_configs;
