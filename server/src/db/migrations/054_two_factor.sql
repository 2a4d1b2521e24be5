-- TOTP second factor with backup codes (better-auth's twoFactor plugin), per tenant and
-- environment like the other auth_ tables; better-auth reaches it through
-- accounts/tenant-scoped-adapter.ts. The secret and the backup codes are stored encrypted
-- by the plugin (XChaCha20-Poly1305 under the scope's own auth secret, derived from
-- PORTTASK_MASTER_KEY): the database alone cannot read them.
ALTER TABLE auth_users ADD COLUMN two_factor_enabled boolean NOT NULL DEFAULT false;

CREATE TABLE auth_two_factors (
  tenant_id                  text NOT NULL REFERENCES tenants (id),
  environment                text NOT NULL CHECK (environment IN ('test', 'live')),
  id                         text NOT NULL,
  user_id                    text NOT NULL,
  secret                     text NOT NULL CHECK (length(secret) <= 1000),
  backup_codes               text NOT NULL CHECK (length(backup_codes) <= 4000),
  -- False between enabling and the first code that confirms it.
  verified                   boolean NOT NULL DEFAULT false,
  -- The plugin's own failure counter is switched off (accounts/lockout.ts reads the audit
  -- trail instead); the columns exist because its model names them.
  failed_verification_count  integer NOT NULL DEFAULT 0,
  locked_until               timestamptz,
  created_at                 timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, environment, id),
  UNIQUE (tenant_id, environment, user_id),
  FOREIGN KEY (tenant_id, environment, user_id) REFERENCES auth_users (tenant_id, environment, id) ON DELETE CASCADE
);
-- Disabling the second factor deletes its row.
GRANT SELECT, INSERT, UPDATE, DELETE ON auth_two_factors TO porttask_app;

-- The audit trail learns the second factor's events: a password that was right and a code
-- asked for (mfa_challenged), a sign-in completed with a backup code (mfa_backup_code, then
-- success), and the second factor switched on or off.
ALTER TABLE login_audit_events DROP CONSTRAINT login_audit_events_outcome_check;
ALTER TABLE login_audit_events ADD CONSTRAINT login_audit_events_outcome_check CHECK (outcome IN (
  'success', 'wrong_password', 'unknown_email', 'locked', 'mfa_failed',
  'reset_requested', 'reset', 'sign_out', 'sign_up', 'refresh_reused',
  'mfa_challenged', 'mfa_backup_code', 'mfa_enabled', 'mfa_disabled'));
