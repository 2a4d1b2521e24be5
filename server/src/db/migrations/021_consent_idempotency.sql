-- A decision is its own idempotency record: the key the device sent with it (one per
-- decision) is kept on the row, so a retried POST finds the decision instead of writing a
-- second one, with one INSERT per decision instead of two on the hottest write path there is
-- (docs/benchmarks.md). Keys are unique per tenant; decisions sent without one have none.
ALTER TABLE consent_records
  ADD COLUMN idempotency_key text CHECK (length(idempotency_key) BETWEEN 1 AND 255),
  ADD COLUMN request_hash bytea CHECK (request_hash IS NULL OR length(request_hash) = 32),
  ADD CHECK ((idempotency_key IS NULL) = (request_hash IS NULL));
CREATE UNIQUE INDEX consent_records_idempotency_key ON consent_records (tenant_id, idempotency_key);
