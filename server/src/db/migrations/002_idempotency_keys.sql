-- Stored answers of POSTs sent with an Idempotency-Key, so a retried POST is applied once.
-- The row is written in the same transaction as the POST's own effects (see
-- idempotency/idempotency.middleware.ts): both commit or neither does.
CREATE TABLE idempotency_keys (
  tenant_id      text NOT NULL REFERENCES tenants (id),
  key            text NOT NULL CHECK (length(key) BETWEEN 1 AND 255),
  request_hash   bytea NOT NULL,
  status         integer NOT NULL,
  response_body  text NOT NULL,
  created_at     timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, key)
);
CREATE INDEX idempotency_keys_created_at ON idempotency_keys (created_at);
GRANT SELECT, INSERT, DELETE ON idempotency_keys TO porttask_app;
