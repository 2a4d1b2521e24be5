-- Rate limits of the rights-request routes a requester calls (server/src/limits/, docs/operations.md
-- "Rate limits"): a tenant may set its own per environment; NULL keeps the default.
ALTER TABLE rate_limit_policies
  ADD COLUMN rights_requests_per_ip_per_hour     integer CHECK (rights_requests_per_ip_per_hour > 0),
  ADD COLUMN rights_requests_per_email_per_day   integer CHECK (rights_requests_per_email_per_day > 0),
  ADD COLUMN rights_requests_per_tenant_per_hour integer CHECK (rights_requests_per_tenant_per_hour > 0),
  ADD COLUMN requester_calls_per_ip_per_minute   integer CHECK (requester_calls_per_ip_per_minute > 0);
