-- Sessions holding a granted lock on a table, except one: who kept a build from its lock once the build itself
-- has given up waiting. Parameters: table oid, pid to leave out.
SELECT a.pid, a.usename AS user_name, a.application_name, a.state,
       extract(epoch FROM clock_timestamp() - coalesce(a.xact_start, a.query_start, a.backend_start)) AS seconds,
       left(split_part(coalesce(a.query, ''), E'\n', 1), 120) AS query
FROM pg_stat_activity a
WHERE a.pid IN (SELECT l.pid FROM pg_locks l WHERE l.relation = ?::oid AND l.granted)
  AND a.pid <> ?::int
ORDER BY a.pid
