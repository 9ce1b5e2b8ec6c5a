-- Statistics state of one table: when it was last analyzed (by hand or autovacuum) and how many rows changed
-- since. Parameters: schema, table.
SELECT greatest(last_analyze, last_autoanalyze) AS analyzed_at,
       n_mod_since_analyze                      AS changed_since,
       n_live_tup                               AS live_rows
FROM pg_stat_user_tables
WHERE schemaname = ? AND relname = ?
