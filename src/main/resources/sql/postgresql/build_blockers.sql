-- Sessions blocking a given session (pg_blocking_pids), with who they are and the first line of their query.
-- Parameter: pid of the blocked session.
SELECT a.pid, a.usename AS user_name, a.application_name, a.state,
       extract(epoch FROM clock_timestamp() - coalesce(a.xact_start, a.query_start, a.backend_start)) AS seconds,
       left(split_part(coalesce(a.query, ''), E'\n', 1), 120) AS query
FROM pg_stat_activity a
WHERE a.pid = ANY (pg_blocking_pids(?::int))
ORDER BY a.pid
