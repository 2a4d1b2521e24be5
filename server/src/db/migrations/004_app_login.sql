-- Requests used to run on owner logins with `role=porttask_app` set at connection start. A
-- session can undo that (`RESET ROLE`, `SET ROLE NONE`) and be the owner again, so a bug or an
-- injected statement could still rewrite append-only tables. The API's pool now logs in as
-- porttask_app itself, which has no way back to the owner. Its password is derived from the
-- owner's by the server (db/app-login.ts), which hands `migrate()` only its SCRAM verifier to
-- set through this function: the password itself never reaches the database or its logs.
CREATE FUNCTION porttask_set_app_password(verifier text) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
  -- Roles are shared by every database of the cluster: the migrations of other databases
  -- (parallel test files, several API processes) may set the role at the same time, and
  -- PostgreSQL then refuses one of the updates ("tuple concurrently updated"): try again.
  FOR attempt IN 1..100 LOOP
    BEGIN
      EXECUTE format('ALTER ROLE porttask_app WITH LOGIN PASSWORD %L', verifier);
      RETURN;
    EXCEPTION WHEN internal_error THEN
      PERFORM pg_sleep(0.01 * attempt);
    END;
  END LOOP;
  RAISE EXCEPTION 'could not set the password of porttask_app: the role kept changing';
END $$;
REVOKE ALL ON FUNCTION porttask_set_app_password(text) FROM PUBLIC;

-- A server may have revoked CONNECT from PUBLIC; the app role logs in here on its own now.
DO $$
BEGIN
  EXECUTE format('GRANT CONNECT ON DATABASE %I TO porttask_app', current_database());
END $$;
