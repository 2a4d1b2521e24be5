-- Staff access tokens on the API, and the sign-up settings API.
--
-- 1. An API process keeps an account's role and disabled state for a second after reading
--    them (to check a staff access token). A change of role, a disabling or a deletion is
--    announced on `porttask_accounts` ("tenant:environment:account id") so every process
--    drops what it kept at once. NOTIFY is delivered at commit: nothing acts on a rollback.
CREATE FUNCTION porttask_announce_account_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('porttask_accounts', OLD.tenant_id || ':' || OLD.environment || ':' || OLD.id);
  RETURN NULL;
END $$;
CREATE TRIGGER auth_users_announce_change
  AFTER UPDATE OF role, disabled_at OR DELETE ON auth_users
  FOR EACH ROW EXECUTE FUNCTION porttask_announce_account_change();

-- 2. Sign-up settings become editable through the API (GET/PUT /v1/sign-up-settings):
--    whether sign-up is open, whether the privacy policy must be accepted, and the age of
--    digital consent per jurisdiction (NULL: not set, the age gate keeps `minimum_age`).
--    The API checks each age against the law's range; the database keeps them plausible.
ALTER TABLE account_sign_up_settings
  ADD COLUMN sign_up_open             boolean NOT NULL DEFAULT true,
  ADD COLUMN require_privacy_policy   boolean NOT NULL DEFAULT true,
  ADD COLUMN ages_of_digital_consent  jsonb CHECK (
    jsonb_typeof(ages_of_digital_consent) = 'object'
    AND NOT jsonb_path_exists(ages_of_digital_consent, '$.* ? (@.type() != "number" || @ < 12 || @ > 21)')
  );
GRANT INSERT, UPDATE ON account_sign_up_settings TO porttask_app;
