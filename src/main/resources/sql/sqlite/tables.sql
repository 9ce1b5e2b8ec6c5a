-- Tables of the database with their columns, to tell when a migration changed more than indexes.
-- Parameters: Flyway history table, idxmig ledger table.
SELECT s.name AS table_name, ti.name AS column_name, ti.type AS data_type
FROM sqlite_schema s
JOIN pragma_table_info(s.name) ti
WHERE s.type = 'table'
  AND s.name NOT LIKE 'sqlite_%'
  AND s.name NOT IN (?, ?, 'idxmig_intent_log')
ORDER BY s.name, ti.cid
