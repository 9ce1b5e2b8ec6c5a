-- Statistics ANALYZE stored for one table: the first number of each stat is the table's row count when it was
-- analyzed. Fails when the database was never analyzed (no sqlite_stat1). Parameter: table.
SELECT stat FROM sqlite_stat1 WHERE tbl = ? ORDER BY idx IS NOT NULL LIMIT 1
