-- Access tokens (EdDSA JWTs) and the refresh tokens that renew them, for the embeddable login.
--
-- Signing keys belong to the deployment, not to a tenant: every tenant's tokens are checked
-- against the one JWKS. The private key is stored sealed (AES-256-GCM under a key derived
-- from PORTTASK_MASTER_KEY, the key id as associated data); the database never sees it in
-- clear. A rotated key stays published until every token it signed has expired.
CREATE TABLE auth_signing_keys (
  kid                 text PRIMARY KEY CHECK (kid ~ '^ak_[0-9a-f]{16}$'),
  algorithm           text NOT NULL CHECK (algorithm = 'EdDSA'),
  public_key          text NOT NULL CHECK (length(public_key) = 43),
  private_key_sealed  bytea NOT NULL,
  created_at          timestamptz NOT NULL DEFAULT now(),
  retired_at          timestamptz
);
-- At most one key signs at a time.
CREATE UNIQUE INDEX auth_signing_keys_one_current ON auth_signing_keys ((true)) WHERE retired_at IS NULL;
GRANT SELECT, INSERT ON auth_signing_keys TO porttask_app;
GRANT UPDATE (retired_at) ON auth_signing_keys TO porttask_app;

-- Rotating refresh tokens, per tenant environment. Only the SHA-256 of a token is stored.
-- Each is bound to the publishable key and the origin it was issued to; a refresh replaces
-- it with the next of its family. Presenting a replaced token again means two parties hold
-- it: the whole family is revoked.
CREATE TABLE auth_refresh_tokens (
  tenant_id     text NOT NULL REFERENCES tenants (id),
  environment   text NOT NULL CHECK (environment IN ('test', 'live')),
  token_hash    bytea NOT NULL CHECK (length(token_hash) = 32),
  family_id     text NOT NULL CHECK (family_id ~ '^[A-Za-z0-9_-]{1,64}$'),
  user_id       text NOT NULL,
  api_key_id    text NOT NULL,
  origin        text NOT NULL CHECK (length(origin) <= 300),
  created_at    timestamptz NOT NULL DEFAULT now(),
  expires_at    timestamptz NOT NULL,
  replaced_at   timestamptz,
  revoked_at    timestamptz,
  PRIMARY KEY (tenant_id, environment, token_hash),
  FOREIGN KEY (tenant_id, environment, user_id) REFERENCES auth_users (tenant_id, environment, id) ON DELETE CASCADE
);
CREATE INDEX auth_refresh_tokens_family ON auth_refresh_tokens (tenant_id, environment, family_id);
CREATE INDEX auth_refresh_tokens_user ON auth_refresh_tokens (tenant_id, environment, user_id);
GRANT SELECT, INSERT ON auth_refresh_tokens TO porttask_app;
GRANT UPDATE (replaced_at, revoked_at) ON auth_refresh_tokens TO porttask_app;
