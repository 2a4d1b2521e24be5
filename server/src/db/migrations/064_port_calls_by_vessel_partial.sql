-- A port call's lookup by primary key never goes through the vessel index.
--
-- A foreign-key check into port_calls (each timestamp and each outbox event of an import
-- checks its call) is planned as `tenant_id = … AND environment = … AND id = …`. While the
-- planner has no statistics for the scope (a table not yet analysed after a bulk load, or a
-- scope that is new since the last ANALYZE) it takes two equality conditions on unknown
-- columns to match under one row, so every index that starts with (tenant_id, environment)
-- looks as good as the primary key, and the cheaper descent wins. port_calls_by_vessel holds
-- few distinct keys (calls per vessel), so B-tree deduplication keeps it a level shorter than
-- the primary key once a table holds ~15,000 calls: each check then walked every call of the
-- scope through it and filtered by id (a 5,000-row import with 10,000 calls stored: 15,000
-- checks at 1-4 ms, 85 s instead of 2).
--
-- The vessel_imo_number column is NOT NULL, so this predicate keeps every row; it only makes
-- the index unusable for a query that does not name the vessel, such as a lookup by id.
-- Lookups by vessel (the check when a vessel's key changes or it is deleted) imply the
-- predicate and still use it.
DROP INDEX port_calls_by_vessel;
CREATE INDEX port_calls_by_vessel ON port_calls (tenant_id, environment, vessel_imo_number) WHERE vessel_imo_number IS NOT NULL;
