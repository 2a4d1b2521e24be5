-- Sign-up rules of a tenant environment, and the record of what each new account accepted.
--
-- account_sign_up_settings: the tenant's terms of use (version, URL) and its age gate. Absent
-- row = no terms, and "I am at least 18" as the age gate (the strictest common age of digital
-- consent: DPDP's 18; GDPR's 16, or 13-15 where a member state says so).
CREATE TABLE account_sign_up_settings (
  tenant_id      text NOT NULL REFERENCES tenants (id),
  environment    text NOT NULL CHECK (environment IN ('test', 'live')),
  terms_version  text CHECK (length(terms_version) BETWEEN 1 AND 64),
  terms_url      text CHECK (terms_url ~ '^https?://' AND length(terms_url) <= 2000),
  age_gate       text NOT NULL DEFAULT 'self_declaration' CHECK (age_gate IN ('self_declaration', 'date_of_birth')),
  minimum_age    smallint NOT NULL DEFAULT 18 CHECK (minimum_age BETWEEN 13 AND 21),
  updated_at     timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, environment),
  CHECK ((terms_version IS NULL) = (terms_url IS NULL))
);
GRANT SELECT ON account_sign_up_settings TO porttask_app;

-- Append-only, like a consent record: which privacy-policy and terms versions a new account
-- accepted, the SHA-256 of the exact statement it was shown (in its language), and how its
-- age was checked. A date of birth is never stored, only that the check passed.
CREATE TABLE account_acceptances (
  tenant_id               text NOT NULL REFERENCES tenants (id),
  environment             text NOT NULL CHECK (environment IN ('test', 'live')),
  user_id                 text NOT NULL,
  privacy_policy_version  text CHECK (length(privacy_policy_version) BETWEEN 1 AND 64),
  terms_version           text CHECK (length(terms_version) BETWEEN 1 AND 64),
  statement_hash          bytea NOT NULL CHECK (length(statement_hash) = 32),
  locale                  text NOT NULL CHECK (locale ~ '^[a-z]{2}$'),
  age_check               text NOT NULL CHECK (age_check IN ('self_declaration', 'date_of_birth')),
  minimum_age             smallint NOT NULL,
  ip_address              text CHECK (length(ip_address) <= 45),
  user_agent              text CHECK (length(user_agent) <= 1000),
  accepted_at             timestamptz NOT NULL DEFAULT clock_timestamp(),
  PRIMARY KEY (tenant_id, environment, user_id, accepted_at),
  FOREIGN KEY (tenant_id, environment, user_id) REFERENCES auth_users (tenant_id, environment, id)
);
GRANT SELECT, INSERT ON account_acceptances TO porttask_app;
