-- Rate limits (server/src/limits/). Counters are shared by every API process, so a limit holds
-- however many processes serve the API. They are UNLOGGED: no WAL per request (the consent
-- write path stays fast), at the price of counters starting from zero after a database crash,
-- which only ever makes a limit briefly more lenient. Keys hold a limit's name and what it
-- counts (an IP, an API key id, a tenant's consent subject); not tenant-owned rows.
CREATE UNLOGGED TABLE rate_limit_counters (
  key    text PRIMARY KEY CHECK (length(key) <= 400),
  points integer NOT NULL DEFAULT 0,
  -- Epoch milliseconds when the window ends (rate-limiter-flexible's store format).
  expire bigint
);
GRANT SELECT, INSERT, UPDATE, DELETE ON rate_limit_counters TO porttask_app;

-- A tenant's own limits per environment; a missing row or NULL column means the default
-- (docs/operations.md). Set by the operator (SQL as the owner), read by requests.
CREATE TABLE rate_limit_policies (
  tenant_id                    text NOT NULL REFERENCES tenants (id),
  environment                  text NOT NULL CHECK (environment IN ('test', 'live')),
  requests_per_key_per_minute  integer CHECK (requests_per_key_per_minute > 0),
  writes_per_ip_per_minute     integer CHECK (writes_per_ip_per_minute > 0),
  consents_per_subject_per_day integer CHECK (consents_per_subject_per_day > 0),
  updated_at                   timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, environment)
);
GRANT SELECT ON rate_limit_policies TO porttask_app;
