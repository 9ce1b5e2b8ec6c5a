-- Tables of one schema with their columns, to tell when a migration changed more than indexes.
-- Parameters: schema, Flyway history table, idxmig ledger table.
SELECT c.table_name, c.column_name, c.data_type
FROM information_schema.columns c
JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
WHERE c.table_schema = ?
  AND t.table_type = 'BASE TABLE'
  AND c.table_name NOT IN (?, ?, 'idxmig_intent_log')
ORDER BY c.table_name, c.ordinal_position
