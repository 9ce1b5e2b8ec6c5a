-- What a session waits for right now and since when (pg_locks.waitstart, PostgreSQL 14+): a relation lock is
-- the table lock itself, virtualxid/transactionid the wait for older transactions. Parameter: pid.
SELECT a.wait_event_type, a.wait_event,
       coalesce(extract(epoch FROM clock_timestamp() - min(l.waitstart)), 0) AS waited_seconds
FROM pg_stat_activity a
LEFT JOIN pg_locks l ON l.pid = a.pid AND NOT l.granted
WHERE a.pid = ?::int
GROUP BY a.wait_event_type, a.wait_event
