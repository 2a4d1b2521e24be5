-- Guardian consent for minors' accounts (accounts/guardian/, docs/accounts.md, "Accounts of
-- minors"). Below the tenant's age of digital consent an account is created but stays
-- unusable until a parent or guardian consents through a link mailed to them.

-- 1. A tenant environment may turn it off: an under-age sign-up is then refused as before.
ALTER TABLE account_sign_up_settings ADD COLUMN guardian_consent boolean NOT NULL DEFAULT true;

-- 2. The account's state: NULL (no consent needed), 'pending' (no session, no token until a
--    guardian consents) or 'given'. Set at the account's insert, so it is never usable first.
ALTER TABLE auth_users ADD COLUMN guardian_consent text CHECK (guardian_consent IN ('pending', 'given'));

-- 3. The open request of a pending account: where the mail went (sealed under the child's
--    per-person key, the login audit's key of their address), the SHA-256 of the link's secret
--    (the link works once: the row goes when it is answered), what the child accepted, the site
--    they signed up on, and when the account is erased unanswered (14 days after sign-up).
--    It goes with the account (erase_account deletes the account; the row cascades).
CREATE TABLE guardian_consent_requests (
  tenant_id               text NOT NULL REFERENCES tenants (id),
  environment             text NOT NULL CHECK (environment IN ('test', 'live')),
  user_id                 text NOT NULL,
  subject_key_id          text NOT NULL,
  guardian_email_sealed   bytea NOT NULL,
  token_hash              bytea NOT NULL CHECK (length(token_hash) = 32),
  locale                  text NOT NULL CHECK (locale ~ '^[a-z]{2}$'),
  service_origin          text NOT NULL CHECK (length(service_origin) <= 300),
  privacy_policy_version  text CHECK (length(privacy_policy_version) BETWEEN 1 AND 64),
  privacy_policy_url      text CHECK (length(privacy_policy_url) <= 2000),
  terms_version           text CHECK (length(terms_version) BETWEEN 1 AND 64),
  terms_url               text CHECK (length(terms_url) <= 2000),
  mails_sent              smallint NOT NULL DEFAULT 1 CHECK (mails_sent >= 1),
  last_sent_at            timestamptz NOT NULL DEFAULT now(),
  created_at              timestamptz NOT NULL DEFAULT now(),
  expires_at              timestamptz NOT NULL,
  PRIMARY KEY (tenant_id, environment, user_id),
  UNIQUE (tenant_id, environment, token_hash),
  FOREIGN KEY (tenant_id, environment, user_id) REFERENCES auth_users (tenant_id, environment, id) ON DELETE CASCADE,
  FOREIGN KEY (tenant_id, environment, subject_key_id) REFERENCES subject_keys (tenant_id, environment, id)
);
CREATE INDEX guardian_consent_requests_due ON guardian_consent_requests (expires_at);
GRANT SELECT, INSERT, DELETE ON guardian_consent_requests TO porttask_app;
GRANT UPDATE (token_hash, mails_sent, last_sent_at) ON guardian_consent_requests TO porttask_app;

-- 4. Append-only, like a consent record: what a guardian decided ('given', 'refused') or that
--    nobody answered in time ('expired'), with the versions and the SHA-256 of the exact
--    statement shown. The guardian's name, email, IP address and browser are sealed under the
--    child's per-person key: erasing the account shreds that key, and the rest stays as proof.
CREATE TABLE guardian_consents (
  tenant_id                   text NOT NULL REFERENCES tenants (id),
  environment                 text NOT NULL CHECK (environment IN ('test', 'live')),
  user_id                     text NOT NULL,
  decision                    text NOT NULL CHECK (decision IN ('given', 'refused', 'expired')),
  privacy_policy_version      text CHECK (length(privacy_policy_version) BETWEEN 1 AND 64),
  terms_version               text CHECK (length(terms_version) BETWEEN 1 AND 64),
  statement_hash              bytea CHECK (length(statement_hash) = 32),
  locale                      text CHECK (locale ~ '^[a-z]{2}$'),
  subject_key_id              text,
  guardian_name_sealed        bytea,
  guardian_email_sealed       bytea,
  ip_address_sealed           bytea,
  user_agent_sealed           bytea,
  decided_at                  timestamptz NOT NULL DEFAULT clock_timestamp(),
  PRIMARY KEY (tenant_id, environment, user_id, decided_at),
  FOREIGN KEY (tenant_id, environment, subject_key_id) REFERENCES subject_keys (tenant_id, environment, id),
  CHECK (decision = 'expired' OR (statement_hash IS NOT NULL AND subject_key_id IS NOT NULL AND guardian_email_sealed IS NOT NULL))
);
GRANT SELECT, INSERT ON guardian_consents TO porttask_app;

-- 5. The login audit trail records a pending account's refused sign-in and the guardian's
--    answer (allow_login_outcomes: migration 057).
SELECT allow_login_outcomes(ARRAY['guardian_consent_pending', 'guardian_consent_given', 'guardian_consent_refused']);
