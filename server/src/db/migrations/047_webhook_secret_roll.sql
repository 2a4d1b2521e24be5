-- Rolling an endpoint's signing secret (POST /v1/webhook-endpoints/{id}/roll-secret): the new
-- secret signs from now on, and the one it replaced keeps signing next to it until
-- previous_secret_expires_at (24 hours), so a receiver can switch without losing a delivery.
-- Standard Webhooks puts several signatures in one `webhook-signature` header.
ALTER TABLE webhook_endpoints
  ADD COLUMN previous_secret bytea,
  ADD COLUMN previous_secret_expires_at timestamptz,
  ADD CONSTRAINT webhook_endpoints_previous_secret_pair CHECK ((previous_secret IS NULL) = (previous_secret_expires_at IS NULL));
-- The roll replaces the secrets; the URL, events and owner of an endpoint never change.
GRANT UPDATE (secret, previous_secret, previous_secret_expires_at) ON webhook_endpoints TO porttask_app;
