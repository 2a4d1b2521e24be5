-- Accounts (better-auth's user, session, account and verification models), per tenant and
-- environment: the same email in two tenants is two unrelated accounts. better-auth reads and
-- writes these through accounts/tenant-scoped-adapter.ts, which adds tenant_id and
-- environment to every query; our migration runner owns the tables (better-auth's own
-- migrations are not used). Column names are mapped in accounts/auth-options.ts.
CREATE TABLE auth_users (
  tenant_id       text NOT NULL REFERENCES tenants (id),
  environment     text NOT NULL CHECK (environment IN ('test', 'live')),
  id              text NOT NULL CHECK (id ~ '^[A-Za-z0-9_-]{1,64}$'),
  name            text NOT NULL CHECK (length(name) <= 200),
  email           text NOT NULL CHECK (length(email) BETWEEN 3 AND 320 AND email = lower(email)),
  email_verified  boolean NOT NULL DEFAULT false,
  image           text CHECK (length(image) <= 2000),
  role            text NOT NULL DEFAULT 'member' CHECK (role IN ('owner', 'admin', 'privacy_officer', 'operator', 'member')),
  disabled_at     timestamptz,
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, environment, id),
  UNIQUE (tenant_id, environment, email)
);
GRANT SELECT, INSERT, UPDATE ON auth_users TO porttask_app;

CREATE TABLE auth_sessions (
  tenant_id    text NOT NULL REFERENCES tenants (id),
  environment  text NOT NULL CHECK (environment IN ('test', 'live')),
  id           text NOT NULL,
  user_id      text NOT NULL,
  token        text NOT NULL,
  expires_at   timestamptz NOT NULL,
  ip_address   text,
  user_agent   text CHECK (length(user_agent) <= 1000),
  created_at   timestamptz NOT NULL DEFAULT now(),
  updated_at   timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, environment, id),
  UNIQUE (tenant_id, environment, token),
  FOREIGN KEY (tenant_id, environment, user_id) REFERENCES auth_users (tenant_id, environment, id) ON DELETE CASCADE
);
CREATE INDEX auth_sessions_user ON auth_sessions (tenant_id, environment, user_id);
-- Sign-out deletes the session.
GRANT SELECT, INSERT, UPDATE, DELETE ON auth_sessions TO porttask_app;

CREATE TABLE auth_accounts (
  tenant_id                 text NOT NULL REFERENCES tenants (id),
  environment               text NOT NULL CHECK (environment IN ('test', 'live')),
  id                        text NOT NULL,
  user_id                   text NOT NULL,
  account_id                text NOT NULL,
  provider_id               text NOT NULL,
  access_token              text,
  refresh_token             text,
  id_token                  text,
  access_token_expires_at   timestamptz,
  refresh_token_expires_at  timestamptz,
  scope                     text,
  -- better-auth's password hash (scrypt); never the password.
  password                  text,
  created_at                timestamptz NOT NULL DEFAULT now(),
  updated_at                timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, environment, id),
  FOREIGN KEY (tenant_id, environment, user_id) REFERENCES auth_users (tenant_id, environment, id) ON DELETE CASCADE
);
CREATE INDEX auth_accounts_user ON auth_accounts (tenant_id, environment, user_id);
GRANT SELECT, INSERT, UPDATE ON auth_accounts TO porttask_app;

CREATE TABLE auth_verifications (
  tenant_id    text NOT NULL REFERENCES tenants (id),
  environment  text NOT NULL CHECK (environment IN ('test', 'live')),
  id           text NOT NULL,
  identifier   text NOT NULL,
  value        text NOT NULL,
  expires_at   timestamptz NOT NULL,
  created_at   timestamptz NOT NULL DEFAULT now(),
  updated_at   timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, environment, id)
);
CREATE INDEX auth_verifications_identifier ON auth_verifications (tenant_id, environment, identifier);
-- Used tokens are consumed (deleted).
GRANT SELECT, INSERT, UPDATE, DELETE ON auth_verifications TO porttask_app;
