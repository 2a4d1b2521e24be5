-- Webhook delivery log retention (webhooks/webhook-log-retention.ts): a daily pg-boss job
-- deletes finished deliveries (delivered or given up) older than the retention period, then
-- the messages no delivery refers to any more. The application role may not delete from the
-- log itself (it only records tries); it may call this one function, which deletes nothing
-- younger than 7 days whatever it is asked, so no caller can empty a log that is still useful.
CREATE INDEX webhook_deliveries_by_age ON webhook_deliveries (created_at);

CREATE FUNCTION purge_webhook_log(retention_days integer)
RETURNS TABLE (deliveries_deleted bigint, messages_deleted bigint)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
DECLARE
  cutoff timestamptz;
BEGIN
  IF retention_days IS NULL OR retention_days < 7 OR retention_days > 3650 THEN
    RAISE EXCEPTION 'webhook log retention must be 7 to 3650 days, not %', retention_days USING ERRCODE = '22023';
  END IF;
  cutoff := now() - make_interval(days => retention_days);
  DELETE FROM public.webhook_deliveries d
  WHERE d.created_at < cutoff AND (d.delivered_at IS NOT NULL OR d.gave_up_at IS NOT NULL);
  GET DIAGNOSTICS deliveries_deleted = ROW_COUNT;
  DELETE FROM public.webhook_messages m
  WHERE m.created_at < cutoff AND NOT EXISTS (
    SELECT 1 FROM public.webhook_deliveries d WHERE d.tenant_id = m.tenant_id AND d.environment = m.environment AND d.message_id = m.id);
  GET DIAGNOSTICS messages_deleted = ROW_COUNT;
  RETURN NEXT;
END;
$$;
REVOKE ALL ON FUNCTION purge_webhook_log(integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION purge_webhook_log(integer) TO porttask_app;
