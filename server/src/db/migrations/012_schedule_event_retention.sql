-- Outbox retention (`porttask retention run`): events older than the window are deleted, and
-- how far each tenant's outbox was pruned is kept, so a stream asked to resume from before
-- that point knows it cannot and tells its client to reload instead of silently skipping.
CREATE TABLE schedule_event_horizon (
  tenant_id       text PRIMARY KEY REFERENCES tenants (id),
  pruned_through  bigint NOT NULL
);
GRANT SELECT ON schedule_event_horizon TO porttask_app;

CREATE INDEX schedule_events_by_age ON schedule_events (created_at);
