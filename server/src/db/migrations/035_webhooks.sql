-- Webhooks (webhooks/). A partner registers endpoints per tenant environment; an event is
-- written once (webhook_messages: its exact signed body) with one delivery per matching
-- endpoint and a job on the `webhooks` queue, in the transaction of the change it announces,
-- so an event is never lost and never sent for a change that rolled back.
CREATE TABLE webhook_endpoints (
  tenant_id    text NOT NULL REFERENCES tenants (id),
  environment  text NOT NULL CHECK (environment IN ('test', 'live')),
  id           text NOT NULL CHECK (id ~ '^we_[0-9a-z]{20}$'),
  url          text NOT NULL CHECK (length(url) <= 2048),
  description  text CHECK (length(description) <= 200),
  events       text[] NOT NULL CHECK (cardinality(events) BETWEEN 1 AND 16),
  -- The signing secret, AES-256-GCM under the tenant environment's data key (secrets/).
  secret       bytea NOT NULL,
  sequence     bigint GENERATED ALWAYS AS IDENTITY,
  created_at   timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, environment, id)
);
CREATE INDEX webhook_endpoints_in_order ON webhook_endpoints (tenant_id, environment, sequence);
GRANT SELECT, INSERT, DELETE ON webhook_endpoints TO porttask_app;

-- What was announced, as sent: ids, types, statuses and dates, no personal data.
CREATE TABLE webhook_messages (
  tenant_id    text NOT NULL REFERENCES tenants (id),
  environment  text NOT NULL CHECK (environment IN ('test', 'live')),
  id           text NOT NULL CHECK (id ~ '^msg_[0-9a-z]{20}$'),
  type         text NOT NULL CHECK (type ~ '^[a-z_]{1,40}\.[a-z_]{1,40}$'),
  payload      text NOT NULL CHECK (length(payload) <= 16384),
  created_at   timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, environment, id)
);
CREATE INDEX webhook_messages_created ON webhook_messages (created_at);
GRANT SELECT, INSERT ON webhook_messages TO porttask_app;

-- One row per message and endpoint: the delivery log. Deleting an endpoint deletes its
-- deliveries (their queued jobs then find nothing to send).
CREATE TABLE webhook_deliveries (
  tenant_id        text NOT NULL,
  environment      text NOT NULL CHECK (environment IN ('test', 'live')),
  id               text NOT NULL CHECK (id ~ '^wdl_[0-9a-z]{20}$'),
  endpoint_id      text NOT NULL,
  message_id       text NOT NULL,
  attempts         integer NOT NULL DEFAULT 0,
  last_status_code integer CHECK (last_status_code BETWEEN 100 AND 599),
  last_error       text CHECK (length(last_error) <= 500),
  last_attempt_at  timestamptz,
  next_attempt_at  timestamptz,
  delivered_at     timestamptz,
  gave_up_at       timestamptz,
  sequence         bigint GENERATED ALWAYS AS IDENTITY,
  created_at       timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, environment, id),
  FOREIGN KEY (tenant_id, environment, endpoint_id) REFERENCES webhook_endpoints (tenant_id, environment, id) ON DELETE CASCADE,
  FOREIGN KEY (tenant_id, environment, message_id) REFERENCES webhook_messages (tenant_id, environment, id)
);
CREATE INDEX webhook_deliveries_of_endpoint ON webhook_deliveries (tenant_id, environment, endpoint_id, sequence DESC);
CREATE INDEX webhook_deliveries_of_message ON webhook_deliveries (tenant_id, environment, message_id);
-- The sender records attempts; which message went to which endpoint never changes.
GRANT SELECT, INSERT ON webhook_deliveries TO porttask_app;
GRANT UPDATE (attempts, last_status_code, last_error, last_attempt_at, next_attempt_at, delivered_at, gave_up_at) ON webhook_deliveries TO porttask_app;
