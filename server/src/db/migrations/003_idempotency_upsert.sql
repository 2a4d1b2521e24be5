-- An expired idempotency key (older than 24 h) is reused by overwriting its row in the same
-- statement that claims it (INSERT … ON CONFLICT DO UPDATE … WHERE expired).
GRANT UPDATE ON idempotency_keys TO porttask_app;
