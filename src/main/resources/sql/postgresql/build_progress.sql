-- Progress of a running CREATE INDEX / REINDEX (pg_stat_progress_create_index). Parameter: pid of the builder.
SELECT command, phase, blocks_done, blocks_total, tuples_done, tuples_total,
       lockers_done, lockers_total, current_locker_pid
FROM pg_stat_progress_create_index
WHERE pid = ?::int
