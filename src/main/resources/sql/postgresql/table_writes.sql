-- Rows one table had written (inserted, updated, deleted) and how often it was read (sequential and index
-- scans) since the server's statistics were last reset, and since when. Parameters: schema, table.
SELECT s.n_tup_ins + s.n_tup_upd + s.n_tup_del AS writes,
       s.seq_scan + coalesce(s.idx_scan, 0)    AS reads,
       d.stats_reset                           AS since
FROM pg_stat_user_tables s
CROSS JOIN pg_stat_database d
WHERE s.schemaname = ? AND s.relname = ? AND d.datname = current_database()
