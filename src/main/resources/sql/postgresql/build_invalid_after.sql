-- After an index statement: the table's INVALID indexes, and the index of the statement's name (in the table's
-- schema, whatever its table) when it is INVALID. One round trip after each index statement.
-- Parameters: table oid, index name (NULL when the statement names none), table oid.
SELECT i.relname AS index_name
FROM pg_index x
JOIN pg_class i ON i.oid = x.indexrelid
WHERE x.indrelid = ?::oid AND NOT x.indisvalid
UNION
SELECT i.relname
FROM pg_class i
JOIN pg_index x ON x.indexrelid = i.oid
WHERE i.relname = ?
  AND i.relnamespace = (SELECT relnamespace FROM pg_class WHERE oid = ?::oid)
  AND NOT x.indisvalid
ORDER BY 1
