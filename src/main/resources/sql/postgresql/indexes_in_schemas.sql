-- Every user index of the given schemas, with the facts reports need: one schema (verify, status, doctor...) or
-- many in one query (fleet verify and status). Leaves out the indexes backing a primary key, unique or exclusion constraint, and those of Flyway's
-- and idxmig's own tables. The size is optional: pg_relation_size opens each index's file, up to a third of the
-- query's time over thousands of indexes, and verify does not need it (NULL then).
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
       CASE WHEN ? THEN pg_relation_size(x.indexrelid) END AS size_bytes
FROM pg_index x
JOIN pg_class i ON i.oid = x.indexrelid
JOIN pg_class t ON t.oid = x.indrelid
JOIN pg_namespace n ON n.oid = i.relnamespace
JOIN pg_am am ON am.oid = i.relam
WHERE n.nspname = ANY (?)
  AND t.relname NOT IN (?, ?)
  AND NOT EXISTS (SELECT 1
                  FROM pg_constraint c
                  WHERE c.conrelid = x.indrelid
                    AND c.conindid = x.indexrelid
                    AND c.contype IN ('p', 'u', 'x'))
ORDER BY n.nspname, t.relname, i.relname
