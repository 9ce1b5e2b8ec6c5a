-- The table an index belongs to, for DROP INDEX and REINDEX INDEX, as build_table.sql reads a table (an index of
-- a partitioned table is itself partitioned, relkind I). Parameter: the index name as written, schema-qualified.
SELECT t.oid AS table_id, n.nspname AS schema_name, t.relname AS table_name,
       pg_table_size(t.oid) AS table_bytes,
       t.relkind = 'p' AS is_partitioned,
       ARRAY(SELECT i.relname::text
             FROM pg_index ix
             JOIN pg_class i ON i.oid = ix.indexrelid
             WHERE ix.indrelid = t.oid AND NOT ix.indisvalid
             ORDER BY i.relname) AS invalid_indexes
FROM pg_index x
JOIN pg_class t ON t.oid = x.indrelid
JOIN pg_namespace n ON n.oid = t.relnamespace
WHERE x.indexrelid = to_regclass(?)
