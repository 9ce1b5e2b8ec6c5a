-- The columns of one table, from the catalog in one light query (JDBC's getColumns is a heavy join, and reading
-- Flyway's history checked its columns once per schema). No rows: the table does not exist.
-- Parameters: schema, table.
SELECT a.attname AS column_name
FROM pg_attribute a
JOIN pg_class c ON c.oid = a.attrelid
JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE n.nspname = ? AND c.relname = ? AND c.relkind IN ('r', 'p') AND a.attnum > 0 AND NOT a.attisdropped
