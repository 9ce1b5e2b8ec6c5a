-- The indexes of one table a query may be forced onto (plan-check's "usable" plan): every index but those IGNORED
-- (MariaDB 10.6+), which an index hint may not name.
-- Parameters: schema (the database), table.
SELECT DISTINCT INDEX_NAME AS index_name
FROM information_schema.STATISTICS
WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ? AND IGNORED = 'NO'
ORDER BY INDEX_NAME
