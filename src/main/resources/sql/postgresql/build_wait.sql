-- What a session waits for right now and since when (pg_locks.waitstart, PostgreSQL 14+): a relation lock is
-- the table lock itself, virtualxid/transactionid the wait for older transactions. pg_locks is only read while
-- the session waits on a lock: reading it takes the lock manager's partition locks, which writers also need.
-- Parameter: pid.
SELECT a.wait_event_type, a.wait_event,
       CASE WHEN a.wait_event_type = 'Lock' THEN
           (SELECT coalesce(extract(epoch FROM clock_timestamp() - min(l.waitstart)), 0)
            FROM pg_locks l WHERE l.pid = a.pid AND NOT l.granted)
       ELSE 0 END AS waited_seconds
FROM pg_stat_activity a
WHERE a.pid = ?::int
