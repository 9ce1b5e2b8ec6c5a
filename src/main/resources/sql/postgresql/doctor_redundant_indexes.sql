-- B-tree indexes whose key columns are the leading key columns of another valid b-tree index of the same table,
-- with the same operator classes, collations and predicate: every query the shorter one serves, the longer one
-- serves too. Left out: unique indexes and those backing a constraint (they enforce something), indexes with
-- expressions or INCLUDE columns (not compared), exact duplicates (doctor_duplicate_indexes).
-- Parameters: schema, Flyway history table, idxmig ledger table.
WITH params AS (SELECT ?::text AS schema_name, ?::text AS flyway_table, ?::text AS ledger_table),
indexes AS (
    SELECT n.nspname                      AS schema_name,
           t.relname                      AS table_name,
           i.relname                      AS index_name,
           i.relkind = 'I'                AS is_partitioned,
           x.indexrelid,
           x.indrelid,
           x.indnkeyatts,
           x.indnatts,
           x.indisunique                  AS is_unique,
           x.indexprs IS NOT NULL         AS has_expressions,
           coalesce(pg_get_expr(x.indpred, x.indrelid), '') AS predicate,
           pg_get_indexdef(x.indexrelid)  AS definition,
           pg_relation_size(x.indexrelid) AS size_bytes,
           EXISTS (SELECT 1
                   FROM pg_constraint c
                   WHERE c.conindid = x.indexrelid
                     AND c.conrelid = x.indrelid
                     AND c.contype IN ('p', 'u', 'x')) AS backs_constraint,
           -- one "column:opclass:collation" per key column, space separated
           (SELECT string_agg(k.attnum || ':' || k.opclass || ':' || k.coll, ' ' ORDER BY k.pos)
            FROM unnest(x.indkey::int2[], x.indclass::oid[], x.indcollation::oid[])
                 WITH ORDINALITY k(attnum, opclass, coll, pos)
            WHERE k.pos <= x.indnkeyatts) AS key_columns
    FROM pg_index x
    JOIN pg_class i ON i.oid = x.indexrelid
    JOIN pg_class t ON t.oid = x.indrelid
    JOIN pg_namespace n ON n.oid = i.relnamespace
    JOIN pg_am am ON am.oid = i.relam
    CROSS JOIN params p
    WHERE n.nspname = p.schema_name
      AND t.relname NOT IN (p.flyway_table, p.ledger_table, 'idxmig_intent_log')
      AND am.amname = 'btree'
      AND x.indisvalid
      AND NOT i.relispartition  -- a partition's index follows its partitioned index: reported there, once
)
SELECT DISTINCT ON (a.indexrelid)
       a.schema_name,
       a.table_name,
       a.index_name,
       b.index_name AS covering_index,
       b.definition AS covering_definition,
       a.definition,
       a.size_bytes,
       -- a partitioned index cannot be dropped CONCURRENTLY: a plain DROP locks the partitions briefly
       format(CASE WHEN a.is_partitioned THEN 'DROP INDEX IF EXISTS %I.%I;'
                   ELSE 'DROP INDEX CONCURRENTLY IF EXISTS %I.%I;' END, a.schema_name, a.index_name) AS drop_statement
FROM indexes a
JOIN indexes b ON b.indrelid = a.indrelid
              AND b.indexrelid <> a.indexrelid
              AND b.predicate = a.predicate
              AND b.indnkeyatts > a.indnkeyatts
              AND left(b.key_columns, length(a.key_columns) + 1) = a.key_columns || ' '
WHERE NOT a.is_unique
  AND NOT a.backs_constraint
  AND NOT a.has_expressions
  AND NOT b.has_expressions
  AND a.indnatts = a.indnkeyatts
ORDER BY a.indexrelid, b.indnkeyatts, b.index_name
