-- Foreign keys whose columns are not the leading columns (in any order) of any non-partial index of the
-- referencing table. SQLite, like PostgreSQL, creates no such index: with foreign keys enforced, every delete or
-- key update on the parent then scans the child table.
-- Parameters: Flyway history table, idxmig ledger table.
WITH params AS (SELECT ? AS flyway_table, ? AS ledger_table),
foreign_keys AS (
    SELECT t.name       AS table_name,
           f.id         AS fk_id,
           f."table"    AS referenced_table,
           count(*)     AS column_count,
           group_concat('"' || replace(f."from", '"', '""') || '"', ', ' ORDER BY f.seq) AS columns,
           group_concat(f."from", ', ' ORDER BY f.seq) AS names,
           group_concat(f."from", '_' ORDER BY f.seq) AS underscored
    FROM sqlite_schema t
    JOIN pragma_foreign_key_list(t.name) f
    CROSS JOIN params p
    WHERE t.type = 'table'
      AND t.name NOT LIKE 'sqlite\_%' ESCAPE '\'
      AND t.name NOT IN (p.flyway_table, p.ledger_table, 'idxmig_intent_log')
    GROUP BY t.name, f.id, f."table"
)
SELECT 'main'                 AS schema_name,
       fk.table_name,
       fk.table_name || '(' || fk.names || ')' AS constraint_name,  -- SQLite keeps no constraint names
       fk.referenced_table,
       fk.names               AS columns,
       'CREATE INDEX IF NOT EXISTS "' || replace(fk.table_name || '_' || fk.underscored || '_idx', '"', '""')
           || '" ON "' || replace(fk.table_name, '"', '""') || '" (' || fk.columns || ');' AS create_statement,
       'a partial index does not count here' AS accepted
FROM foreign_keys fk
WHERE NOT EXISTS (SELECT 1
                  FROM pragma_index_list(fk.table_name) il
                  WHERE il.partial = 0
                    AND (SELECT count(*)
                         FROM pragma_index_info(il.name) ii
                         JOIN pragma_foreign_key_list(fk.table_name) f2 ON f2.id = fk.fk_id AND f2."from" = ii.name
                         WHERE ii.seqno < fk.column_count) = fk.column_count)
ORDER BY fk.table_name, fk.columns
