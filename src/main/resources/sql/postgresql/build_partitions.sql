-- The direct partitions of a partitioned table, in name order, with what they are: partitioned themselves
-- (sub-partitions, relkind p) or foreign (relkind f: no index of their own), and their INVALID indexes.
-- Parameter: the table's oid.
SELECT c.oid AS table_id, n.nspname AS schema_name, c.relname AS table_name,
       pg_table_size(c.oid) AS table_bytes,
       c.relkind = 'p' AS is_partitioned,
       c.relkind = 'f' AS is_foreign,
       ARRAY(SELECT i.relname::text
             FROM pg_index x
             JOIN pg_class i ON i.oid = x.indexrelid
             WHERE x.indrelid = c.oid AND NOT x.indisvalid
             ORDER BY i.relname) AS invalid_indexes
FROM pg_inherits ih
JOIN pg_class c ON c.oid = ih.inhrelid
JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE ih.inhparent = ?::oid
ORDER BY n.nspname, c.relname
