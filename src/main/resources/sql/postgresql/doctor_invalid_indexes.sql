-- Invalid indexes (indisvalid or indisready false): what a failed CREATE INDEX CONCURRENTLY or REINDEX
-- CONCURRENTLY (the _ccnew copies) leaves behind. Writes keep maintaining them, queries never use them.
-- Parameters: schema, Flyway history table, idxmig ledger table.
WITH params AS (SELECT ?::text AS schema_name, ?::text AS flyway_table, ?::text AS ledger_table)
SELECT n.nspname                      AS schema_name,
       t.relname                      AS table_name,
       i.relname                      AS index_name,
       pg_get_indexdef(x.indexrelid)  AS definition,
       pg_relation_size(x.indexrelid) AS size_bytes,
       format('DROP INDEX CONCURRENTLY IF EXISTS %I.%I;', n.nspname, i.relname) AS drop_statement,
       regexp_replace(pg_get_indexdef(x.indexrelid), '^CREATE (UNIQUE )?INDEX ',
                      'CREATE \1INDEX CONCURRENTLY ') || ';' AS create_statement
FROM pg_index x
JOIN pg_class i ON i.oid = x.indexrelid
JOIN pg_class t ON t.oid = x.indrelid
JOIN pg_namespace n ON n.oid = i.relnamespace
CROSS JOIN params p
WHERE n.nspname = p.schema_name
  AND t.relname NOT IN (p.flyway_table, p.ledger_table, 'idxmig_intent_log')
  AND NOT (x.indisvalid AND x.indisready)
ORDER BY t.relname, i.relname
