-- Indexes whose key columns are the leading key columns of another index of the same table, with the same
-- collations, sort orders and WHERE clause: every query the shorter one serves, the longer one serves too.
-- Left out: unique indexes and SQLite's automatic constraint indexes (they enforce something), indexes on
-- expressions (not compared), exact duplicates (doctor_duplicate_indexes).
-- Parameters: Flyway history table, idxmig ledger table.
WITH params AS (SELECT ? AS flyway_table, ? AS ledger_table),
indexes AS (
    SELECT t.name                 AS table_name,
           il.name                AS index_name,
           il."unique"            AS is_unique,
           il.origin              AS origin,
           coalesce(s.sql, 'automatic index for ' || upper(il.origin) || ' constraint') AS definition,
           (SELECT count(*) FROM pragma_index_xinfo(il.name) xi WHERE xi.key = 1) AS key_count,
           (SELECT group_concat(xi.cid || ':' || xi.coll || ':' || xi."desc", ',' ORDER BY xi.seqno)
            FROM pragma_index_xinfo(il.name) xi
            WHERE xi.key = 1) AS key_columns,
           (SELECT count(*) FROM pragma_index_xinfo(il.name) xi WHERE xi.key = 1 AND xi.cid = -2) AS expressions,
           CASE WHEN il.partial = 1
                THEN trim(substr(replace(replace(replace(s.sql, char(13), ' '), char(10), ' '), char(9), ' '),
                                 instr(upper(replace(replace(replace(s.sql, char(13), ' '), char(10), ' '),
                                                     char(9), ' ')), ' WHERE ')))
                ELSE '' END AS predicate
    FROM sqlite_schema t
    JOIN pragma_index_list(t.name) il
    LEFT JOIN sqlite_schema s ON s.type = 'index' AND s.name = il.name
    CROSS JOIN params p
    WHERE t.type = 'table'
      AND t.name NOT LIKE 'sqlite\_%' ESCAPE '\'
      AND t.name NOT IN (p.flyway_table, p.ledger_table, 'idxmig_intent_log')
),
covered AS (
    SELECT a.table_name,
           a.index_name,
           a.definition,
           b.index_name AS covering_index,
           b.definition AS covering_definition,
           row_number() OVER (PARTITION BY a.table_name, a.index_name ORDER BY b.key_count, b.index_name) AS position
    FROM indexes a
    JOIN indexes b ON b.table_name = a.table_name
                  AND b.index_name <> a.index_name
                  AND b.predicate = a.predicate
                  AND b.key_count > a.key_count
                  AND substr(b.key_columns, 1, length(a.key_columns) + 1) = a.key_columns || ','
    WHERE NOT a.is_unique
      AND a.origin = 'c'
      AND a.expressions = 0
      AND b.expressions = 0
)
SELECT 'main'            AS schema_name,
       table_name,
       index_name,
       covering_index,
       covering_definition,
       definition,
       NULL              AS size_bytes,
       'DROP INDEX IF EXISTS "' || replace(index_name, '"', '""') || '";' AS drop_statement
FROM covered
WHERE position = 1
ORDER BY table_name, index_name
