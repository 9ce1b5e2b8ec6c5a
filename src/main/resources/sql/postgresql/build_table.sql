-- The table a statement names, resolved like the session would (to_regclass), with its total size for the
-- risk warning. Parameter: the table name as written, schema-qualified.
SELECT c.oid AS table_id, n.nspname AS schema_name, c.relname AS table_name,
       pg_total_relation_size(c.oid) AS total_bytes
FROM pg_class c
JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE c.oid = to_regclass(?)
