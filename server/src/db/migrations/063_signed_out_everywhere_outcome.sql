-- The login audit trail records that a partner's server ended every sign-in of an account
-- (`POST /v1/users/{userId}/sign-out`; docs/accounts.md, "Signing a person out everywhere").
-- (allow_login_outcomes: migration 057.)
SELECT allow_login_outcomes(ARRAY['signed_out_everywhere']);
