-- Every user index of the given schemas, with the facts reports need: one schema (verify, status, doctor...) or
-- many in one query (fleet verify and status). Indexes behind a primary key, unique or exclusion constraint come
-- with their constraint (name, contype, pg_get_constraintdef); callers that want plain indexes only leave those
-- out. Left out here: the indexes of Flyway's and idxmig's own tables, and the partitions of a partitioned index
-- (an index attached to a parent index: it comes and goes with the parent, which stands for it). The size is
-- optional: pg_relation_size opens each index's file, up to a third of the query's time over thousands of
-- indexes, and verify does not need it (NULL then); a partitioned index's is the sum of its partitions'.
-- Parameters: whether to measure sizes (boolean), schema names (text[]), Flyway history table, idxmig ledger
-- table.
SELECT n.nspname                      AS schema_name,
       t.relname                      AS table_name,
       i.relname                      AS index_name,
       pg_get_indexdef(x.indexrelid)  AS definition,
       am.amname                      AS method,
       x.indisunique                  AS is_unique,
       x.indpred IS NOT NULL          AS is_partial,
       x.indisvalid                   AS is_valid,
       x.indisready                   AS is_ready,
       CASE WHEN ? THEN CASE WHEN i.relkind = 'I'
                             THEN (SELECT coalesce(sum(pg_relation_size(pt.relid)), 0)
                                   FROM pg_partition_tree(x.indexrelid) pt)
                             ELSE pg_relation_size(x.indexrelid) END END AS size_bytes,
       c.conname                      AS constraint_name,
       c.contype::text                AS constraint_type,
       CASE WHEN c.oid IS NOT NULL THEN pg_get_constraintdef(c.oid) END AS constraint_definition
FROM pg_index x
JOIN pg_class i ON i.oid = x.indexrelid
JOIN pg_class t ON t.oid = x.indrelid
JOIN pg_namespace n ON n.oid = i.relnamespace
JOIN pg_am am ON am.oid = i.relam
LEFT JOIN pg_constraint c
       ON c.conrelid = x.indrelid
      AND c.conindid = x.indexrelid
      AND c.contype IN ('p', 'u', 'x')
WHERE n.nspname = ANY (?)
  AND t.relname NOT IN (?, ?, 'idxmig_intent_log')
  AND NOT EXISTS (SELECT 1 FROM pg_inherits ih WHERE ih.inhrelid = x.indexrelid)
ORDER BY n.nspname, t.relname, i.relname
