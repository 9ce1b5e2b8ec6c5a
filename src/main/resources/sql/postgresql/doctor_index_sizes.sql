-- Every index of the schema (constraint ones included) with its size, how often it was scanned and how often
-- its blocks were found in shared buffers (cache hits) or read from disk or the OS cache, largest first.
-- Parameters: schema, Flyway history table, idxmig ledger table.
WITH params AS (SELECT ?::text AS schema_name, ?::text AS flyway_table, ?::text AS ledger_table)
SELECT s.schemaname                   AS schema_name,
       s.relname                      AS table_name,
       s.indexrelname                 AS index_name,
       pg_relation_size(s.indexrelid) AS size_bytes,
       s.idx_scan                     AS scans,
       coalesce(io.idx_blks_hit, 0)   AS blocks_hit,
       coalesce(io.idx_blks_read, 0)  AS blocks_read
FROM pg_stat_user_indexes s
JOIN pg_statio_user_indexes io ON io.indexrelid = s.indexrelid
CROSS JOIN params p
WHERE s.schemaname = p.schema_name
  AND s.relname NOT IN (p.flyway_table, p.ledger_table, 'idxmig_intent_log')
ORDER BY pg_relation_size(s.indexrelid) DESC, s.relname, s.indexrelname
