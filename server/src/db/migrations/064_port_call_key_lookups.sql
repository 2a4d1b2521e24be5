-- Looking a port call up by its key (the foreign-key check of each timestamp and outbox event
-- an import writes) takes the primary key, whatever the table's size.
--
-- The check is planned as `tenant_id = … AND environment = … AND id = …`. While the planner has
-- no statistics for the scope (a table not analysed since a bulk load, or a scope new since
-- the last ANALYZE) it guesses each equality on an unknown column to keep 0.5 % of the rows.
-- With tenant_id alone leading the keys that left a scope at dozens of rows and the primary
-- key clearly cheapest; with environment too (migration 025) it is under one row, so every
-- index that starts with (tenant_id, environment) looks as good as the primary key, and the
-- shortest B-tree wins (the newest when they are alike: the primary key, created last).
--
-- 1. port_calls_by_vessel holds few distinct keys (many calls per vessel), so deduplication
--    keeps it a level shorter than the primary key from ~15,000 calls on: each check walked
--    every call of the scope through it and filtered by id (a 5,000-row import with 10,000
--    calls stored: 15,000 checks at 1-4 ms, 85 s instead of 2). vessel_imo_number is NOT
--    NULL, so the predicate keeps every row; it only makes the index unusable for a query
--    that does not name the vessel. Lookups by vessel (the check when a vessel's key changes
--    or it is deleted) imply it and still use the index.
DROP INDEX port_calls_by_vessel;
CREATE INDEX port_calls_by_vessel ON port_calls (tenant_id, environment, vessel_imo_number) WHERE vessel_imo_number IS NOT NULL;

-- 2. The indexes in time order fill their pages at their growing end (fillfactor 90), while
--    the primary key takes ids in an order of its own ('pc_10' sorts before 'pc_2') and keeps
--    its pages about two-thirds full, so the time indexes, though wider, could end a level
--    shorter (the schedules bench: the arrival index, at ~16,000 calls). Half-full pages at
--    their growing end keep them at least as tall as the primary key. Altered and rebuilt,
--    not re-created: the primary key stays the newest index.
ALTER INDEX port_calls_by_arrival SET (fillfactor = 50);
ALTER INDEX port_calls_by_port_arrival SET (fillfactor = 50);
ALTER INDEX port_calls_by_departure SET (fillfactor = 50);
ALTER INDEX port_calls_by_updated SET (fillfactor = 50);
REINDEX INDEX port_calls_by_arrival;
REINDEX INDEX port_calls_by_port_arrival;
REINDEX INDEX port_calls_by_departure;
REINDEX INDEX port_calls_by_updated;
