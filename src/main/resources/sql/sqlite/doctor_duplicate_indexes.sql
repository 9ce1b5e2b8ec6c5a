-- Indexes with the same definition as another index of the same table: same key columns in the same order,
-- collations and sort orders, and the same WHERE clause (uniqueness aside). One of each group is kept: the one
-- SQLite made for a PRIMARY KEY or UNIQUE constraint, else a unique one, else the first by name; every other one
-- is reported. Indexes on expressions are left out (pragma_index_xinfo does not give their text).
-- Parameters: Flyway history table, idxmig ledger table.
WITH params AS (SELECT ? AS flyway_table, ? AS ledger_table),
indexes AS (
    SELECT t.name                 AS table_name,
           il.name                AS index_name,
           il."unique"            AS is_unique,
           il.origin <> 'c'       AS backs_constraint,
           coalesce(s.sql, 'automatic index for ' || upper(il.origin) || ' constraint') AS definition,
           (SELECT group_concat(xi.cid || ':' || xi.coll || ':' || xi."desc", ',' ORDER BY xi.seqno)
            FROM pragma_index_xinfo(il.name) xi
            WHERE xi.key = 1) AS key_columns,
           (SELECT count(*) FROM pragma_index_xinfo(il.name) xi WHERE xi.key = 1 AND xi.cid = -2) AS expressions,
           -- the WHERE clause as written, white space folded to single blanks at the line ends
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
ranked AS (
    SELECT indexes.*,
           first_value(index_name) OVER same AS kept_index,
           row_number() OVER same             AS position
    FROM indexes
    WHERE expressions = 0
    WINDOW same AS (PARTITION BY table_name, key_columns, predicate
                    ORDER BY backs_constraint DESC, is_unique DESC, index_name)
)
SELECT 'main'            AS schema_name,
       table_name,
       index_name,
       kept_index,
       definition,
       NULL              AS size_bytes,
       backs_constraint,
       CASE WHEN NOT backs_constraint
            THEN 'DROP INDEX IF EXISTS "' || replace(index_name, '"', '""') || '";' END AS drop_statement
FROM ranked
WHERE position > 1
ORDER BY table_name, index_name
