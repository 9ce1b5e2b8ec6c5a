-- Rows and bytes of one table, without reading it: the planner's row estimate (-1 before the first ANALYZE
-- or autovacuum, shown as 0) and the table's size on disk, to classify how long an index build will take.
-- Parameters: schema, table.
SELECT greatest(c.reltuples, 0)::bigint AS row_estimate,
       pg_table_size(c.oid)             AS size_bytes
FROM pg_class c
JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE n.nspname = ?
  AND c.relname = ?
  AND c.relkind IN ('r', 'p', 'm')
