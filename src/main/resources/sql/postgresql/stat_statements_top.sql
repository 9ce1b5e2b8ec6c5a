-- The statements of this database that took the most execution time, as pg_stat_statements normalised them
-- ($1, $2 for constants), leaving out idxmig's own and the catalog's. The view is read through the schema the
-- extension lives in ({schema}, quoted by the caller); statements naming a catalog (pg_*) are not the
-- application's. Parameters: minimum calls, how many.
SELECT s.queryid, s.query, s.calls, s.total_exec_time, s.mean_exec_time
FROM {schema}.pg_stat_statements s
WHERE s.dbid = (SELECT oid FROM pg_database WHERE datname = current_database())
  AND s.calls >= ?
  AND s.query ~* '^\s*(select|with|update|delete)\M'
  AND s.query !~* '(\mpg_[a-z_]+|information_schema|hypopg|flyway_schema_history|idxmig_)'
ORDER BY s.total_exec_time DESC
LIMIT ?
