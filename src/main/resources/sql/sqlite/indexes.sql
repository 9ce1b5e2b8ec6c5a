-- Every user index of the database: indexes created with CREATE INDEX (origin 'c'); indexes SQLite makes for
-- PRIMARY KEY and UNIQUE constraints belong to the table definition and are left out, as are the indexes of
-- Flyway's and idxmig's own tables.
-- Parameters: Flyway history table, idxmig ledger table.
SELECT s.tbl_name  AS table_name,
       s.name      AS index_name,
       s.sql       AS definition,
       il."unique" AS is_unique,
       il.partial  AS is_partial
FROM sqlite_schema s
JOIN pragma_index_list(s.tbl_name) il ON il.name = s.name
WHERE s.type = 'index'
  AND il.origin = 'c'
  AND s.tbl_name NOT IN (?, ?, 'idxmig_intent_log')
ORDER BY s.tbl_name, s.name
