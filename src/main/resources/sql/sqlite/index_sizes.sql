-- Bytes used by each index, from the dbstat virtual table (present when SQLite is built with
-- SQLITE_ENABLE_DBSTAT_VTAB; the caller probes for it).
SELECT name, sum(pgsize) AS size_bytes
FROM dbstat
GROUP BY name
