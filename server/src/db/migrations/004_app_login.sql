-- Requests used to run on owner logins with `role=porttask_app` set at connection start. A
-- session can undo that (`RESET ROLE`, `SET ROLE NONE`) and be the owner again, so a bug or an
-- injected statement could still rewrite append-only tables. The API's pool now logs in as
-- porttask_app itself, which has no way back to the owner. Its password is derived from the
-- owner's by the server (db/app-login.ts) and set by `migrate()` through this function, so the
-- password never appears in SQL text built by the app.
ALTER ROLE porttask_app LOGIN;

CREATE FUNCTION porttask_set_app_password(password text) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
  -- Roles are shared by every database of the cluster: the migrations of other databases
  -- (parallel test files, several API processes) may set the same password at the same time,
  -- and PostgreSQL then refuses one of the updates ("tuple concurrently updated").
  FOR attempt IN 1..100 LOOP
    BEGIN
      EXECUTE format('ALTER ROLE porttask_app WITH LOGIN PASSWORD %L', password);
      RETURN;
    EXCEPTION WHEN internal_error THEN
      PERFORM pg_sleep(0.01 * attempt);
    END;
  END LOOP;
  RAISE EXCEPTION 'could not set the password of porttask_app: the role kept changing';
END $$;
REVOKE ALL ON FUNCTION porttask_set_app_password(text) FROM PUBLIC;
