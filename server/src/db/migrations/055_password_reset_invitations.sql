-- Staff invitations, and the login audit trail's outcomes for them. See docs/accounts.md
-- ("Password reset" and "Inviting staff").
--
-- An invitation's link carries a set-password token like a password reset's (better-auth's
-- `reset-password:` verification value, valid 7 days instead of 1 hour). Only the stored
-- identifier of that token is kept here (better-auth stores it hashed: SHA-256, base64url),
-- never the token itself. The role is granted when the invitation is accepted, in the same
-- transaction that sets the password.
CREATE TABLE account_invitations (
  tenant_id         text NOT NULL REFERENCES tenants (id),
  environment       text NOT NULL CHECK (environment IN ('test', 'live')),
  id                text NOT NULL CHECK (id ~ '^inv_[A-Za-z0-9_-]{20,40}$'),
  user_id           text NOT NULL,
  role              text NOT NULL CHECK (role IN ('owner', 'admin', 'privacy_officer', 'operator')),
  locale            text NOT NULL CHECK (locale IN ('en', 'da', 'de', 'hi')),
  token_identifier  text NOT NULL CHECK (token_identifier ~ '^[A-Za-z0-9_-]{43}$'),
  -- Who invited: the secret key's id, `user:<account>` for a staff token, or `cli:<user>` for the command line.
  invited_by        text NOT NULL CHECK (length(invited_by) BETWEEN 1 AND 100),
  created_at        timestamptz NOT NULL DEFAULT now(),
  expires_at        timestamptz NOT NULL,
  accepted_at       timestamptz,
  revoked_at        timestamptz,
  CHECK (accepted_at IS NULL OR revoked_at IS NULL),
  PRIMARY KEY (tenant_id, environment, id),
  UNIQUE (tenant_id, environment, token_identifier),
  FOREIGN KEY (tenant_id, environment, user_id) REFERENCES auth_users (tenant_id, environment, id) ON DELETE CASCADE
);
-- At most one open invitation per account: a new one revokes the previous (same transaction).
CREATE UNIQUE INDEX account_invitations_one_open ON account_invitations (tenant_id, environment, user_id)
  WHERE accepted_at IS NULL AND revoked_at IS NULL;
CREATE INDEX account_invitations_created ON account_invitations (tenant_id, environment, created_at, id);
GRANT SELECT, INSERT ON account_invitations TO porttask_app;
GRANT UPDATE (accepted_at, revoked_at) ON account_invitations TO porttask_app;

-- The trail's outcomes gain the invitation events. Other migrations extend the same list, so
-- this adds to whatever the constraint allows now instead of restating it.
DO $$
DECLARE
  allowed text[];
BEGIN
  SELECT array_agg(DISTINCT match[1]) INTO allowed
  FROM pg_constraint, regexp_matches(pg_get_constraintdef(oid), '''([a-z_]+)''', 'g') AS match
  WHERE conrelid = 'login_audit_events'::regclass AND conname = 'login_audit_events_outcome_check';
  allowed := allowed || ARRAY['invited', 'invitation_revoked', 'invitation_accepted'];
  ALTER TABLE login_audit_events DROP CONSTRAINT login_audit_events_outcome_check;
  EXECUTE format('ALTER TABLE login_audit_events ADD CONSTRAINT login_audit_events_outcome_check CHECK (outcome = ANY (%L::text[]))',
    (SELECT array_agg(DISTINCT value ORDER BY value) FROM unnest(allowed) AS value));
END $$;
