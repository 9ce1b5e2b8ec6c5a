-- The index with a given name in a table's schema (index names are unique per schema, whatever their table):
-- whether it is valid, and its definition. Parameters: table oid, index name.
SELECT n.nspname AS schema_name, i.relname AS index_name, x.indisvalid AS is_valid,
       pg_get_indexdef(i.oid) AS definition
FROM pg_class i
JOIN pg_index x ON x.indexrelid = i.oid
JOIN pg_namespace n ON n.oid = i.relnamespace
WHERE i.relnamespace = (SELECT relnamespace FROM pg_class WHERE oid = ?::oid)
  AND i.relname = ?
