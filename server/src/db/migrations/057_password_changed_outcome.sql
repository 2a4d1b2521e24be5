-- The login audit trail records a password change (docs/accounts.md, "Changing the password").
-- Other migrations extend the same list, so `allow_login_outcomes(ARRAY['x'])` adds to
-- whatever the constraint allows now instead of restating it. PostgreSQL shows the list either
-- as ARRAY['a'::text, …] or, once rewritten from an array value, as '{a,b}'::text[]: both are
-- read. Only migrations (the owner) may run it.
CREATE OR REPLACE FUNCTION allow_login_outcomes(added text[]) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  definition text;
  allowed text[];
BEGIN
  SELECT pg_get_constraintdef(oid) INTO definition FROM pg_constraint
  WHERE conrelid = 'login_audit_events'::regclass AND conname = 'login_audit_events_outcome_check';
  allowed := ARRAY(
    SELECT DISTINCT match[1] FROM regexp_matches(substring(definition FROM 'ANY \((.*)\)'), '([a-z][a-z_]*)', 'g') AS match
    WHERE match[1] <> 'text');
  IF NOT 'success' = ANY (allowed) THEN
    RAISE EXCEPTION 'login_audit_events_outcome_check not understood: %', definition;
  END IF;
  ALTER TABLE login_audit_events DROP CONSTRAINT login_audit_events_outcome_check;
  EXECUTE format('ALTER TABLE login_audit_events ADD CONSTRAINT login_audit_events_outcome_check CHECK (outcome = ANY (%L::text[]))',
    (SELECT array_agg(DISTINCT value ORDER BY value) FROM unnest(allowed || added) AS value));
END $$;
REVOKE ALL ON FUNCTION allow_login_outcomes(text[]) FROM PUBLIC;

SELECT allow_login_outcomes(ARRAY['password_changed']);
