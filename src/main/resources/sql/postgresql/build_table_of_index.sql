-- The table an index belongs to, for DROP INDEX and REINDEX INDEX. Parameter: the index name as written,
-- schema-qualified.
SELECT t.oid AS table_id, n.nspname AS schema_name, t.relname AS table_name,
       pg_total_relation_size(t.oid) AS total_bytes
FROM pg_index x
JOIN pg_class t ON t.oid = x.indrelid
JOIN pg_namespace n ON n.oid = t.relnamespace
WHERE x.indexrelid = to_regclass(?)
