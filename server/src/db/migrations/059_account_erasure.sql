-- A completed deletion request reaches the person's account and their login audit trail
-- (rights/fulfilment/account-erasure.ts).
--
-- 1. The login audit seals each address under a key of its own person (a subject key, see
--    040_field_encryption.sql), found by the address's blind index here. Erasure deletes the
--    row and shreds the key: the trail keeps time, IP address and outcome, the sealed address
--    in it opens no more, and the chain (which hashed the sealed text) still verifies.
CREATE TABLE login_audit_email_subjects (
  tenant_id       text NOT NULL REFERENCES tenants (id),
  environment     text NOT NULL CHECK (environment IN ('test', 'live')),
  email_index     bytea NOT NULL CHECK (length(email_index) = 32),
  subject_key_id  text NOT NULL,
  created_at      timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, environment, email_index),
  FOREIGN KEY (tenant_id, environment, subject_key_id) REFERENCES subject_keys (tenant_id, environment, id)
);
GRANT SELECT, INSERT, DELETE ON login_audit_email_subjects TO porttask_app;

-- 2. What a new account accepted at sign-up is proof, kept after the account is deleted (like
--    a consent record): the versions, the statement's hash, the age check and the time. The
--    link to the deleted account goes (its id then names nobody), and so do the IP address
--    and browser, which are personal data the proof does not need.
ALTER TABLE account_acceptances DROP CONSTRAINT account_acceptances_tenant_id_environment_user_id_fkey;

-- 3. Deleting an account. The application role may not delete accounts, login methods or
--    refresh tokens (append-only or update-only for sign-in), nor change acceptance records;
--    it may call this one function, which deletes the account of one tenant environment with
--    its sessions, login methods (password hashes), refresh tokens and pending verifications,
--    and strips IP address and browser from its acceptance records. Returns false when there
--    is no such account.
CREATE FUNCTION erase_account(p_tenant_id text, p_environment text, p_user_id text)
RETURNS boolean
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
DECLARE
  v_email text;
BEGIN
  SELECT email INTO v_email FROM public.auth_users
  WHERE tenant_id = p_tenant_id AND environment = p_environment AND id = p_user_id
  FOR UPDATE;
  IF NOT FOUND THEN
    RETURN false;
  END IF;
  UPDATE public.account_acceptances SET ip_address = NULL, user_agent = NULL
  WHERE tenant_id = p_tenant_id AND environment = p_environment AND user_id = p_user_id;
  -- better-auth's pending verifications (email checks, password resets) name the account by
  -- its id (value) or its address (within the identifier).
  DELETE FROM public.auth_verifications
  WHERE tenant_id = p_tenant_id AND environment = p_environment
    AND (value = p_user_id OR identifier = v_email OR strpos(identifier, v_email) > 0);
  DELETE FROM public.auth_refresh_tokens WHERE tenant_id = p_tenant_id AND environment = p_environment AND user_id = p_user_id;
  DELETE FROM public.auth_sessions WHERE tenant_id = p_tenant_id AND environment = p_environment AND user_id = p_user_id;
  DELETE FROM public.auth_accounts WHERE tenant_id = p_tenant_id AND environment = p_environment AND user_id = p_user_id;
  DELETE FROM public.auth_users WHERE tenant_id = p_tenant_id AND environment = p_environment AND id = p_user_id;
  RETURN true;
END;
$$;
REVOKE ALL ON FUNCTION erase_account(text, text, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION erase_account(text, text, text) TO porttask_app;
