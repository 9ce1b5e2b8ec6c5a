-- The columns of one table; no rows: the table does not exist.
-- Parameters: schema (the database), table.
SELECT COLUMN_NAME AS column_name
FROM information_schema.COLUMNS
WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ?
ORDER BY ORDINAL_POSITION
