-- Indexes with the same definition as another index of the same table: same method, columns or expressions,
-- operator classes, collations, sort orders and predicate (uniqueness aside). One of each group is kept: the one
-- backing a constraint, else a unique one, else the one queries scanned most, else the first by name; every
-- other one is reported.
-- Adapted from pg-index-health's duplicated_indexes.sql (Apache-2.0).
-- Parameters: schema, Flyway history table, idxmig ledger table.
WITH params AS (SELECT ?::text AS schema_name, ?::text AS flyway_table, ?::text AS ledger_table),
indexes AS (
    SELECT n.nspname                     AS schema_name,
           t.relname                     AS table_name,
           i.relname                     AS index_name,
           i.relkind = 'I'               AS is_partitioned,
           pg_get_indexdef(x.indexrelid) AS definition,
           pg_relation_size(x.indexrelid) AS size_bytes,
           x.indisunique                 AS is_unique,
           pg_stat_get_numscans(x.indexrelid) AS scans,
           EXISTS (SELECT 1
                   FROM pg_constraint c
                   WHERE c.conindid = x.indexrelid
                     AND c.conrelid = x.indrelid
                     AND c.contype IN ('p', 'u', 'x')) AS backs_constraint,
           concat_ws(' | ', x.indrelid::text, i.relam::text, x.indkey::text, x.indclass::text,
                     x.indcollation::text, x.indoption::text, pg_get_expr(x.indexprs, x.indrelid),
                     pg_get_expr(x.indpred, x.indrelid)) AS same_definition
    FROM pg_index x
    JOIN pg_class i ON i.oid = x.indexrelid
    JOIN pg_class t ON t.oid = x.indrelid
    JOIN pg_namespace n ON n.oid = i.relnamespace
    CROSS JOIN params p
    WHERE n.nspname = p.schema_name
      AND t.relname NOT IN (p.flyway_table, p.ledger_table, 'idxmig_intent_log')
      AND x.indisvalid
      AND NOT i.relispartition  -- a partition's index follows its partitioned index: reported there, once
),
ranked AS (
    SELECT indexes.*,
           first_value(index_name) OVER same AS kept_index,
           row_number() OVER same             AS position
    FROM indexes
    WINDOW same AS (PARTITION BY same_definition ORDER BY backs_constraint DESC, is_unique DESC, scans DESC, index_name)
)
SELECT schema_name,
       table_name,
       index_name,
       kept_index,
       definition,
       size_bytes,
       backs_constraint,
       -- a partitioned index cannot be dropped CONCURRENTLY: a plain DROP locks the partitions briefly
       CASE WHEN backs_constraint THEN NULL
            WHEN is_partitioned THEN format('DROP INDEX IF EXISTS %I.%I;', schema_name, index_name)
            ELSE format('DROP INDEX CONCURRENTLY IF EXISTS %I.%I;', schema_name, index_name) END AS drop_statement
FROM ranked
WHERE position > 1
ORDER BY table_name, index_name
