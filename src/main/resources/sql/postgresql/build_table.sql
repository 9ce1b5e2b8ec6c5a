-- The table a statement names, or the table of the index it names (DROP INDEX, REINDEX INDEX), resolved like the
-- session would (to_regclass), with its size for the risk warning: its data, heap and TOAST, which an index build
-- reads, measured as lint's table-size rule does (the size with its indexes opened every index's files: 0.24 ms a
-- lookup on a table of 50 indexes). Also whether it is partitioned (relkind p: no storage of its own, no concurrent build), and its INVALID indexes as they are now
-- (a statement's leftovers are those it adds); an index of a partitioned table is itself partitioned (relkind I).
-- One round trip before each index statement.
-- Parameters: whether the name is an index's (boolean), the name as written, schema-qualified (twice).
SELECT c.oid AS table_id, n.nspname AS schema_name, c.relname AS table_name,
       pg_table_size(c.oid) AS table_bytes,
       c.relkind = 'p' AS is_partitioned,
       ARRAY(SELECT i.relname::text
             FROM pg_index x
             JOIN pg_class i ON i.oid = x.indexrelid
             WHERE x.indrelid = c.oid AND NOT x.indisvalid
             ORDER BY i.relname) AS invalid_indexes
FROM pg_class c
JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE c.oid = CASE WHEN ? THEN (SELECT x.indrelid FROM pg_index x WHERE x.indexrelid = to_regclass(?))
                  ELSE to_regclass(?) END
