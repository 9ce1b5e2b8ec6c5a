-- Invalid indexes of a table (left by failed CREATE INDEX CONCURRENTLY or REINDEX CONCURRENTLY).
-- Parameter: table oid.
SELECT i.relname AS index_name
FROM pg_index x
JOIN pg_class i ON i.oid = x.indexrelid
WHERE x.indrelid = ?::oid AND NOT x.indisvalid
ORDER BY i.relname
