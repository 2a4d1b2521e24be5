-- Every change to what `GET /v1/config` answers is announced on `porttask_config` with the
-- tenant's id: the tenant itself (name, locales, jurisdictions, widgets), its consent
-- configuration, its policy versions and its rights settings. API processes LISTEN and drop
-- that tenant's cached configuration answer, whatever made the change (an API request, the
-- CLI, SQL by hand). NOTIFY is delivered at commit, and identical payloads of one transaction
-- are delivered once.
CREATE FUNCTION porttask_announce_config_change() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  changed jsonb := to_jsonb(CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END);
BEGIN
  -- `tenants` names the tenant `id`; every tenant-owned table `tenant_id`.
  PERFORM pg_notify('porttask_config', COALESCE(changed ->> 'tenant_id', changed ->> 'id'));
  RETURN NULL;
END $$;

-- One trigger per table that feeds the answer: <table>_announce_config_change.
DO $$
DECLARE
  feeding text;
BEGIN
  FOREACH feeding IN ARRAY ARRAY['tenants', 'consent_configs', 'consent_policy_versions', 'rights_settings'] LOOP
    EXECUTE format(
      'CREATE TRIGGER %I AFTER INSERT OR UPDATE OR DELETE ON %I FOR EACH ROW EXECUTE FUNCTION porttask_announce_config_change()',
      feeding || '_announce_config_change', feeding);
  END LOOP;
END $$;
