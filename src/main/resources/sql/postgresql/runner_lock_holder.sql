-- Who holds idxmig's runner lock (a session advisory lock taken with two int4 keys, so objsubid = 2).
-- Parameters: class key, object key.
SELECT a.pid,
       a.usename,
       a.application_name,
       coalesce(host(a.client_addr), 'local') AS client,
       a.backend_start,
       a.state
FROM pg_locks l
JOIN pg_stat_activity a ON a.pid = l.pid
WHERE l.locktype = 'advisory'
  AND l.classid = ?::int::oid
  AND l.objid = ?::int::oid
  AND l.objsubid = 2
  AND l.granted
LIMIT 1
