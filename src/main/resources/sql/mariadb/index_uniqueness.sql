-- Whether one index is UNIQUE (0) or not (1); NULL when the table has no index of that name.
-- Parameters: schema (the database), table, index.
SELECT MIN(NON_UNIQUE) AS non_unique
FROM information_schema.STATISTICS
WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ? AND INDEX_NAME = ?
