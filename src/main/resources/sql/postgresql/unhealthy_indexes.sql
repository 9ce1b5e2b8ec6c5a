-- Indexes of the given schemas that are not valid, not ready or not live, with the CREATE INDEX [CONCURRENTLY]
-- still building one, if any (then it is in progress, not broken). A build reports its index in index_relid
-- once the index exists; before that only its table (relid) is known.
-- Parameter: schema names (text[]).
SELECT n.nspname   AS schema_name,
       t.relname   AS table_name,
       i.relname   AS index_name,
       x.indisvalid AS is_valid,
       x.indisready AS is_ready,
       x.indislive  AS is_live,
       p.pid       AS build_pid,
       p.phase     AS build_phase
FROM pg_index x
JOIN pg_class i ON i.oid = x.indexrelid
JOIN pg_class t ON t.oid = x.indrelid
JOIN pg_namespace n ON n.oid = i.relnamespace
LEFT JOIN pg_stat_progress_create_index p
       ON p.index_relid = x.indexrelid
       OR (p.index_relid = 0 AND p.relid = x.indrelid)
WHERE n.nspname = ANY (?)
  AND NOT (x.indisvalid AND x.indisready AND x.indislive)
ORDER BY n.nspname, t.relname, i.relname
