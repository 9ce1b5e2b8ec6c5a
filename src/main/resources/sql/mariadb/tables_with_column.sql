-- The tables of one database that have a column of this name (advise and audit look for a tenant column).
-- Parameters: schema (the database), column.
SELECT DISTINCT TABLE_NAME AS table_name
FROM information_schema.COLUMNS
WHERE TABLE_SCHEMA = ? AND COLUMN_NAME = ?
ORDER BY TABLE_NAME
