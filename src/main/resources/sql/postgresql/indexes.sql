-- Every user index of one schema, with the facts reports need (indexes_in_schemas.sql: the same for many).
-- Indexes that back a primary key, unique or exclusion constraint belong to the table definition, not to
-- index migrations, and are left out, as are the indexes of Flyway's and idxmig's own tables.
-- Parameters: schema, Flyway history table, idxmig ledger table.
SELECT n.nspname                      AS schema_name,
       t.relname                      AS table_name,
       i.relname                      AS index_name,
       pg_get_indexdef(x.indexrelid)  AS definition,
       am.amname                      AS method,
       x.indisunique                  AS is_unique,
       x.indpred IS NOT NULL          AS is_partial,
       x.indisvalid                   AS is_valid,
       x.indisready                   AS is_ready,
       pg_relation_size(x.indexrelid) AS size_bytes
FROM pg_index x
JOIN pg_class i ON i.oid = x.indexrelid
JOIN pg_class t ON t.oid = x.indrelid
JOIN pg_namespace n ON n.oid = i.relnamespace
JOIN pg_am am ON am.oid = i.relam
WHERE n.nspname = ?
  AND t.relname NOT IN (?, ?)
  AND NOT EXISTS (SELECT 1
                  FROM pg_constraint c
                  WHERE c.conrelid = x.indrelid
                    AND c.conindid = x.indexrelid
                    AND c.contype IN ('p', 'u', 'x'))
ORDER BY t.relname, i.relname
