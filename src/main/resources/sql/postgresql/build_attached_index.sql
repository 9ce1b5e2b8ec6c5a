-- The index of a partition attached to a given partitioned index, with whether it is valid (a sub-partitioned
-- partition's index is valid only once all of its own partitions have theirs). Parameters: the parent index's
-- schema, the parent index's name, the partition's oid.
SELECT n.nspname AS schema_name, i.relname AS index_name, x.indisvalid AS is_valid,
       pg_get_indexdef(i.oid) AS definition
FROM pg_inherits ih
JOIN pg_class i ON i.oid = ih.inhrelid
JOIN pg_index x ON x.indexrelid = i.oid
JOIN pg_namespace n ON n.oid = i.relnamespace
WHERE ih.inhparent = (SELECT p.oid FROM pg_class p JOIN pg_namespace pn ON pn.oid = p.relnamespace
                      WHERE pn.nspname = ? AND p.relname = ?)
  AND x.indrelid = ?::oid
