-- Numbers a client sees are counted per tenant and environment, not by one counter shared by
-- the whole platform: with a shared counter, the gaps between a tenant's own numbers showed
-- how much every other tenant wrote. This concerns the two numbers the API hands out:
-- - schedule_events.sequence: the id of every live-stream event and what a stream resumes
--   from (Last-Event-ID, ?after=);
-- - port_call_timestamps.id: the id of each timestamp of a port call.
-- (Other internal sequences, e.g. consent records', only ever leave the database inside
-- encrypted cursors; see server/src/http/page-cursor.ts.)
--
-- One counter row per (tenant, environment, counter), advanced by the writing transaction
-- (INSERT … ON CONFLICT DO UPDATE … RETURNING). The row stays locked until that transaction
-- ends, so the scope's next writer waits and numbers become visible in order: a stream that
-- has read event N never later finds a smaller number appear (this replaces the per-tenant
-- advisory lock the outbox used).
CREATE TABLE scope_sequences (
  tenant_id    text NOT NULL REFERENCES tenants (id),
  environment  text NOT NULL CHECK (environment IN ('test', 'live')),
  name         text NOT NULL CHECK (name IN ('schedule_events', 'port_call_timestamps')),
  last_value   bigint NOT NULL CHECK (last_value >= 0),
  PRIMARY KEY (tenant_id, environment, name)
);
GRANT SELECT, INSERT, UPDATE ON scope_sequences TO porttask_app;

-- Numbers already handed out stay as they are (clients may hold them as Last-Event-ID); each
-- scope continues after its highest one, or after what retention already pruned.
INSERT INTO scope_sequences (tenant_id, environment, name, last_value)
  SELECT tenant_id, environment, 'schedule_events', max(last_value) FROM (
    SELECT tenant_id, environment, max(sequence) AS last_value FROM schedule_events GROUP BY tenant_id, environment
    UNION ALL
    SELECT tenant_id, environment, pruned_through FROM schedule_event_horizon
  ) AS known GROUP BY tenant_id, environment;
INSERT INTO scope_sequences (tenant_id, environment, name, last_value)
  SELECT tenant_id, environment, 'port_call_timestamps', max(id) FROM port_call_timestamps GROUP BY tenant_id, environment;

ALTER TABLE schedule_events ALTER COLUMN sequence DROP IDENTITY;
ALTER TABLE port_call_timestamps ALTER COLUMN id DROP IDENTITY;
