-- Statistics state of one table: when it was last analyzed (by hand or autovacuum), the row count the planner
-- believes (reltuples, set by ANALYZE) and the live rows now. Parameters: schema, table.
SELECT greatest(s.last_analyze, s.last_autoanalyze) AS analyzed_at,
       c.reltuples::bigint                          AS planner_rows,
       s.n_live_tup                                 AS live_rows
FROM pg_stat_user_tables s
JOIN pg_class c ON c.oid = s.relid
WHERE s.schemaname = ? AND s.relname = ?
