-- Columns of one table the planner's statistics say hold few distinct values (a status, a kind): where a query's
-- constant on one can make a partial index. n_distinct > 0 is a count (negative is a share of the rows).
-- Parameters: schema, table, the most distinct values that still count as few.
SELECT attname AS column_name
FROM pg_stats
WHERE schemaname = ? AND tablename = ? AND n_distinct > 0 AND n_distinct <= ?
