-- What a session waits for right now (PostgreSQL 13: pg_locks has no waitstart, so idxmig times the wait itself,
-- from the first poll that saw it). A relation lock is the table lock itself, virtualxid/transactionid the wait
-- for older transactions. query_start tells a retry (a new statement on the same session) from the wait before.
-- Parameter: pid.
SELECT a.wait_event_type, a.wait_event, a.query_start::text AS query_start
FROM pg_stat_activity a
WHERE a.pid = ?::int
