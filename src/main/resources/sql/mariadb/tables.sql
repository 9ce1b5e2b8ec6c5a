-- Tables of one database with their columns, to tell when a migration changed more than indexes: base tables
-- only (no views), data_type as information_schema spells it (int, varchar, datetime).
-- Parameters: schema (the database), Flyway history table, idxmig ledger table.
SELECT c.TABLE_NAME  AS table_name,
       c.COLUMN_NAME AS column_name,
       c.DATA_TYPE   AS data_type
FROM information_schema.COLUMNS c
JOIN information_schema.TABLES t
  ON t.TABLE_SCHEMA = c.TABLE_SCHEMA AND t.TABLE_NAME = c.TABLE_NAME
WHERE c.TABLE_SCHEMA = ?
  AND t.TABLE_TYPE = 'BASE TABLE'
  AND c.TABLE_NAME NOT IN (?, ?, 'idxmig_intent_log')
ORDER BY c.TABLE_NAME, c.ORDINAL_POSITION
