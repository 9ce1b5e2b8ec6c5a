-- Since when this server's usage statistics count, for audit: the last reset of this database's statistics
-- (pg_stat_reset(), NULL when never reset) and the server's start (statistics before it are lost on a crash);
-- the server's clock now; and whether it is a standby (a replica whose own scans audit adds with --replica).
-- Parameters: none.
SELECT to_char(d.stats_reset AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')                 AS stats_reset,
       to_char(pg_postmaster_start_time() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')  AS server_start,
       to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')                       AS now,
       pg_is_in_recovery()                                                                    AS in_recovery
FROM pg_stat_database d
WHERE d.datname = current_database()
