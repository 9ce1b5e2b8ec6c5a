-- Since when the usage statistics that doctor_unused_indexes and doctor_index_sizes read have been collected:
-- the last reset of this database's statistics, or else the server's start (statistics before it are lost on
-- a crash, and PostgreSQL 15+ also loses them on an immediate shutdown).
-- Parameters: none.
SELECT to_char(coalesce(d.stats_reset, pg_postmaster_start_time()) AT TIME ZONE 'UTC',
               'YYYY-MM-DD HH24:MI "UTC"')                                               AS since,
       CASE WHEN d.stats_reset IS NULL THEN 'server start' ELSE 'statistics reset' END   AS source,
       extract(epoch FROM now() - coalesce(d.stats_reset, pg_postmaster_start_time()))::bigint AS age_seconds
FROM pg_stat_database d
WHERE d.datname = current_database()
